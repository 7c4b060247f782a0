"""Practitioners' absences and their impact: the appointments hit, their rebooking, the call list.

Entering an absence does not touch the appointments it hits: ``impact`` lists them with, for
each, the first free slot that could replace it (same visit reason; the same practitioner after
the absence first, else another practitioner of the department), no two proposals sharing a
slot. ``rebook`` / ``rebook_all`` move them (each its own transaction); ``call_list`` gives the
patients still to call.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from db.repositories import agenda as agenda_repo
from db.repositories import audit
from db.repositories import patients as patients_repo
from db.repositories import structure as repo
from db.tables import AbsenceRow
from desktop.domain.errors import CreneauError, InvalidInput
from desktop.domain.model import (
    Absence,
    Actor,
    Appointment,
    Patient,
    Practitioner,
    Slot,
    Status,
    VisitReason,
)
from desktop.domain.permissions import Action
from desktop.domain.scheduling import AgendaCalendar
from desktop.services.booking import move_in
from desktop.services.clock import Clock
from desktop.services.guard import guarded
from desktop.services.slot_search import agendas_of, first_free_from, load_busy
from desktop.services.structure import calendar_of
from desktop.services.uow import Database
from desktop.services.waitlist import Proposal, WaitlistService

SEARCH_DAYS = 90
MAX_ABSENCE_DAYS = 366 * 2
MAX_ABSENCE_REASON = 200
# Only appointments still to be honoured are rebooked: a patient who came, or did not, stays.
TO_REBOOK = (Status.BOOKED, Status.CONFIRMED)
NO_REPLACEMENT = "Aucun créneau de remplacement n'a été trouvé dans les 90 jours."


@dataclass(frozen=True)
class ImpactItem:
    """An appointment hit by an absence, its patient (with phones) and a proposed replacement."""

    appointment: Appointment
    patient: Patient
    replacement: Slot | None


@dataclass(frozen=True)
class RebookReport:
    """What ``rebook_all`` did: the moved appointments, and the others with the French reason."""

    rebooked: list[Appointment] = field(default_factory=list)
    failed: list[tuple[ImpactItem, str]] = field(default_factory=list)


def absence_snapshot(absence: Absence) -> dict:
    """The audited state of an absence."""
    return {
        "practitioner_id": absence.practitioner_id,
        "start": absence.start.isoformat(),
        "end": absence.end.isoformat(),
        "reason": absence.reason,
    }


class AbsenceService:
    """Use cases of practitioners' absences."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def add(
        self, actor: Actor, practitioner_id: int, start: datetime, end: datetime, reason: str = ""
    ) -> Absence:
        """Record an absence ``[start, end)`` (aware instants); the appointments stay in place.

        Refused when the end is not after the start, the absence lasts more than two years or
        the reason is too long. A physician may only enter their own absences.
        """
        guarded(
            self._db,
            self._clock,
            actor,
            Action.MANAGE_ABSENCES,
            "absence",
            practitioner_id=practitioner_id,
        )
        start, end = _utc(start), _utc(end)
        text = " ".join(reason.split())
        if len(text) > MAX_ABSENCE_REASON:
            raise InvalidInput(f"Le motif ne peut dépasser {MAX_ABSENCE_REASON} caractères.")

        def work(s: Session) -> Absence:
            now = self._clock.now()
            repo.practitioner(s, practitioner_id)
            calendar = calendar_of(s)
            if end <= start:
                raise InvalidInput(
                    f"La fin de l'absence ({_when(calendar, end)}) doit être après son début "
                    f"({_when(calendar, start)})."
                )
            if end - start > timedelta(days=MAX_ABSENCE_DAYS):
                raise InvalidInput("Une absence ne peut dépasser deux ans.")
            row = AbsenceRow(
                practitioner_id=practitioner_id, start_at=start, end_at=end, reason=text
            )
            s.add(row)
            s.flush()
            absence = agenda_repo.absence_to_native(row)
            audit.record(
                s, actor, now, "absence.add", "absence", row.id, None, absence_snapshot(absence)
            )
            return absence

        return self._db.run(work)

    def remove(self, actor: Actor, absence_id: int) -> Absence:
        """Delete an absence; returns it as it was. Its time is free again:
        ``freed_proposals`` offers it to the waiting list."""
        with self._db.read() as s:
            current = agenda_repo.absence_to_native(agenda_repo.absence_row(s, absence_id))
        guarded(
            self._db,
            self._clock,
            actor,
            Action.MANAGE_ABSENCES,
            "absence",
            absence_id,
            practitioner_id=current.practitioner_id,
        )

        def work(s: Session) -> Absence:
            now = self._clock.now()
            absence = agenda_repo.absence_to_native(agenda_repo.absence_row(s, absence_id))
            s.execute(delete(AbsenceRow).where(AbsenceRow.id == absence_id))
            audit.record(
                s, actor, now, "absence.remove", "absence", absence_id, absence_snapshot(absence)
            )
            return absence

        return self._db.run(work)

    def freed_proposals(self, absence: Absence) -> list[Proposal]:
        """After ``remove``: the slots of the absence's time that suit waiting patients."""
        return WaitlistService(self._db, self._clock).proposals_for_interval(
            absence.practitioner_id, absence.start, absence.end
        )

    def absences(
        self, practitioner_ids: Iterable[int], start: datetime, end: datetime
    ) -> list[Absence]:
        """Absences of the practitioners overlapping ``[start, end)``, by start."""
        with self._db.read() as s:
            return agenda_repo.absences(s, practitioner_ids, _utc(start), _utc(end))

    def impact(self, practitioner_id: int, start: datetime, end: datetime) -> list[ImpactItem]:
        """The appointments still to be honoured that ``[start, end)`` hits, by start, each
        with the first free slot that could replace it (None when there is none).

        The same practitioner is searched first, from the later of now and ``end``, over 90
        days; else the other practitioners of the department, from the later of now and
        ``start``. Proposals never share time with each other. Works before or after the
        absence is recorded.
        """
        start, end = _utc(start), _utc(end)
        if end <= start:
            return []
        now = self._clock.now()
        with self._db.read() as s:
            practitioner = repo.practitioner(s, practitioner_id)
            hit = [
                a
                for a in agenda_repo.overlapping(s, practitioner_id, start, end)
                if a.status in TO_REBOOK
            ]
            if not hit:
                return []
            patients = patients_repo.patients(s, sorted({a.patient_id for a in hit}))
            finder = _ReplacementFinder(s, practitioner, now, start, end)
            return [
                ImpactItem(a, patients[a.patient_id], finder.replacement(a))
                for a in sorted(hit, key=lambda a: (a.start, a.id))
            ]

    def call_list(self, practitioner_id: int, start: datetime, end: datetime) -> list[ImpactItem]:
        """The patients still to call: appointments the period hits that were not rebooked,
        with their patients' phones and a replacement to offer when there is one."""
        return self.impact(practitioner_id, start, end)

    def rebook(
        self, actor: Actor, appointment_id: int, expected_version: int | None, slot: Slot
    ) -> Appointment:
        """Move an appointment hit by an absence to ``slot`` (possibly another practitioner of
        the department), in one audited transaction; the booking rules apply."""
        with self._db.read() as s:
            source = agenda_repo.appointment(s, appointment_id).practitioner_id
        for practitioner_id in dict.fromkeys((source, slot.practitioner_id)):
            guarded(
                self._db, self._clock, actor, Action.MOVE, "appointment", appointment_id,
                practitioner_id=practitioner_id,
            )  # fmt: skip

        def work(s: Session) -> Appointment:
            now = self._clock.now()
            current = agenda_repo.appointment(s, appointment_id)
            if slot.visit_reason_id != current.visit_reason_id:
                raise InvalidInput("Ce créneau est pour un autre motif que celui du rendez-vous.")
            return move_in(
                s,
                actor,
                now,
                appointment_id,
                expected_version,
                slot.start,
                practitioner_id=slot.practitioner_id,
                action="appointment.rebook",
            )

        return self._db.run(work)

    def rebook_all(self, actor: Actor, items: Sequence[ImpactItem]) -> RebookReport:
        """Rebook every item on its proposed replacement, each in its own transaction: a slot
        taken meanwhile fails that item alone, with the French reason."""
        guarded(self._db, self._clock, actor, Action.MOVE, "appointment")
        report = RebookReport()
        for item in items:
            if item.replacement is None:
                report.failed.append((item, NO_REPLACEMENT))
                continue
            try:
                report.rebooked.append(
                    self.rebook(
                        actor, item.appointment.id, item.appointment.version, item.replacement
                    )
                )
            except CreneauError as exc:
                report.failed.append((item, exc.message))
        return report


class _ReplacementFinder:
    """First free slots for the appointments an absence hits, never proposing one time twice."""

    def __init__(
        self, s: Session, practitioner: Practitioner, now: datetime, start: datetime, end: datetime
    ) -> None:
        self.calendar: AgendaCalendar = calendar_of(s)
        self.now = now
        self.same_from = max(now, end)
        self.other_from = max(now, start)
        self.absent = practitioner.id
        self.others = [
            p.id
            for p in repo.practitioners(s, practitioner.department_id)
            if p.id != practitioner.id
        ]
        ids = [practitioner.id, *self.others]
        self.openings = repo.openings(s, ids)
        local = self.calendar.local
        first_day = local(min(self.same_from, self.other_from)).date()
        last_day = local(max(self.same_from, self.other_from)).date() + timedelta(days=SEARCH_DAYS)
        self.busy = load_busy(s, self.calendar, ids, first_day, last_day)
        self.proposed: dict[int, list[tuple[datetime, datetime]]] = {}
        self.reasons: dict[int, VisitReason] = {}
        self.session = s

    def replacement(self, appointment: Appointment) -> Slot | None:
        reason = self.reasons.get(appointment.visit_reason_id)
        if reason is None:
            reason = repo.visit_reason(self.session, appointment.visit_reason_id)
            self.reasons[reason.id] = reason
        slot = self._first([self.absent], reason, self.same_from)
        if slot is None and self.others:
            slot = self._first(self.others, reason, self.other_from)
        if slot is not None:
            self.proposed.setdefault(slot.practitioner_id, []).append((slot.start, slot.end))
        return slot

    def _first(self, ids: list[int], reason: VisitReason, not_before: datetime) -> Slot | None:
        agendas = agendas_of(ids, self.openings, self.busy, self.proposed)
        return first_free_from(agendas, reason, self.calendar, not_before, SEARCH_DAYS, self.now)


def _utc(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("naive datetime given to the absences service")
    return instant.astimezone(UTC)


def _when(calendar: AgendaCalendar, instant: datetime) -> str:
    local = calendar.local(instant)
    return f"{local:%d/%m/%Y %H:%M}"
