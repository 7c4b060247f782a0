"""Queueing reminders inside the transaction of an appointment change (``queue_for_change``).

The booking services call ``queue_for_change(session, appointment_id, change, now)`` right after
their change is flushed: the messages are written in the same transaction, so they exist exactly
when the change does. The work runs in a SAVEPOINT and any failure in it is logged and dropped:
a reminder problem never refuses, delays or undoes a booking. A patient without a mobile (or who
refused SMS) gets rows that say why — failed, or cancelled for an opt-out — never an exception.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from db.repositories import reminders as repo
from db.repositories import structure as structure_repo
from db.tables import AppointmentRow, ReminderRow
from desktop.domain import reminders as rules
from desktop.domain.model import Status
from desktop.domain.phones import format_phone
from desktop.domain.reminders import Change, ReminderStatus, choose_recipient
from desktop.domain.settings import (
    PUBLICATION_KEY,
    REMINDERS_KEY,
    ReminderSettings,
    publication_from_json,
    reminders_from_json,
)
from desktop.domain.sms_text import MessageFields, french_date, french_time, render

log = logging.getLogger(__name__)

HAPPENED = (Status.ARRIVED.value, Status.SEEN.value, Status.NO_SHOW.value)
KEYS = (REMINDERS_KEY, rules.POLICIES_KEY, PUBLICATION_KEY)
REPLACED = {
    Change.MOVED: "Remplacé : le rendez-vous a été déplacé.",
    Change.CANCELLED: "Annulé : le rendez-vous a été annulé.",
    Change.STATUS: "Annulé : le rendez-vous a eu lieu (ou le patient est venu).",
}


def queue_for_change(session: Session, appointment_id: int, change: Change, now: datetime) -> None:
    """Queue (and cancel or replace) the appointment's SMS for ``change``, in the caller's
    transaction; never raises."""
    session.flush()  # the change itself: its errors are the caller's, never swallowed here
    try:
        with session.begin_nested():
            _queue(session, appointment_id, Change(change), now)
    except Exception as exc:  # a reminder problem must never fail a booking
        # The class only: a database error's text may carry the SMS text or the number.
        log.error(
            "reminders of appointment %s not queued (%s): %s",
            appointment_id, change, type(exc).__name__,
        )  # fmt: skip


def reminder_settings(session: Session) -> ReminderSettings:
    """The hospital's reminder settings as stored (defaults until set)."""
    return _settings(structure_repo.setting(session, REMINDERS_KEY))


def _settings(value) -> ReminderSettings:
    # Checked field by field, the stored settings cost more than the rest of a booking: the same
    # stored value gives the same settings.
    return _parsed(json.dumps(value, sort_keys=True, default=str))


@lru_cache(maxsize=8)
def _parsed(text: str) -> ReminderSettings:
    return reminders_from_json(json.loads(text))


def _queue(session: Session, appointment_id: int, change: Change, now: datetime) -> None:
    row = session.get(AppointmentRow, appointment_id)
    if row is None:
        return
    new = change is Change.BOOKED  # a new appointment has no messages yet: nothing to look up
    if change is Change.STATUS and row.status not in HAPPENED:
        change = Change.REPLAN  # back to booked or confirmed: the reminder is planned again
    if change in REPLACED:
        repo.cancel_queued(session, [row.id], now, REPLACED[change])
        if change is Change.STATUS:
            return
        if change is Change.MOVED and not repo.was_told(session, row.id):
            change = Change.BOOKED  # never told of the first time: a confirmation of the new one
    facts = repo.message_facts(session, row.id)
    if facts is None:
        return  # no hospital set up: nothing to say, nowhere to say it from
    site, address, practitioner, department, reason, timezone, hospital_phone = facts
    stored = repo.settings_values(session, KEYS)
    settings = _settings(stored.get(REMINDERS_KEY))
    reasons = rules.reason_policies_from_json(stored.get(rules.POLICIES_KEY))
    policy = rules.policy_for(settings, reasons.get(row.visit_reason_id))
    tz = ZoneInfo(timezone)
    planned = rules.plan(change, row.start_at, now, tz, policy)
    if not planned:
        return
    opted_out, numbers = repo.patient_numbers(session, row.patient_id)
    recipient = choose_recipient(numbers, opted_out)
    phone = publication_from_json(stored.get(PUBLICATION_KEY)).secretariat_phone or hospital_phone
    local = row.start_at.astimezone(tz)
    fields = MessageFields(
        date=french_date(local.date()),
        heure=french_time(local.time()),
        site=site,
        adresse=address,
        telephone=format_phone(phone) if phone else "",
        praticien=practitioner,
        specialite=department,
        motif=reason,
    )
    existing_rows = {} if new else repo.rows_by_key(session, row.id)
    for item in planned:
        text = render(policy.template(item.kind), fields, policy.disclosure)
        key = rules.idempotency_key(row.id, item.kind, item.due)
        existing = existing_rows.get(key)
        if existing is not None and existing.status != ReminderStatus.CANCELLED.value:
            continue  # queued, sent or failed already: never twice
        if existing is None:
            existing = ReminderRow(appointment_id=row.id, idempotency_key=key, created_at=now)
            session.add(existing)
        _fill(existing, item, text, recipient, opted_out, now)


def _fill(row: ReminderRow, item, text: str, recipient, opted_out: bool, now: datetime) -> None:
    if recipient.e164 is not None:
        status = ReminderStatus.QUEUED
    elif opted_out:
        status = ReminderStatus.CANCELLED
    else:
        status = ReminderStatus.FAILED
    row.kind, row.text, row.e164 = item.kind.value, text, recipient.e164 or ""
    row.due_at, row.next_attempt_at = item.due, item.due
    row.status, row.attempts, row.reply = status.value, 0, recipient.reason
    row.claim_token = row.claimed_until = row.sent_at = None
    row.updated_at = now
