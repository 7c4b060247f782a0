"""Reminders and no-shows: the use cases of the SMS queue.

- ``queue_for_change(session, appointment_id, change, now)`` (``desktop.services.reminder_queue``):
  called by the booking services inside their transaction;
- ``ReminderService.send_due(now)``: send what is due through the configured gateway (the file
  outbox by default, in the hospital's folder or the user's data folder) or the one given;
- the outbox (queued / sent / failed, with the reason and the attempts), a retry, the reminders
  of one appointment (or why it has none), the patient's opt-out, the per-visit-reason policy;
- no-shows: counts over 12 months for the booking panel, the warning threshold, and
  ``no_show_rates(start, end)`` by practitioner, visit reason and reminder received (for the
  activity report).

Each user action is one transaction, guarded and audited in it.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from platformdirs import user_data_path
from sqlalchemy.orm import Session

from db.repositories import admin as admin_repo
from db.repositories import agenda as agenda_repo
from db.repositories import audit, request_reminders
from db.repositories import patients as patients_repo
from db.repositories import reminders as repo
from db.repositories import structure as structure_repo
from db.tables import AppointmentRow, BookingRequestRow, PatientRow
from desktop.domain import reminders as rules
from desktop.domain.errors import BookingRefused, InvalidInput
from desktop.domain.model import Actor, Role, Status
from desktop.domain.permissions import Action
from desktop.domain.reminders import (
    Change,
    NoShowRates,
    ReasonPolicy,
    Recipient,
    Reminder,
    ReminderStatus,
    choose_recipient,
    request_message_stale,
)
from desktop.domain.settings import GatewayKind, ReminderSettings
from desktop.services.clock import Clock
from desktop.services.gateways import FileOutbox, Gateway, HttpGateway
from desktop.services.guard import guarded
from desktop.services.reminder_queue import queue_for_change, reminder_settings
from desktop.services.reminder_sender import SendReport, send_due
from desktop.services.request_sms import recipient_of
from desktop.services.uow import Database

__all__ = ["ReminderService", "SendReport", "default_outbox", "queue_for_change"]

YEAR = timedelta(days=365)
OUTBOX_LIMIT = 500


def default_outbox() -> Path:
    """Where the file outbox writes when the hospital named no folder."""
    return user_data_path("creneau", appauthor=False) / "sms-sortants"


def sender_actor() -> Actor:
    """Who sends in the audit trail when no user is named (the application's own sender)."""
    host = socket.gethostname()
    return Actor(f"envoi-sms:{host}", Role.ADMIN, host)


@dataclass(frozen=True, slots=True)
class AppointmentReminders:
    """An appointment's SMS, and when it has none, why (a French sentence)."""

    reminders: tuple[Reminder, ...]
    why_none: str = ""


class ReminderService:
    """The reminder queue, its sender, the outbox and the no-show figures."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    # --- sending -------------------------------------------------------------------------------

    def settings(self) -> ReminderSettings:
        """The hospital's reminder settings."""
        with self._db.read() as s:
            return reminder_settings(s)

    def gateway(self, outbox: str | Path | None = None) -> Gateway:
        """The configured gateway; ``outbox``: a file outbox in that folder instead."""
        settings = self.settings()
        if outbox is not None:
            return FileOutbox(outbox)
        if settings.gateway is GatewayKind.HTTP:
            return HttpGateway(
                settings.gateway_url,
                method=settings.http_method,
                body_template=settings.http_body,
                auth_header=settings.auth_header,
                auth_value=settings.auth_value,
            )
        return FileOutbox(settings.outbox_dir or default_outbox())

    def send_due(
        self,
        now: datetime | None = None,
        *,
        gateway: Gateway | None = None,
        outbox: str | Path | None = None,
        actor: Actor | None = None,
        limit: int | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> SendReport:
        """Send every message due at ``now`` (the clock's by default), each once; the run is
        audited. ``gateway`` or ``outbox`` override the configured gateway."""
        gateway = gateway or self.gateway(outbox)
        now = now or self._clock.now()
        return send_due(
            self._db, gateway, now, actor or sender_actor(), limit=limit, should_stop=should_stop
        )

    # --- the outbox ----------------------------------------------------------------------------

    def outbox(
        self, statuses: Sequence[ReminderStatus | str] | None = None, limit: int = OUTBOX_LIMIT
    ) -> list[Reminder]:
        """Messages of these statuses (all when None), the latest due first."""
        wanted = None if statuses is None else [ReminderStatus(x).value for x in statuses]
        with self._db.read() as s:
            return repo.listing(s, wanted, limit)

    def counts(self) -> dict[ReminderStatus, int]:
        """How many messages each status holds."""
        with self._db.read() as s:
            return repo.counts(s)

    def for_appointment(self, appointment_id: int) -> AppointmentReminders:
        """The appointment's messages; with none, why (no mobile, opt-out, past, policy)."""
        with self._db.read() as s:
            found = tuple(repo.of_appointment(s, appointment_id))
            if found:
                return AppointmentReminders(found)
            appointment = agenda_repo.appointment(s, appointment_id)
            patient = s.get(PatientRow, appointment.patient_id)
            recipient = choose_recipient([p.e164 for p in patient.phones], patient.sms_opt_out)
        if recipient.e164 is None:
            return AppointmentReminders((), recipient.reason)
        if appointment.start <= self._clock.now() or not appointment.active:
            return AppointmentReminders((), "Aucun SMS : rendez-vous passé ou annulé.")
        return AppointmentReminders((), "Aucun SMS prévu par les réglages des rappels.")

    def retry(self, actor: Actor, reminder_id: int) -> Reminder:
        """Queue a failed message again now, to the patient's current mobile; refused with the
        reason when it was sent, cancelled, its appointment is over, or there is no mobile."""
        guarded(self._db, self._clock, actor, Action.MANAGE_REMINDERS, "reminder", reminder_id)

        def work(s: Session) -> Reminder:
            now = self._clock.now()
            row = repo.row(s, reminder_id)
            if row.status == ReminderStatus.SENT.value:
                raise BookingRefused("Ce SMS est déjà envoyé : il ne part jamais deux fois.")
            if row.status == ReminderStatus.CANCELLED.value:
                raise BookingRefused("Ce SMS a été annulé : il n'y a rien à renvoyer.")
            if row.request_id is not None:
                recipient, patient_id, practitioner_id = _request_retry(s, row, now)
            else:
                appointment = s.get(AppointmentRow, row.appointment_id)
                over = appointment.start_at <= now or (
                    appointment.status == Status.CANCELLED.value and row.kind != "cancelled"
                )
                if over:
                    raise BookingRefused("Le rendez-vous est passé ou annulé : rien à renvoyer.")
                patient = s.get(PatientRow, appointment.patient_id)
                recipient = choose_recipient([p.e164 for p in patient.phones], patient.sms_opt_out)
                patient_id, practitioner_id = patient.id, appointment.practitioner_id
            if recipient.e164 is None:
                raise InvalidInput(recipient.reason)
            before = {"status": row.status, "attempts": row.attempts}
            row.status, row.e164, row.attempts = ReminderStatus.QUEUED.value, recipient.e164, 0
            row.next_attempt_at, row.updated_at = now, now
            row.claim_token = row.claimed_until = None
            row.reply = f"Renvoi demandé par {actor.login}."
            s.flush()
            after = {"status": row.status, "attempts": 0}
            audit.record(
                s, actor, now, "reminder.retry", "reminder", row.id, before, after,
                patient_id=patient_id, practitioner_id=practitioner_id,
            )  # fmt: skip
            return repo.one(s, row.id)

        return self._db.run(work)

    # --- the patient's choice ------------------------------------------------------------------

    def opted_out(self, patient_id: int) -> bool:
        """Whether the patient refused SMS."""
        with self._db.read() as s:
            return patients_repo.patient_row(s, patient_id).sms_opt_out

    def sms_decision(self, patient_id: int) -> Recipient:
        """The number the patient's SMS go to now, or why none."""
        with self._db.read() as s:
            patient = patients_repo.patient_row(s, patient_id)
            return choose_recipient([p.e164 for p in patient.phones], patient.sms_opt_out)

    def set_opt_out(self, actor: Actor, patient_id: int, opted_out: bool) -> bool:
        """Record the patient's refusal of SMS (or its withdrawal): queued messages are
        cancelled, or the reminders of future appointments planned again."""
        guarded(self._db, self._clock, actor, Action.EDIT_PATIENT, "patient", patient_id)

        def work(s: Session) -> bool:
            now = self._clock.now()
            patient = patients_repo.patient_row(s, patient_id)
            before = patient.sms_opt_out
            if before == bool(opted_out):
                return before
            patient.sms_opt_out = bool(opted_out)
            s.flush()
            if opted_out:
                repo.cancel_queued(s, repo.queued_of_patient(s, patient_id), now, rules.OPTED_OUT)
                request_reminders.cancel_queued_requests_of_patient(
                    s, patient_id, now, rules.OPTED_OUT
                )
            else:
                for appointment_id in repo.future_appointments(s, patient_id, now):
                    queue_for_change(s, appointment_id, Change.REPLAN, now)
            audit.record(
                s, actor, now, "patient.sms_opt_out", "patient", patient_id,
                {"sms_opt_out": before}, {"sms_opt_out": bool(opted_out)},
                patient_id=patient_id,
            )  # fmt: skip
            return bool(opted_out)

        return self._db.run(work)

    # --- policy of a visit reason --------------------------------------------------------------

    def reason_policy(self, visit_reason_id: int) -> ReasonPolicy:
        """A visit reason's own reminder choices (empty: the hospital's)."""
        with self._db.read() as s:
            stored = structure_repo.setting(s, rules.POLICIES_KEY)
        return rules.reason_policies_from_json(stored).get(visit_reason_id, ReasonPolicy())

    def save_reason_policy(
        self,
        actor: Actor,
        visit_reason_id: int,
        days_before: int | None,
        send_time: time | None = None,
        templates=(),
    ) -> ReasonPolicy:
        """Set a visit reason's reminder (0: none, 1: the day before, 2: two days before, None:
        the hospital's), time and texts; an administrator's setting, audited."""
        guarded(self._db, self._clock, actor, Action.MANAGE_STRUCTURE, "setting")
        policy = rules.check_reason_policy(days_before, send_time, templates)

        def work(s: Session) -> ReasonPolicy:
            structure_repo.visit_reason(s, visit_reason_id)
            stored = structure_repo.setting(s, rules.POLICIES_KEY)
            stored = dict(stored) if isinstance(stored, dict) else {}
            before = stored.get(str(visit_reason_id))
            if policy == ReasonPolicy():
                stored.pop(str(visit_reason_id), None)
            else:
                stored[str(visit_reason_id)] = rules.reason_policy_to_json(policy)
            admin_repo.set_setting(s, rules.POLICIES_KEY, stored)
            audit.record(
                s, actor, self._clock.now(), "setting.update", "setting", None,
                {"key": rules.POLICIES_KEY, "visit_reason_id": visit_reason_id, "policy": before},
                {"key": rules.POLICIES_KEY, "visit_reason_id": visit_reason_id,
                 "policy": stored.get(str(visit_reason_id))},
            )  # fmt: skip
            return policy

        return self._db.run(work)

    # --- no-shows ------------------------------------------------------------------------------

    def no_show_counts(self, patient_ids: Sequence[int]) -> dict[int, int]:
        """No-shows of each patient over the last 12 months (the booking panel's badges)."""
        now = self._clock.now()
        with self._db.read() as s:
            return repo.no_show_counts(s, list(patient_ids), now - YEAR, now)

    def no_show_threshold(self) -> int:
        """From how many no-shows in 12 months booking warns (0: never)."""
        return self.settings().no_show_warning

    def no_show_rates(self, start: datetime, end: datetime) -> NoShowRates:
        """No-shows among the appointments not cancelled starting in ``[start, end)``, by
        practitioner, by visit reason and by the reminder the patient received."""
        if start.tzinfo is None or end.tzinfo is None:
            raise ValueError("naive datetime given to no_show_rates")
        with self._db.read() as s:
            return NoShowRates(
                tuple(repo.no_show_rates_by(s, start, end, "practitioner")),
                tuple(repo.no_show_rates_by(s, start, end, "visit_reason")),
                tuple(repo.no_show_rates_by_reminder(s, start, end)),
            )


def _request_retry(s: Session, row, now: datetime) -> tuple[Recipient, int | None, int | None]:
    """The recipient of a request's SMS sent again, its patient and practitioner; refused when
    the request was decided since or its slot has begun."""
    request = s.get(BookingRequestRow, row.request_id)
    if request_message_stale(row.kind, request.status, request.start_at, now):
        raise BookingRefused(
            "La demande a été traitée depuis ou son créneau est passé : rien à renvoyer."
        )
    recipient, _opted_out = recipient_of(s, request)
    return recipient, request.patient_id, request.practitioner_id
