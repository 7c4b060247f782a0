"""The department's day for the reception desk: A4 portrait, every appointment of every
practitioner of the department in time order, with a box to tick when the patient arrives.

Page one opens with each practitioner's hours, count and absences; the list follows, one table
per page.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph

from desktop.domain.model import Status
from desktop.reports import styles
from desktop.reports.agenda_data import Booking, DepartmentDay, PractitionerDay
from desktop.reports.day_sheet import patient_cell
from desktop.reports.templates import (
    Letterhead,
    Row,
    frame_size,
    height_of,
    paged_tables,
    render,
)
from desktop.reports.wording import clock, long_date, phone_text

TITLE = "Liste du service"
SIZE = 8
ROW_HEIGHT = 2 * SIZE * 1.25 + 6
HEADER_ROW = 16
COLUMNS = (
    ("Heure", 38),
    ("Praticien", 96),
    ("Patient", 150),
    ("Motif", 110),
    ("Téléphone", 72),
    ("Arrivé", None),
)


def department_day_pdf(
    department_day: DepartmentDay, letterhead: Letterhead, *, invariant: bool = False
) -> bytes:
    """The reception list of a department's day as PDF bytes."""
    subtitle = f"{department_day.department} — {long_date(department_day.day)}"
    story = department_story(department_day)
    return render(story, letterhead, TITLE, subtitle, invariant=invariant).pdf


def department_story(department_day: DepartmentDay) -> list:
    width, page_height = frame_size()
    fixed = sum(w for _, w in COLUMNS if w)
    widths = [w if w else width - fixed for _, w in COLUMNS]
    intro = _intro(department_day)
    entries = sorted(
        (
            (b.start, p.practitioner, b.patient.family_name.casefold(), n, b, p)
            for p in department_day.practitioners
            for n, b in enumerate(p.bookings)
        ),
        key=lambda e: e[:4],
    )
    if not entries:
        return [*intro, Paragraph("Aucun rendez-vous ce jour dans le service.", styles.BODY)]
    header = Row([name for name, _ in COLUMNS], HEADER_ROW, (("ALIGN", -1, -1, "CENTER"),))
    rows = [_row(booking, day, widths) for *_, booking, day in entries]
    return intro + paged_tables(
        header,
        rows,
        widths,
        first_avail=page_height - height_of(intro, width) - 2,
        page_avail=page_height - 2,
        extra_style=[
            ("ALIGN", (-1, 1), (-1, -1), "CENTER"),
            ("FONTSIZE", (-1, 1), (-1, -1), 12),
        ],
    )


def _intro(department_day: DepartmentDay) -> list:
    where = " · ".join(x for x in (department_day.site, long_date(department_day.day)) if x)
    story = [
        Paragraph(escape(department_day.department), styles.TITLE),
        Paragraph(escape(where), styles.SUBTITLE),
    ]
    for day in department_day.practitioners:
        story.append(Paragraph(_summary(day), styles.BODY))
    story.append(Paragraph("", styles.NOTE))
    return story


def _summary(day: PractitionerDay) -> str:
    hours = ", ".join(f"{clock(s.start)}–{clock(s.end)}" for s in day.open_spans)
    count = len(day.bookings)
    parts = [f"{count} rendez-vous" if count else "aucun rendez-vous"]
    if day.closed:
        parts.append(f"fermé : {day.closed}")
    elif hours:
        parts.append(f"plages {hours}")
    for a in day.absences:
        label = f" ({a.label})" if a.label else ""
        parts.append(f"absent {clock(a.start)}–{clock(a.end)}{label}")
    return f"<b>{escape(day.practitioner)}</b> — {escape(' · '.join(parts))}"


def _row(booking: Booking, day: PractitionerDay, widths: list[float]) -> Row:
    patient = booking.patient
    who = patient_cell(patient, widths[2] - 6)
    practitioner = "\n".join(styles.fit_lines(day.practitioner, widths[1] - 6, SIZE, 2))
    reason = "\n".join(styles.fit_lines(booking.visit_reason, widths[3] - 6, SIZE, 2))
    phones = "\n".join(phone_text(p.e164) for p in patient.phones[:2])
    arrived = "☒" if booking.status in (Status.ARRIVED, Status.SEEN) else "☐"
    style = (("TEXTCOLOR", 0, 0, styles.ALERT),) if booking.overbooked else ()
    return Row(
        [clock(booking.start), practitioner, who, reason, phones, arrived], ROW_HEIGHT, style
    )
