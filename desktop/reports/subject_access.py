"""The subject access extract (GDPR, article 15): everything Créneau stores about one patient —
identity, appointments, waiting-list entries, the SMS of the reminder queue (about their
appointments and their online booking requests: kind, due time, number in full, status and
reason, text) and the audit entries that concern them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.platypus import PageBreak, Paragraph, Table

from desktop.domain.history import action_label
from desktop.domain.model import Patient, Status
from desktop.reports import styles
from desktop.reports.templates import Letterhead, Row, frame_size, height_of, paged_tables, render
from desktop.reports.wording import (
    CHANNEL_LABELS,
    SEX_LABELS,
    clock,
    date_text,
    patient_name,
    phone_text,
)

TITLE = "Extrait des données personnelles"
NO_REMINDERS = "Aucun SMS (confirmation, rappel, réponse à une demande) pour ce patient."
EXTRA_ACTIONS = {
    "export.subject_access": "Extrait des données personnelles (droit d'accès)",
    "export.csv": "Export des rendez-vous (CSV)",
    "export.ics": "Export d'agenda (iCalendar)",
}
SIZE = 7.5


@dataclass(frozen=True)
class AppointmentRecord:
    """One appointment of the patient, every field stored; times local."""

    id: int
    start: datetime
    end: datetime
    practitioner: str
    department: str
    site: str
    visit_reason: str
    status: Status
    channel: str
    created_by: str
    created_at: datetime | None
    details: str = ""  # overbooking, cancellation (reason, origin), notes


@dataclass(frozen=True)
class WaitingRecord:
    """One waiting-list entry of the patient."""

    created_at: datetime | None
    visit_reason: str
    who: str
    status: str
    details: str = ""


@dataclass(frozen=True)
class ReminderRecord:
    """One SMS about the patient's appointment or online request; times local."""

    due: datetime
    kind: str  # "Rappel la veille", "Demande reçue"…
    about: str  # "rendez-vous n° 12", "demande en ligne n° 3"
    number: str  # in full: it is the patient's own
    status: str
    text: str
    sent_at: datetime | None = None
    reason: str = ""  # the gateway's reply, or why it was not sent


@dataclass(frozen=True)
class AuditRecord:
    """One audit entry that concerns the patient; ``at`` local."""

    at: datetime
    actor: str
    workstation: str
    action: str
    object: str
    before: dict | None = None
    after: dict | None = None


@dataclass(frozen=True)
class SubjectAccess:
    """What the extract shows."""

    patient: Patient
    appointments: tuple[AppointmentRecord, ...] = ()
    waiting: tuple[WaitingRecord, ...] = ()
    audit: tuple[AuditRecord, ...] = ()
    reminders: tuple[ReminderRecord, ...] = ()
    created_at: datetime | None = None
    created_by: str = ""
    requested_by: str = ""


def subject_access_pdf(
    extract: SubjectAccess, letterhead: Letterhead, *, invariant: bool = False
) -> bytes:
    """The extract as PDF bytes."""
    width, page_height = frame_size()
    patient = extract.patient
    printed = letterhead.printed_at
    story: list = [
        Paragraph(TITLE, styles.TITLE),
        Paragraph(
            escape(
                f"Droit d'accès (RGPD, article 15) — {patient_name(patient)}, patient n° "
                f"{patient.id} — état au {date_text(printed.date())} à {clock(printed)}"
                + (f", établi par {extract.requested_by}" if extract.requested_by else "")
            ),
            styles.SUBTITLE,
        ),
        Paragraph("Identité", styles.HEADING),
        _identity(extract, width),
    ]
    left = page_height - height_of(story, width)
    for title, section in (
        ("Rendez-vous", _appointments(extract, width)),
        ("Liste d'attente", _waiting(extract, width)),
        ("Rappels", _reminders(extract, width)),
        ("Journal d'audit : les opérations qui le concernent", _audit(extract, width)),
    ):
        header, rows, widths, empty = section
        heading = [Paragraph(escape(title + (f" ({len(rows)})" if rows else "")), styles.HEADING)]
        if not rows:
            note = [Paragraph(escape(empty), styles.BODY)]
            if left < height_of(heading + note, width):
                story.append(PageBreak())
                left = page_height
            story += heading + note
            left -= height_of(heading + note, width)
            continue
        if left - height_of(heading, width) < header.height + 3 * rows[0].height:
            story.append(PageBreak())
            left = page_height
        story += heading
        tables = paged_tables(
            header,
            rows,
            widths,
            first_avail=left - height_of(heading, width) - 4,
            page_avail=page_height - height_of(heading, width) - 4,
            before_each=lambda _n, title=title: [
                Paragraph(escape(f"{title} (suite)"), styles.HEADING)
            ],
        )
        story += tables
        base = page_height if any(isinstance(f, PageBreak) for f in tables) else left
        left = base - height_of(heading, width) - sum(tables[-1]._argH) - 4
    return render(story, letterhead, TITLE, patient_name(patient), invariant=invariant).pdf


def _reminders(extract: SubjectAccess, width: float):
    """One row per SMS: when, what about, to which number, what became of it, its text."""
    widths = [62, 100, 72, 110, width - 344]
    header = Row(["Prévu le", "Message", "Numéro", "État", "Texte"], 15)
    rows = []
    for r in extract.reminders:
        state = r.status
        if r.sent_at is not None:
            state += f" le {r.sent_at:%d/%m/%Y} à {clock(r.sent_at)}"
        if r.reason:
            state += f" — {r.reason}"
        rows.append(
            _full_row(
                [
                    f"{r.due:%d/%m/%Y}\n{clock(r.due)}",
                    _lines(f"{r.kind}, {r.about}", widths[1]),
                    phone_text(r.number) if r.number else "aucun",
                    _lines(state, widths[3]),
                    _lines(r.text, widths[4]),
                ]
            )
        )
    return header, rows, widths, NO_REMINDERS


def _identity(extract: SubjectAccess, width: float) -> Table:
    p = extract.patient
    phones = ", ".join(f"{phone_text(ph.e164)} ({_kind(ph.kind.value)})" for ph in p.phones)
    created = ""
    if extract.created_at is not None:
        created = f"le {extract.created_at:%d/%m/%Y} à {clock(extract.created_at)}"
        created += f" par {extract.created_by}" if extract.created_by else ""
    lines = [
        ("Numéro de patient", str(p.id)),
        ("Nom d'usage", p.family_name),
        ("Nom de naissance", p.birth_name or p.family_name),
        ("Prénoms", p.given_names),
        ("Date de naissance", f"{p.birth_date:%d/%m/%Y}"),
        ("Sexe", SEX_LABELS[p.sex]),
        ("Téléphones", phones or "aucun"),
        ("Courriel", p.email or "aucun"),
        ("NIR (n° de sécurité sociale)", p.nir or "non renseigné"),
        ("Dossier créé", created or "non renseigné"),
    ]
    table = Table(
        [[label, Paragraph(escape(value), styles.CELL)] for label, value in lines],
        colWidths=[150, width - 150],
        hAlign="LEFT",
    )
    table.setStyle(
        [
            ("FONT", (0, 0), (0, -1), styles.FONT_BOLD, 8),
            ("TEXTCOLOR", (0, 0), (0, -1), styles.ACCENT),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, styles.RULE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
    )
    return table


def _kind(kind: str) -> str:
    return {"mobile": "mobile", "landline": "fixe"}.get(kind, "autre")


MAX_LINES = 24  # an extract hides nothing: cells grow (a very long note ends with "…")


def _lines(text: str, width: float, count: int = MAX_LINES) -> str:
    return "\n".join(styles.fit_lines(text, width - 6, SIZE, count))


def _full_row(cells: list, top: bool = True) -> Row:
    """A row as tall as its tallest cell."""
    lines = max((c.count("\n") + 1 if isinstance(c, str) else 1) for c in cells)
    style = [("FONTSIZE", 0, -1, SIZE)]
    if top:
        style.append(("VALIGN", 0, -1, "TOP"))
    return Row(cells, lines * SIZE * 1.2 + 6, tuple(style))


def _appointments(extract: SubjectAccess, width: float):
    widths = [62, 110, 120, 62, 48, width - 402]
    header = Row(["Date", "Praticien, service", "Motif, lieu", "État", "Canal", "Détails"], 15)
    rows = []
    for a in extract.appointments:
        created = f"pris par {a.created_by}" if a.created_by else ""
        if a.created_at is not None:
            created += f" le {a.created_at:%d/%m/%Y}"
        details = ". ".join(x for x in (created.strip().capitalize(), a.details) if x)
        rows.append(
            _full_row(
                [
                    f"{a.start:%d/%m/%Y}\n{clock(a.start)}–{clock(a.end)}\nn° {a.id}",
                    _lines(f"{a.practitioner}, {a.department}", widths[1]),
                    _lines(f"{a.visit_reason} ({a.site})", widths[2]),
                    _lines(a.status.label, widths[3]),
                    CHANNEL_LABELS.get(a.channel, a.channel),
                    _lines(details, widths[5]),
                ]
            )
        )
    return header, rows, widths, "Aucun rendez-vous enregistré."


def _waiting(extract: SubjectAccess, width: float):
    widths = [62, 150, 120, 70, width - 402]
    header = Row(["Inscrit le", "Motif", "Praticien ou service", "État", "Détails"], 15)
    rows = [
        _full_row(
            [
                f"{w.created_at:%d/%m/%Y}" if w.created_at else "",
                _lines(w.visit_reason, widths[1]),
                _lines(w.who, widths[2]),
                w.status,
                _lines(w.details, widths[4]),
            ]
        )
        for w in extract.waiting
    ]
    return header, rows, widths, "Aucune inscription en liste d'attente."


def _audit(extract: SubjectAccess, width: float):
    widths = [62, 90, 110, 82, width - 344]
    header = Row(["Date", "Auteur (poste)", "Opération", "Objet", "Détails"], 15)
    rows = []
    for e in extract.audit:
        label = EXTRA_ACTIONS.get(e.action) or action_label(e.action)
        who = f"{e.actor}\n({e.workstation})" if e.workstation else e.actor
        rows.append(
            _full_row(
                [
                    f"{e.at:%d/%m/%Y}\n{clock(e.at)}",
                    _lines(who, widths[1]),
                    _lines(label, widths[2]),
                    _lines(e.object, widths[3]),
                    _lines(audit_details(e.before, e.after), widths[4]),
                ]
            )
        )
    return header, rows, widths, "Aucune opération enregistrée."


def audit_details(before: dict | None, after: dict | None) -> str:
    """What an audited change did, compactly: "status : booked → seen ; notes : …"."""
    before, after = before or {}, after or {}
    parts = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if key in before and key in after:
            parts.append(f"{key} : {_value(old)} → {_value(new)}")
        elif key in after:
            parts.append(f"{key} : {_value(new)}")
        else:
            parts.append(f"{key} : {_value(old)} (retiré)")
    return " ; ".join(parts)


def _value(value) -> str:
    if isinstance(value, str):
        return value or "«»"
    return json.dumps(value, ensure_ascii=False)
