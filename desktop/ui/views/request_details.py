"""The details of a booking request, as rich text for the inbox (texts of ``RequestInbox``)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.domain.booking_requests import RequestStatus
from desktop.domain.phones import format_phone
from desktop.ui import texts
from desktop.ui.models.request_table import record_text

if TYPE_CHECKING:
    from desktop.domain.scheduling import AgendaCalendar
    from desktop.services.requests import InboxEntry


def details_html(entry: InboxEntry, calendar: AgendaCalendar) -> str:
    """Identity and record, slot, contact, the patient's message, the visit reason's
    instructions, the decision's reason: escaped, one per line."""
    r = entry.request
    identity = f"{r.family_name.upper()} {r.given_names}".strip()
    if r.birth_date is not None:
        identity += QCoreApplication.translate("RequestInbox", ", né(e) le {date}").format(
            date=f"{r.birth_date:%d/%m/%Y}"
        )
    identity = identity or QCoreApplication.translate("RequestInbox", "Demande illisible")
    lines = [f"<b>{escape(identity)}</b> — {escape(record_text(entry))}"]
    if r.start is not None:
        local = calendar.local(r.start)
        lines.append(
            QCoreApplication.translate(
                "RequestInbox", "<b>Créneau :</b> {when} · {who} · {reason}"
            ).format(
                when=escape(texts.at_time(local.date(), local)),
                who=escape(entry.practitioner_name),
                reason=escape(entry.visit_reason_label),
            )
        )
    contact = [format_phone(r.phone) if r.phone else ""]
    if r.email:
        contact.append(r.email)
    lines.append(
        QCoreApplication.translate("RequestInbox", "<b>Contact :</b> {contact}").format(
            contact=escape(" · ".join(c for c in contact if c)) or "—"
        )
    )
    if r.message:
        lines.append(
            QCoreApplication.translate("RequestInbox", "<b>Message du patient :</b> {text}").format(
                text=escape(r.message)
            )
        )
    if entry.instructions:
        lines.append(
            QCoreApplication.translate("RequestInbox", "<b>Consignes du motif :</b> {text}").format(
                text=escape(entry.instructions)
            )
        )
    if r.decision_reason:
        lines.append(
            QCoreApplication.translate("RequestInbox", "<b>Motif :</b> {text}").format(
                text=escape(r.decision_reason)
            )
        )
    if r.status is RequestStatus.PROPOSED:
        lines.append(
            QCoreApplication.translate(
                "RequestInbox", "Autre créneau proposé : acceptez quand le patient a confirmé."
            )
        )
    return "<br>".join(lines)
