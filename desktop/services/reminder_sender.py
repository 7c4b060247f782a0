"""Sending the due reminders: claim one, send it, record the result — never twice.

Each message is claimed in its own short write transaction (``db.repositories.reminders``:
``SKIP LOCKED`` on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite) with a token and a lease; the
gateway is called outside any transaction (an HTTP call never holds the database); the result is
recorded only under the same token. Two senders — two workstations, or the application and a
scheduled ``creneau reminders run`` — therefore never send one message twice. A message whose
sender died mid-way is claimable again once its lease has expired; its idempotency key lets the
gateway drop the repeat (the file outbox never writes a file twice).

A failure that may pass (timeout, 429, 5xx, a folder not writable) keeps the message queued for
a later attempt with exponential backoff (``Retry-After`` honoured), up to ``MAX_ATTEMPTS``; a
refusal (4xx) fails it at once with the gateway's reason. The recipient is decided again at
sending time: a patient who opted out or lost their mobile meanwhile gets nothing. An SMS about
an online booking request goes to the number of the request, and not at all once its slot has
begun, nor a "held" or "proposed" one once the request was decided.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from db.repositories import audit
from db.repositories import reminders as repo
from db.tables import AppointmentRow, BookingRequestRow, PatientRow
from desktop.domain.model import Actor, Status
from desktop.domain.reminders import (
    ReminderKind,
    ReminderStatus,
    choose_recipient,
    request_message_stale,
)
from desktop.services.gateways import Gateway, OutgoingSms, SendResult
from desktop.services.request_sms import recipient_of
from desktop.services.uow import Database

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)
MAX_ATTEMPTS = 8
FIRST_BACKOFF = timedelta(minutes=1)
MAX_BACKOFF = timedelta(hours=1)
STALE = "Non envoyé : le rendez-vous est annulé ou déjà passé."


@dataclass(frozen=True, slots=True)
class SendReport:
    """What one run did: messages sent, failed for good, kept for a later attempt, and not
    sent because the patient cannot receive them any more."""

    sent: tuple[int, ...] = ()
    failed: tuple[int, ...] = ()
    retried: tuple[int, ...] = ()
    skipped: tuple[int, ...] = ()
    lost: tuple[int, ...] = field(default=())

    @property
    def handled(self) -> int:
        return len(self.sent) + len(self.failed) + len(self.retried) + len(self.skipped)

    def summary(self) -> str:
        """ "3 SMS envoyés, 1 en échec, 2 à réessayer" (French, for the CLI and the window)."""
        parts = [f"{len(self.sent)} SMS envoyé{'s' if len(self.sent) > 1 else ''}"]
        if self.failed:
            parts.append(f"{len(self.failed)} en échec")
        if self.retried:
            parts.append(f"{len(self.retried)} à réessayer")
        if self.skipped:
            parts.append(f"{len(self.skipped)} sans destinataire")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class _Claim:
    reminder_id: int
    attempts: int
    sms: OutgoingSms | None


def backoff(attempts: int, retry_after: float | None = None) -> timedelta:
    """How long a message waits after its ``attempts``-th failed attempt (1 min, 2, 4… 1 h)."""
    delay = min(MAX_BACKOFF, FIRST_BACKOFF * 2 ** max(attempts - 1, 0))
    if retry_after is not None:
        delay = max(delay, min(timedelta(seconds=retry_after), MAX_BACKOFF))
    return delay


def send_due(
    db: Database,
    gateway: Gateway,
    now: datetime,
    actor: Actor,
    *,
    limit: int | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> SendReport:
    """Send every message due at ``now`` (at most ``limit``); one audit record for the run."""
    with db.read() as s:
        if not repo.any_due(s, now):
            return SendReport()  # every workstation asks each minute: no write when idle
    token = uuid.uuid4().hex
    results: dict[str, list[int]] = {k: [] for k in ("sent", "failed", "retried", "skipped")}
    lost: list[int] = []
    while limit is None or sum(map(len, results.values())) < limit:
        if should_stop is not None and should_stop():
            break
        claim = db.run(lambda s: _claim(s, now, token))
        if claim is None:
            break
        if claim.sms is None:
            results["skipped"].append(claim.reminder_id)
            continue
        try:
            result = gateway.send(claim.sms)
        except Exception as exc:  # a gateway must not stop the queue; it is retried later
            name = type(exc).__name__
            log.error("SMS gateway raised %s for reminder %s", name, claim.reminder_id)
            result = SendResult(False, f"Erreur de la passerelle : {name}")
        outcome, kept = db.run(lambda s, c=claim, r=result: _record(s, c, r, now, token))
        (results[outcome] if kept else lost).append(claim.reminder_id)
    report = SendReport(*(tuple(results[k]) for k in results), lost=tuple(lost))
    if report.handled:
        after = {k: len(v) for k, v in results.items()}
        db.run(
            lambda s: audit.record(s, actor, now, "reminder.send", "reminder", None, None, after)
        )
    return report


def _claim(s: Session, now: datetime, token: str) -> _Claim | None:
    row = repo.claim_next(s, now, token, LEASE)
    if row is None:
        return None
    if row.request_id is not None:
        return _claim_request(s, row, now, token)
    appointment = s.get(AppointmentRow, row.appointment_id)
    patient = s.get(PatientRow, appointment.patient_id)
    gone = appointment.status == Status.CANCELLED.value or appointment.start_at <= now
    if row.kind != ReminderKind.CANCELLED.value and gone:
        repo.record(
            s, row.id, token, status=ReminderStatus.CANCELLED.value, reply=STALE, updated_at=now
        )
        return _Claim(row.id, row.attempts, None)
    recipient = choose_recipient([p.e164 for p in patient.phones], patient.sms_opt_out)
    if recipient.e164 is None:
        status = ReminderStatus.CANCELLED if patient.sms_opt_out else ReminderStatus.FAILED
        repo.record(s, row.id, token, status=status.value, reply=recipient.reason, updated_at=now)
        return _Claim(row.id, row.attempts, None)
    if recipient.e164 != row.e164:
        row.e164 = recipient.e164  # the patient's mobile changed since queueing
    return _Claim(row.id, row.attempts, OutgoingSms(row.idempotency_key, row.e164, row.text))


def _claim_request(s: Session, row, now: datetime, token: str) -> _Claim:
    """The claim of an SMS about a booking request: stale, without a mobile, or to send."""
    request = s.get(BookingRequestRow, row.request_id)
    stale = request_message_stale(row.kind, request.status, request.start_at, now)
    if stale:
        repo.record(s, row.id, token, status=ReminderStatus.CANCELLED.value, reply=stale,
                    updated_at=now)  # fmt: skip
        return _Claim(row.id, row.attempts, None)
    recipient, opted_out = recipient_of(s, request)
    if recipient.e164 is None:
        status = ReminderStatus.CANCELLED if opted_out else ReminderStatus.FAILED
        repo.record(s, row.id, token, status=status.value, reply=recipient.reason, updated_at=now)
        return _Claim(row.id, row.attempts, None)
    row.e164 = recipient.e164
    return _Claim(row.id, row.attempts, OutgoingSms(row.idempotency_key, row.e164, row.text))


def _record(
    s: Session, claim: _Claim, result: SendResult, now: datetime, token: str
) -> tuple[str, bool]:
    attempts = claim.attempts + 1
    values: dict = {"attempts": attempts, "reply": result.reply[:500], "updated_at": now}
    if result.ok:
        outcome = "sent"
        values |= {"status": ReminderStatus.SENT.value, "sent_at": now}
    elif result.permanent or attempts >= MAX_ATTEMPTS:
        outcome = "failed"
        reply = result.reply if result.permanent else f"Abandon après {attempts} essais : "
        values |= {"status": ReminderStatus.FAILED.value}
        if not result.permanent:
            values["reply"] = (reply + result.reply)[:500]
    else:
        outcome = "retried"
        values["next_attempt_at"] = now + backoff(attempts, result.retry_after)
    kept = repo.record(s, claim.reminder_id, token, **values)
    if not kept:
        log.warning("reminder %s: claim lost before its result was recorded", claim.reminder_id)
    return outcome, kept


def _audit_run(s: Session, actor: Actor, now: datetime, counts: dict) -> None:
    audit.record(s, actor, now, "reminder.send", "reminder", None, None, counts)
