"""Letters to patients and lists for the secretariat: the appointment confirmation (date, time,
place with its address, practitioner, what to bring, how to cancel) and the call list of the
absence workflow (the patients whose appointment an absence hits, with a slot to offer them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph, Spacer, Table

from desktop.domain.model import Patient, Sex
from desktop.reports import styles
from desktop.reports.agenda_data import Booking, duration_text
from desktop.reports.day_sheet import patient_cell
from desktop.reports.templates import (
    Letterhead,
    Row,
    frame_size,
    height_of,
    paged_tables,
    render,
)
from desktop.reports.wording import (
    NBSP,
    birth_text,
    clock,
    date_text,
    long_date,
    patient_name,
    phone_text,
)

CONFIRMATION_TITLE = "Confirmation de rendez-vous"
CALL_LIST_TITLE = "Patients à appeler"
ARRIVAL_ADVICE = (
    "Merci de vous présenter à l'accueil un quart d'heure avant l'heure du rendez-vous, muni(e) "
    "de votre carte Vitale, d'une pièce d'identité et de vos derniers comptes rendus."
)


@dataclass(frozen=True)
class Confirmation:
    """What the confirmation letter says; times local."""

    appointment_id: int
    patient: Patient
    start: datetime
    end: datetime
    practitioner: str
    department: str
    site: str
    address: str
    visit_reason: str
    instructions: str = ""
    hospital_phone: str = ""
    booking_url: str = ""


@dataclass(frozen=True)
class CallEntry:
    """A patient to call: the appointment hit, and the replacement to offer when there is one."""

    booking: Booking
    replacement_start: datetime | None = None
    replacement_practitioner: str = ""


@dataclass(frozen=True)
class CallList:
    """The call list of one practitioner's absence; times local."""

    practitioner: str
    start: datetime
    end: datetime
    reason: str
    entries: tuple[CallEntry, ...]
    department: str = ""


def _salutation(patient: Patient) -> tuple[str, str]:
    """("Madame", "Madame Marie DUPONT") — the greeting and the addressee line."""
    title = {Sex.F: "Madame", Sex.M: "Monsieur"}.get(patient.sex, "Madame, Monsieur")
    who = f"{patient.given_names} {patient.family_name.upper()}".strip()
    addressee = f"{title} {who}" if patient.sex in (Sex.F, Sex.M) else who
    return title, addressee


def confirmation_pdf(
    letter: Confirmation, letterhead: Letterhead, *, invariant: bool = False
) -> bytes:
    """The appointment confirmation letter as PDF bytes."""
    width, _ = frame_size()
    title, addressee = _salutation(letter.patient)
    printed = letterhead.printed_at.date()
    address_block = Table(
        [[""], [addressee], [birth_text(letter.patient)]],
        colWidths=[width * 0.45],
        hAlign="RIGHT",
        style=[
            ("FONT", (0, 0), (-1, -1), styles.FONT, 10),
            ("FONT", (0, 1), (0, 1), styles.FONT_BOLD, 10.5),
            ("TEXTCOLOR", (0, 2), (0, 2), styles.MUTED),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ],
    )
    duration = duration_text(letter.end - letter.start)
    place = ", ".join(x for x in (letter.site, letter.address) if x)
    details = [
        ("Date", long_date(letter.start.date()).capitalize()),
        ("Heure", f"{clock(letter.start)} (durée prévue : {duration})"),
        ("Lieu", place),
        ("Service", letter.department),
        ("Praticien", letter.practitioner),
        ("Motif", letter.visit_reason),
        ("Référence", f"rendez-vous n° {letter.appointment_id}"),
    ]
    detail_table = Table(
        [[label, Paragraph(escape(value), styles.BODY)] for label, value in details if value],
        colWidths=[80, width - 80],
        hAlign="LEFT",
        style=[
            ("FONT", (0, 0), (0, -1), styles.FONT_BOLD, 9.5),
            ("TEXTCOLOR", (0, 0), (0, -1), styles.ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, -1), styles.ACCENT_PALE),
            ("BOX", (0, 0), (-1, -1), 0.8, styles.ACCENT),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ],
    )
    story: list = [
        Spacer(1, 6),
        address_block,
        Spacer(1, 18),
        Paragraph(f"Le {date_text(printed)}", styles.BODY_RIGHT),
        Spacer(1, 12),
        Paragraph(CONFIRMATION_TITLE, styles.TITLE),
        Spacer(1, 8),
        Paragraph(f"{escape(title)},", styles.BODY),
        Spacer(1, 6),
        Paragraph("Nous avons le plaisir de vous confirmer votre rendez-vous :", styles.BODY),
        Spacer(1, 8),
        detail_table,
        Spacer(1, 12),
    ]
    if letter.instructions.strip():
        story += [
            Paragraph("À prévoir", styles.HEADING),
            Paragraph(escape(letter.instructions.strip()), styles.BODY),
            Spacer(1, 6),
        ]
    story += [Paragraph(ARRIVAL_ADVICE, styles.BODY), Spacer(1, 8)]
    story.append(Paragraph(_cancel_text(letter), styles.BODY))
    story += [
        Spacer(1, 14),
        Paragraph(
            f"Nous vous prions d'agréer, {escape(title)}, l'expression de nos salutations "
            "distinguées.",
            styles.BODY,
        ),
        Spacer(1, 16),
        Paragraph(f"Le secrétariat de {escape(letter.department or 'consultation')}", styles.BODY),
    ]
    subtitle = f"{patient_name(letter.patient)} — {date_text(letter.start.date())}"
    return render(story, letterhead, CONFIRMATION_TITLE, subtitle, invariant=invariant).pdf


def _cancel_text(letter: Confirmation) -> str:
    text = "<b>Un empêchement ?</b> Prévenez-nous au moins 48 heures à l'avance"
    if letter.hospital_phone:
        phone = escape(phone_text(letter.hospital_phone)).replace(" ", NBSP)
        text += f" en appelant le secrétariat au {phone}"
        if letter.booking_url:
            text += f", ou sur {escape(letter.booking_url)}"
    elif letter.booking_url:
        text += f" sur {escape(letter.booking_url)}"
    text += (
        ", en rappelant la référence du rendez-vous : le créneau sera proposé à un autre patient."
    )
    return text


CALL_COLUMNS = (
    ("Rendez-vous", 62),
    ("Patient", 150),
    ("Téléphones", 78),
    ("Motif", 120),
    ("Proposition", 150),
    ("Joint", 34),
    ("Réponse, remarques", None),
)


def call_list_pdf(calls: CallList, letterhead: Letterhead, *, invariant: bool = False) -> bytes:
    """The call list of an absence as PDF bytes (A4 landscape, one table per page)."""
    width, page_height = frame_size(wide=True)
    fixed = sum(w for _, w in CALL_COLUMNS if w)
    widths = [w if w else width - fixed for _, w in CALL_COLUMNS]
    period = f"du {_when(calls.start)} au {_when(calls.end)}"
    count = len(calls.entries)
    summary = (
        f"{count} patient{'s' if count > 1 else ''} à appeler"
        if count
        else ("Aucun patient à appeler : tous les rendez-vous ont été replanifiés.")
    )
    intro = [
        Paragraph(escape(f"Absence de {calls.practitioner}"), styles.TITLE),
        Paragraph(
            escape(" · ".join(x for x in (calls.department, period, calls.reason) if x)),
            styles.SUBTITLE,
        ),
        Paragraph(escape(summary), styles.BODY),
        Spacer(1, 6),
    ]
    story = list(intro)
    if calls.entries:
        header = Row([n for n, _ in CALL_COLUMNS], 16, (("ALIGN", 5, 5, "CENTER"),))
        rows = [_call_row(e, widths) for e in calls.entries]
        story += paged_tables(
            header,
            rows,
            widths,
            first_avail=page_height - height_of(intro, width) - 2,
            page_avail=page_height - 2,
            extra_style=[
                ("ALIGN", (5, 1), (5, -1), "CENTER"),
                ("FONTSIZE", (5, 1), (5, -1), 12),
                ("LINEAFTER", (5, 1), (5, -1), 0.3, styles.RULE),
            ],
        )
    subtitle = f"{calls.practitioner} — {period}"
    return render(
        story,
        letterhead,
        CALL_LIST_TITLE,
        subtitle,
        wide=True,
        invariant=invariant,
    ).pdf


def _when(moment: datetime) -> str:
    return f"{moment:%d/%m/%Y} {clock(moment)}"


def _call_row(entry: CallEntry, widths: list[float]) -> Row:
    booking = entry.booking
    size = 8
    when = f"{booking.start:%d/%m/%Y}\n{clock(booking.start)}"
    phones = "\n".join(phone_text(p.e164) for p in booking.patient.phones[:2]) or "aucun"
    reason = "\n".join(styles.fit_lines(booking.visit_reason, widths[3] - 6, size, 2))
    if entry.replacement_start is not None:
        offer = (
            f"{entry.replacement_start:%d/%m/%Y} à {clock(entry.replacement_start)}\n"
            + styles.ellipsis(entry.replacement_practitioner, widths[4] - 6, size)
        )
    else:
        offer = "aucun créneau dans les 90 jours"
    style = () if booking.patient.phones else (("TEXTCOLOR", 2, 2, styles.ALERT),)
    return Row(
        [when, patient_cell(booking.patient, widths[1] - 6), phones, reason, offer, "☐", ""],
        2 * size * 1.25 + 8,
        style,
    )
