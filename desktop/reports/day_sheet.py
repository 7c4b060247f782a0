"""The day sheet of a practitioner: A4 portrait, one table per page.

Each row is an appointment (time, patient with birth name and birth date, visit reason, phone,
boxes to tick: arrived / seen / absent, notes), an absence or a free period of the openings.
The minimal-identity version, for sheets left on a desk, shows initials and birth year only,
and neither phones nor notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from reportlab.platypus import PageBreak, Spacer

from desktop.domain.model import Patient, Status
from desktop.reports import styles
from desktop.reports.agenda_data import PractitionerDay, SheetRow, duration_text, sheet_rows
from desktop.reports.templates import (
    Letterhead,
    PlainText,
    Rendered,
    Row,
    SetHeader,
    TextLines,
    frame_size,
    height_of,
    paged_tables,
    render,
)
from desktop.reports.wording import (
    birth_name_text,
    birth_text,
    clock,
    initials,
    long_date,
    patient_name,
    phone_text,
)

TITLE = "Journée du praticien"
TITLE_MINIMAL = "Journée du praticien — identité réduite"
SIZE = 8
LINE = SIZE * 1.25
ROW_HEIGHT = 2 * LINE + 6
THIN_ROW = LINE + 7
HEADER_ROW = 16
BOX, TICKED = "☐", "☒"
TICKS = (Status.ARRIVED, Status.SEEN, Status.NO_SHOW)
FULL_COLUMNS = (
    ("Heure", 38),
    ("Patient", 140),
    ("Motif", 100),
    ("Téléphone", 72),
    ("Arrivé", 33),
    ("Vu", 33),
    ("Absent", 33),
    ("Notes", None),
)
MINIMAL_COLUMNS = (
    ("Heure", 38),
    ("Patient", 96),
    ("Motif", 150),
    ("Arrivé", 33),
    ("Vu", 33),
    ("Absent", 33),
    ("Notes", None),
)


def day_sheet_pdf(
    day: PractitionerDay, letterhead: Letterhead, *, minimal: bool = False, invariant=False
) -> bytes:
    """The day sheet of one practitioner as PDF bytes."""
    return day_sheets([day], letterhead, minimal=minimal, invariant=invariant).pdf


def day_sheets(
    days: Sequence[PractitionerDay],
    letterhead: Letterhead,
    *,
    minimal: bool = False,
    invariant: bool = False,
) -> Rendered:
    """Several day sheets in one document, each starting on a new page."""
    story: list = []
    for n, day in enumerate(days):
        if n:
            story.append(PageBreak())
        story += sheet_story(day, minimal)
    first = days[0] if days else None
    subtitle = _subtitle(first) if first else ""
    title = TITLE_MINIMAL if minimal else TITLE
    return render(story, letterhead, title, subtitle, invariant=invariant)


def _subtitle(day: PractitionerDay) -> str:
    return f"{day.practitioner} — {long_date(day.day)}"


def sheet_story(day: PractitionerDay, minimal: bool = False) -> list:
    """The flowables of one practitioner's day."""
    columns = MINIMAL_COLUMNS if minimal else FULL_COLUMNS
    width, page_height = frame_size()
    widths = _widths(columns, width)
    rows = sheet_rows(day)
    intro = _intro(day, rows)
    story: list = [SetHeader(TITLE_MINIMAL if minimal else TITLE, _subtitle(day)), *intro]
    if not rows:
        return story
    header = Row([name for name, _ in columns], HEADER_ROW, _header_style(columns))
    table_rows = [_row(r, widths, minimal) for r in rows]
    story += paged_tables(
        header,
        table_rows,
        widths,
        first_avail=page_height - height_of(intro, width) - 2,
        page_avail=page_height - 2,
        extra_style=_box_style(columns),
    )
    return story


def _widths(columns, width: float) -> list[float]:
    fixed = sum(w for _, w in columns if w)
    return [w if w else width - fixed for _, w in columns]


def _header_style(columns) -> tuple:
    first_box = [name for name, _ in columns].index("Arrivé")
    return (("ALIGN", first_box, first_box + 2, "CENTER"),)


def _box_style(columns) -> list:
    first_box = [name for name, _ in columns].index("Arrivé")
    return [
        ("ALIGN", (first_box, 1), (first_box + 2, -1), "CENTER"),
        ("FONTSIZE", (first_box, 1), (first_box + 2, -1), 12),
    ]


def _intro(day: PractitionerDay, rows: list[SheetRow]) -> list:
    where = " · ".join(x for x in (day.department, day.site, long_date(day.day)) if x)
    story: list = [PlainText(day.practitioner, styles.TITLE), PlainText(where, styles.SUBTITLE)]
    if day.closed:
        story.append(PlainText(f"Site fermé : {day.closed}.", styles.BANNER, 2))
    count = len(day.bookings)
    parts = [f"{count} rendez-vous" if count else "aucun rendez-vous"]
    free = sum(((r.end - r.start) for r in rows if r.kind == "free"), start=timedelta(0))
    if free:
        parts.append(f"{duration_text(free)} libres")
    for a in day.absences:
        parts.append(
            f"absence {clock(a.start)}–{clock(a.end)}" + (f" ({a.label})" if a.label else "")
        )
    if not rows and not day.closed:
        parts.append("aucune plage ouverte")
    story.append(PlainText(" · ".join(parts), styles.BODY, 3))
    story.append(Spacer(1, 6))
    return story


def patient_cell(patient: Patient, width: float) -> TextLines:
    """Name in bold on the first line; birth name and birth date on the second."""
    first = styles.ellipsis(patient_name(patient), width, SIZE, True)
    born = birth_name_text(patient)
    second = f"{born}, le {patient.birth_date:%d/%m/%Y}" if born else birth_text(patient)
    return TextLines(
        [(first, True, None), (styles.ellipsis(second, width, SIZE), False, styles.MUTED)], SIZE
    )


def _row(row: SheetRow, widths: list[float], minimal: bool) -> Row:
    span = f"{clock(row.start)}\n{clock(row.end)}"
    if row.kind == "free":
        text = f"Libre — {duration_text(row.end - row.start)}"
        return Row(
            [f"{clock(row.start)}", text] + [""] * (len(widths) - 2),
            THIN_ROW,
            (
                ("BACKGROUND", 0, -1, styles.FREE),
                ("TEXTCOLOR", 0, -1, styles.FREE_INK),
                ("SPAN", 1, -1),
            ),
        )
    if row.kind == "absence":
        text = "Absence" + (f" — {row.label}" if row.label else "")
        text += f" (jusqu'à {clock(row.end)})"
        return Row(
            [clock(row.start), styles.ellipsis(text, sum(widths[1:]) - 8, SIZE, True)]
            + [""] * (len(widths) - 2),
            THIN_ROW,
            (
                ("BACKGROUND", 0, -1, styles.ABSENT),
                ("FONT", 1, 1, styles.FONT_BOLD, SIZE),
                ("TEXTCOLOR", 0, -1, styles.MUTED),
                ("SPAN", 1, -1),
            ),
        )
    booking = row.booking
    assert booking is not None
    patient = booking.patient
    boxes = [TICKED if booking.status is s else BOX for s in TICKS]
    if minimal:
        who = TextLines(
            [(styles.ellipsis(initials(patient), widths[1] - 6, SIZE, True), True, None)], SIZE
        )
        reason = "\n".join(styles.fit_lines(booking.visit_reason, widths[2] - 6, SIZE, 2))
        return Row([span, who, reason, *boxes, ""], ROW_HEIGHT)
    who = patient_cell(patient, widths[1] - 6)
    reason = "\n".join(styles.fit_lines(booking.visit_reason, widths[2] - 6, SIZE, 2))
    phones = "\n".join(phone_text(p.e164) for p in patient.phones[:2])
    notes_lines = ["Surbooking"] if booking.overbooked else []
    notes_lines += styles.fit_lines(booking.notes, widths[-1] - 6, SIZE, 2 - len(notes_lines))
    style: tuple = ()
    if booking.overbooked:
        style = (("TEXTCOLOR", -1, -1, styles.ALERT),)
    return Row([span, who, reason, phones, *boxes, "\n".join(notes_lines)], ROW_HEIGHT, style)
