"""Reading the agenda: free slots, the first free slot, and what a day or week holds."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from db.repositories import agenda as agenda_repo
from db.repositories import audit
from db.repositories import patients as patients_repo
from db.repositories import structure as repo
from desktop.domain.errors import InvalidInput
from desktop.domain.model import (
    Absence,
    Actor,
    Appointment,
    AuditEntry,
    Department,
    Patient,
    Practitioner,
    PractitionerAgenda,
    Role,
    Slot,
    VisitReason,
)
from desktop.domain.permissions import Action
from desktop.domain.scheduling import AgendaCalendar, TimeWindow, free_slots, open_intervals
from desktop.services.clock import Clock
from desktop.services.guard import guarded
from desktop.services.structure import calendar_of
from desktop.services.uow import Database

CHUNK_DAYS = 7
# The hospital's setting of what physicians may look at: their own agenda, or their department's.
PHYSICIAN_SCOPE = "physician_scope"
SCOPE_OWN = "own"
SCOPE_DEPARTMENT = "department"
MAX_RANGE_DAYS = 366 * 2


@dataclass(frozen=True)
class AgendaPeriod:
    """What a set of practitioners' agendas hold over a period, ready for a view or a report."""

    start: datetime
    end: datetime
    practitioners: tuple[Practitioner, ...]
    appointments: tuple[Appointment, ...]
    absences: tuple[Absence, ...]
    patients: dict[int, Patient]
    visit_reasons: dict[int, VisitReason]
    calendar: AgendaCalendar
    # Opening periods by practitioner id: (start, end, site_id) in UTC, for the views to shade.
    openings: dict[int, list[tuple[datetime, datetime, int]]] = field(default_factory=dict)


class AgendaService:
    """Use cases that read the agenda."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def departments(self) -> list[Department]:
        with self._db.read() as s:
            return repo.departments(s)

    def practitioners(self, department_id: int | None = None) -> list[Practitioner]:
        with self._db.read() as s:
            return repo.practitioners(s, department_id)

    def visit_reasons(self, department_id: int | None = None) -> list[VisitReason]:
        with self._db.read() as s:
            return repo.visit_reasons(s, department_id)

    def free_slots(
        self,
        visit_reason_id: int,
        start_day: date,
        end_day: date,
        practitioner_ids: Sequence[int] | None = None,
        window: TimeWindow | None = None,
        limit: int | None = None,
    ) -> list[Slot]:
        """Free slots for a visit reason, ordered by start then practitioner name.

        Without practitioners, every practitioner of the visit reason's department is searched.
        """
        return list(
            self._iter_slots(visit_reason_id, start_day, end_day, practitioner_ids, window, limit)
        )

    def first_free_slot(
        self,
        visit_reason_id: int,
        start_day: date,
        end_day: date,
        practitioner_ids: Sequence[int] | None = None,
        window: TimeWindow | None = None,
    ) -> Slot | None:
        """The earliest free slot for the visit reason among the practitioners, or None."""
        return next(
            self._iter_slots(visit_reason_id, start_day, end_day, practitioner_ids, window, 1),
            None,
        )

    def _iter_slots(
        self,
        visit_reason_id: int,
        start_day: date,
        end_day: date,
        practitioner_ids: Sequence[int] | None,
        window: TimeWindow | None,
        limit: int | None,
    ) -> Iterator[Slot]:
        if end_day < start_day:
            raise InvalidInput(
                f"La date de fin ({end_day:%d/%m/%Y}) précède la date de début "
                f"({start_day:%d/%m/%Y})."
            )
        if (end_day - start_day).days > MAX_RANGE_DAYS:
            raise InvalidInput("La période de recherche ne peut dépasser deux ans.")
        now = self._clock.now()
        count = 0
        with self._db.read() as s:
            reason = repo.visit_reason(s, visit_reason_id)
            calendar = calendar_of(s)
            if practitioner_ids is None:
                ids = [p.id for p in repo.practitioners(s, reason.department_id)]
            else:  # each once, in name order: ties on a start go by practitioner name
                ids = [p.id for p in repo.practitioners_by_id(s, practitioner_ids)]
            openings = repo.openings(s, ids)
            ids = [
                pid for pid in ids if any(reason.id in o.visit_reason_ids for o in openings[pid])
            ]
            # Chunks of a week: the first free slot is usually near, and never loads 90 days.
            chunk_start = start_day
            while chunk_start <= end_day and ids:
                chunk_end = min(end_day, chunk_start + timedelta(days=CHUNK_DAYS - 1))
                agendas = _agendas(s, calendar, ids, openings, chunk_start, chunk_end)
                for slot in free_slots(
                    agendas, reason, calendar, chunk_start, chunk_end, now, window
                ):
                    yield slot
                    count += 1
                    if limit is not None and count >= limit:
                        return
                chunk_start = chunk_end + timedelta(days=1)

    def first_free_per_practitioner(
        self,
        visit_reason_id: int,
        start_day: date,
        end_day: date,
        practitioner_ids: Sequence[int],
        window: TimeWindow | None = None,
    ) -> list[Slot]:
        """The first free slot of each practitioner (those with none are left out)."""
        found = []
        for pid in practitioner_ids:
            slot = self.first_free_slot(visit_reason_id, start_day, end_day, [pid], window)
            if slot is not None:
                found.append(slot)
        return found

    def period(
        self,
        practitioner_ids: Sequence[int],
        start_day: date,
        end_day: date,
        actor: Actor | None = None,
    ) -> AgendaPeriod:
        """Appointments (with their patients), absences and visit reasons of a period.

        ``start_day`` and ``end_day`` are local dates, both included. With an ``actor``, a
        physician sees only their own agenda unless the hospital lets physicians see their
        department's (setting ``PHYSICIAN_SCOPE``): anything else is refused and audited.
        """
        if actor is not None:
            self.check_agenda_scope(actor, practitioner_ids)
        if end_day < start_day:
            raise InvalidInput(
                f"La date de fin ({end_day:%d/%m/%Y}) précède la date de début "
                f"({start_day:%d/%m/%Y})."
            )
        with self._db.read() as s:
            calendar = calendar_of(s)
            start = calendar.local_day_bounds(start_day)[0]
            end = calendar.local_day_bounds(end_day)[1]
            ids = list(practitioner_ids)
            appointments = agenda_repo.appointments(s, ids, start, end)
            by_id = {p.id: p for p in repo.practitioners_by_id(s, ids)}
            practitioners = tuple(by_id[pid] for pid in ids)
            weekly = repo.openings(s, ids)
            days = [start_day + timedelta(days=n) for n in range((end_day - start_day).days + 1)]
            return AgendaPeriod(
                start=start,
                end=end,
                practitioners=practitioners,
                appointments=tuple(appointments),
                absences=tuple(agenda_repo.absences(s, ids, start, end)),
                patients=patients_repo.patients(s, sorted({a.patient_id for a in appointments})),
                # Only the reasons of these appointments (a withdrawn one too): a big hospital
                # has thousands, and a day is read on every view switch.
                visit_reasons={
                    v.id: v
                    for v in repo.visit_reasons_by_id(s, {a.visit_reason_id for a in appointments})
                },
                calendar=calendar,
                openings={
                    pid: [
                        span for day in days for span in open_intervals(weekly[pid], day, calendar)
                    ]
                    for pid in ids
                },
            )

    def physician_scope(self) -> str:
        """What physicians may look at: ``"own"`` agenda (default) or their ``"department"``."""
        with self._db.read() as s:
            scope = repo.setting(s, PHYSICIAN_SCOPE, SCOPE_OWN)
        return scope if scope in (SCOPE_OWN, SCOPE_DEPARTMENT) else SCOPE_OWN

    def visible_practitioners(self, actor: Actor, practitioners: Sequence[Practitioner]):
        """The practitioners among ``practitioners`` whose agenda ``actor`` may see."""
        if actor.role is not Role.PHYSICIAN:
            return list(practitioners)
        if self.physician_scope() == SCOPE_DEPARTMENT:
            own = next((p for p in practitioners if p.id == actor.practitioner_id), None)
            mine = None if own is None else own.department_id
            with self._db.read() as s:
                if own is None and actor.practitioner_id is not None:
                    mine = repo.practitioner(s, actor.practitioner_id).department_id
            return [p for p in practitioners if p.department_id == mine]
        return [p for p in practitioners if p.id == actor.practitioner_id]

    def check_agenda_scope(self, actor: Actor, practitioner_ids: Sequence[int]) -> None:
        """Refuse (``PermissionDenied``, audited) an agenda the actor may not look at."""
        if actor.role is not Role.PHYSICIAN:
            return
        ids = set(practitioner_ids) - {actor.practitioner_id}
        if not ids:
            return
        if self.physician_scope() == SCOPE_DEPARTMENT and actor.practitioner_id is not None:
            with self._db.read() as s:
                mine = repo.practitioner(s, actor.practitioner_id).department_id
                others = repo.practitioners_by_id(s, ids)
            if all(p.department_id == mine for p in others):
                return
        guarded(
            self._db, self._clock, actor, Action.VIEW_AGENDA, "agenda",
            practitioner_id=min(ids),
        )  # fmt: skip

    def appointment_history(self, appointment_id: int) -> list[AuditEntry]:
        """The changes of an appointment from the audit trail, oldest first (refusals left out).

        ``NotFound`` for an unknown appointment.
        """
        with self._db.read() as s:
            agenda_repo.appointment_row(s, appointment_id)
            entries = audit.entries_for(s, "appointment", appointment_id)
        return [e for e in entries if e.action != "refused"]


def _agendas(
    s: Session,
    calendar: AgendaCalendar,
    ids: list[int],
    openings: dict,
    start_day: date,
    end_day: date,
) -> list[PractitionerAgenda]:
    start = calendar.local_day_bounds(start_day)[0]
    end = calendar.local_day_bounds(end_day)[1]
    busy = agenda_repo.busy_intervals(s, ids, start, end)
    return [PractitionerAgenda(pid, tuple(openings[pid]), tuple(busy[pid])) for pid in ids]
