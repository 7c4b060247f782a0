"""The SMS that tell a patient what became of their online booking request.

``RequestSms`` listens to ``RequestService`` (``subscribe``): after each committed change of a
request it writes, in **its own** write transaction, the SMS of that change in the reminder
queue — received and held, another slot proposed (with its date and time), declined (never with
the secretariat's reason: it may be health data), hold expired without an answer. Accepting
books the appointment through ``book_in``, which queues the booking confirmation; the request's
own messages still waiting are then cancelled here (the confirmation says it all).

The rules of the appointment reminders hold: only a valid mobile (the number the patient typed)
gets an SMS, a landline or an invalid number gives a failed row with the reason, a patient whose
record opted out gets a cancelled one; quiet hours; no practitioner, specialty or visit reason
unless the hospital allows them; one idempotency key per request, kind and slot. A failure is
logged (its class only: its text may carry the number) and never reaches the request handling.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from db.repositories import reminders as repo
from db.repositories import request_reminders as requests_repo
from db.repositories import structure as structure_repo
from db.tables import BookingRequestRow, PatientRow, ReminderRow
from desktop.domain import reminders as rules
from desktop.domain.errors import CreneauError
from desktop.domain.phones import format_phone
from desktop.domain.reminders import (
    Recipient,
    ReminderKind,
    ReminderStatus,
    choose_recipient,
    out_of_quiet,
    request_idempotency_key,
)
from desktop.domain.scheduling import find_opening
from desktop.domain.settings import PUBLICATION_KEY, publication_from_json
from desktop.domain.sms_text import MessageFields, french_date, french_time, render
from desktop.services.clock import Clock
from desktop.services.reminder_queue import reminder_settings
from desktop.services.structure import calendar_of
from desktop.services.uow import Database

if TYPE_CHECKING:
    from desktop.services.requests import RequestEvent

log = logging.getLogger(__name__)

KINDS = {
    "held": ReminderKind.REQUEST_HELD,
    "proposed": ReminderKind.REQUEST_PROPOSED,
    "declined": ReminderKind.REQUEST_DECLINED,
    "expired": ReminderKind.REQUEST_EXPIRED,
}
WAITING = (ReminderKind.REQUEST_HELD.value, ReminderKind.REQUEST_PROPOSED.value)
REPLACED = {
    "proposed": "Remplacé : un autre créneau a été proposé.",
    "accepted": "Remplacé : la demande est acceptée (le rendez-vous est confirmé par SMS).",
    "declined": "Remplacé : la demande est refusée.",
    "expired": "Remplacé : la demande a expiré.",
}
KEYS = (rules.POLICIES_KEY, PUBLICATION_KEY)


class RequestSms:
    """The listener of ``RequestService`` that queues the patient's SMS (never raises)."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def __call__(self, event: RequestEvent) -> None:
        request_id = event.request.id
        try:
            self._db.run(lambda s: queue_for_request(s, event.kind, request_id, self._clock.now()))
        except Exception as exc:  # an SMS problem must never fail the request handling
            log.error(
                "SMS of request %s (%s) not queued: %s", request_id, event.kind, type(exc).__name__
            )


def queue_for_request(session: Session, event: str, request_id: int, now: datetime) -> None:
    """Queue the SMS of a request's change (``held``, ``proposed``, ``declined``, ``expired``;
    ``accepted`` only cancels the request's waiting messages), in the caller's transaction."""
    if event in REPLACED:
        requests_repo.cancel_queued_of_request(session, request_id, WAITING, now, REPLACED[event])
    kind = KINDS.get(event)
    if kind is None:
        return
    facts = requests_repo.request_facts(session, request_id)
    if facts is None:
        return  # no slot (a rejected request) or no hospital: nothing to say
    row, practitioner, department, reason_label, department_site, timezone, hospital_phone = facts
    if row.start_at is None:
        return
    stored = repo.settings_values(session, KEYS)
    settings = reminder_settings(session)
    reasons = rules.reason_policies_from_json(stored.get(rules.POLICIES_KEY))
    policy = rules.policy_for(settings, reasons.get(row.visit_reason_id))
    tz = ZoneInfo(timezone)
    due = out_of_quiet(now, tz, policy.quiet_start, policy.quiet_end)
    if due >= row.start_at:
        return  # it would arrive once the slot has begun: nothing worth saying
    key = request_idempotency_key(row.id, kind, row.start_at)
    existing = requests_repo.request_rows_by_key(session, row.id).get(key)
    if existing is not None and existing.status != ReminderStatus.CANCELLED.value:
        return  # queued, sent or failed already: never twice
    site_name, address = _site(session, row, department_site)
    phone = publication_from_json(stored.get(PUBLICATION_KEY)).secretariat_phone or hospital_phone
    local = row.start_at.astimezone(tz)
    fields = MessageFields(
        date=french_date(local.date()),
        heure=french_time(local.time()),
        site=site_name,
        adresse=address,
        telephone=format_phone(phone) if phone else "",
        praticien=practitioner,
        specialite=department,
        motif=reason_label,
    )
    text = render(policy.template(kind), fields, policy.disclosure)
    recipient, opted_out = recipient_of(session, row)
    if existing is None:
        existing = ReminderRow(request_id=row.id, idempotency_key=key, created_at=now)
        session.add(existing)
    _fill(existing, kind, due, text, recipient, opted_out, now)


def recipient_of(session: Session, request: BookingRequestRow) -> tuple[Recipient, bool]:
    """The number a request's SMS goes to (the one the patient typed, when a mobile) and
    whether the patient record it matches refused SMS."""
    patient = session.get(PatientRow, request.patient_id) if request.patient_id else None
    opted_out = bool(patient is not None and patient.sms_opt_out)
    numbers = [request.phone] if request.phone else []
    return choose_recipient(numbers, opted_out), opted_out


def _site(session: Session, row: BookingRequestRow, department_site: int) -> tuple[str, str]:
    """The name and address of the site of the requested slot (its opening's, else the
    department's)."""
    site_id = department_site
    try:
        calendar = calendar_of(session)
        reason = structure_repo.visit_reason(session, row.visit_reason_id)
        openings = structure_repo.openings(session, [row.practitioner_id])[row.practitioner_id]
        site_id = find_opening(openings, reason, calendar, row.start_at, row.end_at).site_id
    except CreneauError:
        pass  # the opening changed since: the department's site
    return requests_repo.site(session, site_id) or ("", "")


def _fill(
    row: ReminderRow,
    kind: ReminderKind,
    due: datetime,
    text: str,
    recipient: Recipient,
    opted_out: bool,
    now: datetime,
) -> None:
    if recipient.e164 is not None:
        status = ReminderStatus.QUEUED
    elif opted_out:
        status = ReminderStatus.CANCELLED
    else:
        status = ReminderStatus.FAILED
    row.kind, row.text, row.e164 = kind.value, text, recipient.e164 or ""
    row.due_at = row.next_attempt_at = due
    row.status, row.attempts, row.reply = status.value, 0, recipient.reason
    row.claim_token = row.claimed_until = row.sent_at = None
    row.updated_at = now
