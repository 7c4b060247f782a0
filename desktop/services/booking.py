"""Booking, moving, cancelling and changing the status of appointments.

Each action is one transaction holding its audit record. On SQLite the transaction starts with
``BEGIN IMMEDIATE``, so the overlap check and the insert cannot interleave with another
workstation's; on PostgreSQL an exclusion constraint backs the check.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from db.repositories import agenda as agenda_repo
from db.repositories import audit
from db.repositories import patients as patients_repo
from db.repositories import structure as repo
from db.tables import AppointmentRow
from desktop.domain.cancellation import cancel_origin
from desktop.domain.errors import (
    BookingRefused,
    CreneauError,
    InThePast,
    InvalidInput,
    NotFound,
    OutsideOpening,
    SlotConflict,
    StaleEdit,
)
from desktop.domain.model import Actor, Appointment, CancelOrigin, Channel, Role, Status
from desktop.domain.permissions import Action
from desktop.domain.scheduling import AgendaCalendar, find_opening
from desktop.services.clock import Clock
from desktop.services.guard import guarded
from desktop.services.reminders import Change, queue_for_change
from desktop.services.structure import calendar_of
from desktop.services.uow import Database

MAX_REASON = 500
ACTIVE_STATUSES = (Status.BOOKED, Status.CONFIRMED, Status.ARRIVED, Status.SEEN, Status.NO_SHOW)


def snapshot(row: AppointmentRow) -> dict:
    """The audited state of an appointment: ids and values, never a patient's name or phone."""
    return {
        "practitioner_id": row.practitioner_id,
        "visit_reason_id": row.visit_reason_id,
        "patient_id": row.patient_id,
        "site_id": row.site_id,
        "start": row.start_at.isoformat(),
        "end": row.end_at.isoformat(),
        "status": row.status,
        "channel": row.channel,
        "overbooked": row.overbooked,
        "overbooking_reason": row.overbooking_reason,
        "cancel_reason": row.cancel_reason,
        "cancel_origin": row.cancel_origin,
        "version": row.version,
    }


class BookingService:
    """Use cases that change appointments."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def _guarded(
        self,
        actor: Actor,
        action: Action,
        object_id: int | None = None,
        practitioner_id: int | None = None,
    ) -> None:
        """Refuse, and audit the refusal in its own transaction, when the role does not allow
        it, or when a physician acts on another practitioner's agenda (that of
        ``practitioner_id``, else of the appointment ``object_id``)."""
        if practitioner_id is None and object_id is not None and actor.role is Role.PHYSICIAN:
            with self._db.read() as s:
                practitioner_id = agenda_repo.appointment(s, object_id).practitioner_id
        guarded(
            self._db, self._clock, actor, action, "appointment", object_id,
            practitioner_id=practitioner_id,
        )  # fmt: skip

    def book(
        self,
        actor: Actor,
        practitioner_id: int,
        visit_reason_id: int,
        patient_id: int,
        start: datetime,
        *,
        channel: Channel = Channel.PHONE,
        force: bool = False,
        overbooking_reason: str = "",
        notes: str = "",
    ) -> Appointment:
        """Book an appointment; refused with a French message when the rules forbid it.

        ``force`` records an overbooking (needs the right and a reason) when the time is outside
        the openings, overlaps another appointment or an absence, or is within the notice.
        """
        self._guarded(actor, Action.BOOK, practitioner_id=practitioner_id)
        if force:
            self._guarded(actor, Action.OVERBOOK, practitioner_id=practitioner_id)
        if force and not overbooking_reason.strip():
            raise InvalidInput("Un surbooking exige un motif.")
        start = _as_utc(start)
        return self._db.run(
            lambda s: book_in(
                s,
                actor,
                self._clock.now(),
                practitioner_id,
                visit_reason_id,
                patient_id,
                start,
                channel=channel,
                force=force,
                overbooking_reason=overbooking_reason,
                notes=notes,
            )
        )

    def move(
        self,
        actor: Actor,
        appointment_id: int,
        expected_version: int,
        start: datetime,
        *,
        practitioner_id: int | None = None,
        force: bool = False,
        overbooking_reason: str = "",
    ) -> Appointment:
        """Move an appointment to another start (and practitioner of the same department)."""
        self._guarded(actor, Action.MOVE, appointment_id)
        if practitioner_id is not None:  # to another practitioner's agenda: theirs too
            self._guarded(actor, Action.MOVE, appointment_id, practitioner_id)
        if force:
            self._guarded(actor, Action.OVERBOOK, appointment_id)
            if not overbooking_reason.strip():
                raise InvalidInput("Un surbooking exige un motif.")
        start = _as_utc(start)
        return self._db.run(
            lambda s: move_in(
                s,
                actor,
                self._clock.now(),
                appointment_id,
                expected_version,
                start,
                practitioner_id=practitioner_id,
                force=force,
                overbooking_reason=overbooking_reason,
            )
        )

    def cancel(
        self,
        actor: Actor,
        appointment_id: int,
        expected_version: int | None,
        reason: str = "",
        origin: CancelOrigin | str | None = None,
    ) -> Appointment:
        """Cancel an appointment with a reason; its time becomes free at once.

        ``origin`` (patient or hospital) is stored for the activity report; when None it is the
        origin of the reason if the reason is one of ``CANCEL_REASONS``, else left unknown.
        """
        self._guarded(actor, Action.CANCEL, appointment_id)
        cleaned = _reason(reason)
        stored_origin = cancel_origin(cleaned, origin)

        def work(s: Session) -> Appointment:
            now = self._clock.now()
            row = _editable(s, appointment_id, expected_version, actor, now)
            before = snapshot(row)
            row.status = Status.CANCELLED.value
            row.cancel_reason = cleaned
            row.cancel_origin = stored_origin.value if stored_origin else None
            row.updated_by, row.updated_at = actor.login, now
            s.flush()
            audit.record(
                s, actor, now, "appointment.cancel", "appointment", row.id, before, snapshot(row)
            )
            queue_for_change(s, row.id, Change.CANCELLED, now)  # cancelled SMS, pending dropped
            return agenda_repo.appointment_to_native(row)

        return self._db.run(work)

    def set_status(
        self, actor: Actor, appointment_id: int, expected_version: int | None, status: Status
    ) -> Appointment:
        """Mark an appointment confirmed, arrived, seen or no-show (or back to booked)."""
        self._guarded(actor, Action.CHANGE_STATUS, appointment_id)
        status = Status(status)
        if status is Status.CANCELLED:
            raise InvalidInput("Pour annuler un rendez-vous, utilisez l'annulation avec un motif.")

        def work(s: Session) -> Appointment:
            now = self._clock.now()
            row = _editable(s, appointment_id, expected_version, actor, now)
            if status in (Status.ARRIVED, Status.SEEN, Status.NO_SHOW) and row.start_at > now + (
                timedelta(hours=12)
            ):
                raise BookingRefused(
                    f"Ce rendez-vous n'a pas encore eu lieu : il ne peut être marqué "
                    f"« {status.label} »."
                )
            before = snapshot(row)
            row.status = status.value
            row.updated_by, row.updated_at = actor.login, now
            s.flush()
            audit.record(
                s, actor, now, "appointment.status", "appointment", row.id, before, snapshot(row)
            )
            queue_for_change(s, row.id, Change.STATUS, now)
            return agenda_repo.appointment_to_native(row)

        return self._db.run(work)

    def set_notes(
        self, actor: Actor, appointment_id: int, expected_version: int | None, notes: str
    ) -> Appointment:
        """Replace the appointment's notes."""
        self._guarded(actor, Action.CHANGE_STATUS, appointment_id)

        def work(s: Session) -> Appointment:
            now = self._clock.now()
            row = _editable(s, appointment_id, expected_version, actor, now)
            before = {"notes_length": len(row.notes), "version": row.version}
            row.notes = notes.strip()
            row.updated_by, row.updated_at = actor.login, now
            s.flush()
            audit.record(
                s,
                actor,
                now,
                "appointment.notes",
                "appointment",
                row.id,
                before,
                {"notes_length": len(row.notes), "version": row.version},
            )
            return agenda_repo.appointment_to_native(row)

        return self._db.run(work)

    def appointment(self, appointment_id: int) -> Appointment:
        with self._db.read() as s:
            return agenda_repo.appointment(s, appointment_id)


def book_in(
    s: Session,
    actor: Actor,
    now: datetime,
    practitioner_id: int,
    visit_reason_id: int,
    patient_id: int,
    start: datetime,
    *,
    channel: Channel = Channel.PHONE,
    force: bool = False,
    overbooking_reason: str = "",
    notes: str = "",
) -> Appointment:
    """Book inside the caller's transaction: the rules and the audit record of ``book``.

    For use cases that book and change something else atomically (booking from the waiting
    list). The caller has checked the actor's rights; ``force`` needs a non-empty reason.
    """
    start = _as_utc(start)
    if force and not overbooking_reason.strip():
        raise InvalidInput("Un surbooking exige un motif.")
    reason = repo.visit_reason(s, visit_reason_id)
    practitioner = repo.practitioner(s, practitioner_id)
    patients_repo.patient_row(s, patient_id)
    if reason.department_id != practitioner.department_id:
        raise InvalidInput(
            f"Le motif « {reason.label} » n'est pas proposé par {practitioner.name}."
        )
    end = start + timedelta(minutes=reason.duration_min)
    calendar = calendar_of(s)
    site_id, overbooked = _check_rules(
        s, calendar, practitioner_id, reason, start, end, now, force, None
    )
    row = AppointmentRow(
        practitioner_id=practitioner_id,
        visit_reason_id=visit_reason_id,
        patient_id=patient_id,
        site_id=site_id,
        start_at=start,
        end_at=end,
        status=Status.BOOKED.value,
        channel=Channel(channel).value,
        overbooked=overbooked,
        overbooking_reason=_reason(overbooking_reason) if overbooked else "",
        notes=notes.strip(),
        created_by=actor.login,
        created_at=now,
        updated_by=actor.login,
        updated_at=now,
    )
    s.add(row)
    s.flush()
    audit.record(s, actor, now, "appointment.book", "appointment", row.id, None, snapshot(row))
    queue_for_change(s, row.id, Change.BOOKED, now)  # confirmation and reminder, same transaction
    return agenda_repo.appointment_to_native(row)


def move_in(
    s: Session,
    actor: Actor,
    now: datetime,
    appointment_id: int,
    expected_version: int | None,
    start: datetime,
    *,
    practitioner_id: int | None = None,
    force: bool = False,
    overbooking_reason: str = "",
    action: str = "appointment.move",
) -> Appointment:
    """Move inside the caller's transaction: the rules and the audit record of ``move``.

    ``action`` names the audit record (a rebooking after an absence says so). The caller has
    checked the actor's rights.
    """
    start = _as_utc(start)
    row = _editable(s, appointment_id, expected_version, actor, now)
    before = snapshot(row)
    reason = repo.visit_reason(s, row.visit_reason_id)
    target = practitioner_id or row.practitioner_id
    if repo.practitioner(s, target).department_id != reason.department_id:
        raise InvalidInput("Le nouveau praticien ne propose pas ce motif.")
    end = start + timedelta(minutes=reason.duration_min)
    site_id, overbooked = _check_rules(
        s, calendar_of(s), target, reason, start, end, now, force, row.id
    )
    row.practitioner_id, row.site_id = target, site_id
    row.start_at, row.end_at = start, end
    row.overbooked = overbooked
    row.overbooking_reason = _reason(overbooking_reason) if overbooked else ""
    row.updated_by, row.updated_at = actor.login, now
    s.flush()
    audit.record(s, actor, now, action, "appointment", row.id, before, snapshot(row))
    queue_for_change(s, row.id, Change.MOVED, now)  # pending reminders replaced
    return agenda_repo.appointment_to_native(row)


def _editable(
    s: Session, appointment_id: int, expected_version: int | None, actor: Actor, now: datetime
) -> AppointmentRow:
    # Locked until the end of the transaction (``FOR UPDATE`` on PostgreSQL; SQLite's
    # ``BEGIN IMMEDIATE`` already serialises writers): a concurrent edit waits, then reads the
    # version this one writes and is refused below, naming who changed it.
    row = s.get(AppointmentRow, appointment_id, with_for_update=True)
    if row is None:
        raise NotFound(f"Rendez-vous inconnu : n° {appointment_id}.")
    if expected_version is not None and row.version != expected_version:
        calendar = calendar_of(s)
        when = calendar.local(row.updated_at)
        raise StaleEdit(
            f"Ce rendez-vous a été modifié entre-temps par {row.updated_by} le "
            f"{when:%d/%m/%Y à %H:%M} : rien n'a été enregistré, la version actuelle est affichée."
        )
    if row.status == Status.CANCELLED.value:
        raise BookingRefused("Ce rendez-vous est annulé : il ne peut plus être modifié.")
    return row


def _check_rules(
    s: Session,
    calendar: AgendaCalendar,
    practitioner_id: int,
    reason,
    start: datetime,
    end: datetime,
    now: datetime,
    force: bool,
    exclude_id: int | None,
) -> tuple[int, bool]:
    """The site of the booking and whether it is an overbooking; raises when refused.

    The order of the checks gives the most useful message: the past, then the openings, then
    the conflicts.
    """
    local = calendar.local(start)
    problems: list[CreneauError] = []
    if start < now:
        raise InThePast(f"Le {local:%d/%m/%Y} à {local:%H:%M} est déjà passé.")
    if reason.min_notice_hours and start < now + timedelta(hours=reason.min_notice_hours):
        problems.append(
            InThePast(f"Ce motif demande un délai de prévenance de {reason.min_notice_hours} h.")
        )
    openings = repo.openings(s, [practitioner_id])[practitioner_id]
    site_id = None
    try:
        site_id = find_opening(openings, reason, calendar, start, end).site_id
    except OutsideOpening as exc:
        problems.append(exc)
    clashes = agenda_repo.overlapping(s, practitioner_id, start, end, exclude_id)
    if clashes:
        first = calendar.local(clashes[0].start)
        last = calendar.local(clashes[0].end)
        problems.append(
            SlotConflict(
                f"Le {local:%d/%m/%Y} à {local:%H:%M} chevauche un autre rendez-vous "
                f"({first:%H:%M}–{last:%H:%M})."
            )
        )
    absences = agenda_repo.absences_overlapping(s, practitioner_id, start, end)
    if absences:
        problems.append(
            SlotConflict(
                f"Le praticien est absent le {local:%d/%m/%Y} à {local:%H:%M}"
                + (f" ({absences[0].reason})." if absences[0].reason else ".")
            )
        )
    if problems and not force:
        raise problems[0]
    if site_id is None:
        site_id = _default_site(s, practitioner_id, openings)
    return site_id, bool(problems)


def _default_site(s: Session, practitioner_id: int, openings) -> int:
    if openings:
        return openings[0].site_id
    practitioner = repo.practitioner(s, practitioner_id)
    return next(d.site_id for d in repo.departments(s) if d.id == practitioner.department_id)


def _reason(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > MAX_REASON:
        raise InvalidInput(f"Le motif ne peut dépasser {MAX_REASON} caractères.")
    return text


def _as_utc(start: datetime) -> datetime:
    """The instant in UTC: durations are then added in real time, not in wall-clock time.

    ``start + 30 min`` on a datetime in a ``ZoneInfo`` is wall-clock arithmetic: on the night the
    clocks go back, 02:30 (first occurrence) + 30 min would end an hour late. The audit snapshot
    and the returned appointment are in UTC too, like what is read back from the database.
    """
    if start.tzinfo is None:
        raise ValueError("naive datetime given to the booking service")
    return start.astimezone(UTC)
