"""The waiting list: patients who want an earlier slot, offered the slots that free up.

When an appointment is cancelled or moved, or an absence removed, ``proposals_for_freed`` /
``proposals_for_interval`` compute with the real slot engine which slots became free and which
waiting patients each suits (priority first, then the oldest request); ``book_from_waitlist``
books one for the patient and closes the entry in one transaction.
"""

from __future__ import annotations

from collections.abc import Set
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy.orm import Session

from db.repositories import audit
from db.repositories import patients as patients_repo
from db.repositories import structure as repo
from db.repositories import waitlist as waitlist_repo
from db.tables import WaitingEntryRow
from desktop.domain.errors import BookingRefused, InvalidInput, PermissionDenied, StaleEdit
from desktop.domain.model import (
    Actor,
    Appointment,
    Channel,
    Role,
    Slot,
    TimeOfDay,
    WaitingEntry,
    WaitStatus,
)
from desktop.domain.permissions import Action
from desktop.domain.scheduling import AgendaCalendar, free_slots
from desktop.domain.waitlist import check_wishes, matches, ordered, sort_key
from desktop.services.booking import book_in
from desktop.services.clock import Clock
from desktop.services.guard import guarded
from desktop.services.slot_search import agendas_of, load_busy
from desktop.services.structure import calendar_of
from desktop.services.uow import Database

MAX_REMOVE_REASON = 500
MAX_PROPOSALS = 200


class Proposal(NamedTuple):
    """A slot that became free and the waiting entries it suits, in the order to offer them."""

    slot: Slot
    entries: list[WaitingEntry]


def entry_snapshot(row: WaitingEntryRow) -> dict:
    """The audited state of a waiting entry: ids and wishes, never a name or the notes' text."""
    return {
        "patient_id": row.patient_id,
        "visit_reason_id": row.visit_reason_id,
        "practitioner_id": row.practitioner_id,
        "department_id": row.department_id,
        "weekdays": row.weekdays,
        "time_window": row.time_window,
        "not_before": row.not_before.isoformat() if row.not_before else None,
        "deadline": row.deadline.isoformat() if row.deadline else None,
        "priority": row.priority,
        "notes_length": len(row.notes),
        "status": row.status,
        "appointment_id": row.appointment_id,
        "removed_reason": row.removed_reason,
        "version": row.version,
    }


class WaitlistService:
    """Use cases of the waiting list."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    # --- changes -----------------------------------------------------------------------------

    def add(
        self,
        actor: Actor,
        patient_id: int,
        visit_reason_id: int,
        *,
        practitioner_id: int | None = None,
        weekdays: Set[int] = frozenset(),
        time_window: TimeOfDay | str = TimeOfDay.ANY,
        not_before: date | None = None,
        deadline: date | None = None,
        priority: int = 0,
        notes: str = "",
    ) -> WaitingEntry:
        """Put a patient on the waiting list for a visit reason.

        With a practitioner, only their slots are offered; without, any practitioner of the
        visit reason's department. Refused (nothing written) when the deadline is past, the
        dates are in the wrong order, the practitioner does not offer the visit reason, or the
        patient already waits for the same visit reason and practitioner.
        """
        guarded(self._db, self._clock, actor, Action.MANAGE_WAITLIST, "waiting_entry")
        with self._db.read() as s:
            today = calendar_of(s).local(self._clock.now()).date()
            reason = repo.visit_reason(s, visit_reason_id)
        wishes = check_wishes(
            weekdays=weekdays,
            time_window=time_window,
            not_before=not_before,
            deadline=deadline,
            priority=priority,
            notes=notes,
            today=today,
        )
        self._check_scope(actor, practitioner_id, reason.department_id, None)

        def work(s: Session) -> WaitingEntry:
            now = self._clock.now()
            patients_repo.patient_row(s, patient_id)
            reason = repo.visit_reason(s, visit_reason_id)
            if practitioner_id is not None:
                practitioner = repo.practitioner(s, practitioner_id)
                if practitioner.department_id != reason.department_id:
                    raise InvalidInput(
                        f"Le motif « {reason.label} » n'est pas proposé par {practitioner.name}."
                    )
            twin = waitlist_repo.waiting_duplicate(s, patient_id, visit_reason_id, practitioner_id)
            if twin is not None:
                raise InvalidInput(
                    f"Ce patient attend déjà un créneau pour ce motif (demande n° {twin.id})."
                )
            row = WaitingEntryRow(
                patient_id=patient_id,
                visit_reason_id=visit_reason_id,
                practitioner_id=practitioner_id,
                department_id=reason.department_id,
                weekdays=waitlist_repo.encode_weekdays(wishes.weekdays),
                time_window=wishes.time_window.value,
                not_before=wishes.not_before,
                deadline=wishes.deadline,
                priority=int(wishes.priority),
                notes=wishes.notes,
                status=WaitStatus.WAITING.value,
                removed_reason="",
                created_by=actor.login,
                created_at=now,
                updated_by=actor.login,
                updated_at=now,
            )
            s.add(row)
            s.flush()
            audit.record(
                s, actor, now, "waitlist.add", "waiting_entry", row.id, None, entry_snapshot(row)
            )
            return waitlist_repo.entry_to_native(row)

        return self._db.run(work)

    def remove(
        self, actor: Actor, entry_id: int, expected_version: int | None, reason: str
    ) -> WaitingEntry:
        """Take an entry off the list (the patient found a slot elsewhere, gave up…).

        ``reason`` is required; the entry is kept, marked removed, for the record.
        """
        guarded(self._db, self._clock, actor, Action.MANAGE_WAITLIST, "waiting_entry", entry_id)
        text = " ".join(reason.split())
        if not text:
            raise InvalidInput("Indiquez pourquoi la demande est retirée de la liste d'attente.")
        if len(text) > MAX_REMOVE_REASON:
            raise InvalidInput(f"Le motif ne peut dépasser {MAX_REMOVE_REASON} caractères.")
        current = self.entry(entry_id)
        self._check_scope(actor, current.practitioner_id, current.department_id, entry_id)

        def work(s: Session) -> WaitingEntry:
            now = self._clock.now()
            row = _waiting(s, entry_id, expected_version)
            before = entry_snapshot(row)
            row.status = WaitStatus.REMOVED.value
            row.removed_reason = text
            row.updated_by, row.updated_at = actor.login, now
            s.flush()
            audit.record(
                s,
                actor,
                now,
                "waitlist.remove",
                "waiting_entry",
                row.id,
                before,
                entry_snapshot(row),
            )
            return waitlist_repo.entry_to_native(row)

        return self._db.run(work)

    def book_from_waitlist(
        self, actor: Actor, entry_id: int, slot: Slot, expected_version: int | None
    ) -> Appointment:
        """Book ``slot`` for the entry's patient and mark the entry booked, in one transaction.

        The booking rules are those of ``BookingService.book`` (a slot taken in the meantime is
        a ``SlotConflict`` and the entry stays waiting). The slot must be for the entry's visit
        reason and, when the entry names one, its practitioner; the other wishes (days, time,
        dates) are the patient's to waive on the phone.
        """
        guarded(self._db, self._clock, actor, Action.BOOK, "appointment")
        guarded(self._db, self._clock, actor, Action.MANAGE_WAITLIST, "waiting_entry", entry_id)
        current = self.entry(entry_id)
        self._check_scope(actor, slot.practitioner_id, current.department_id, entry_id)

        def work(s: Session) -> Appointment:
            now = self._clock.now()
            row = _waiting(s, entry_id, expected_version)
            if slot.visit_reason_id != row.visit_reason_id:
                raise InvalidInput("Ce créneau est pour un autre motif que celui de la demande.")
            if row.practitioner_id is not None and slot.practitioner_id != row.practitioner_id:
                raise InvalidInput("Ce créneau est avec un autre praticien que celui demandé.")
            before = entry_snapshot(row)
            appointment = book_in(
                s,
                actor,
                now,
                slot.practitioner_id,
                slot.visit_reason_id,
                row.patient_id,
                slot.start,
                channel=Channel.PHONE,
            )
            row.status = WaitStatus.BOOKED.value
            row.appointment_id = appointment.id
            row.updated_by, row.updated_at = actor.login, now
            s.flush()
            audit.record(
                s, actor, now, "waitlist.book", "waiting_entry", row.id, before, entry_snapshot(row)
            )
            return appointment

        return self._db.run(work)

    # --- reading -----------------------------------------------------------------------------

    def entry(self, entry_id: int) -> WaitingEntry:
        """One entry, whatever its status; ``NotFound`` for an unknown id."""
        with self._db.read() as s:
            return waitlist_repo.entry(s, entry_id)

    def entries(
        self, department_id: int | None = None, include_done: bool = False
    ) -> list[WaitingEntry]:
        """The list of a department (every department when None), in the order slots are offered.

        With ``include_done``, booked and removed entries follow the waiting ones.
        """
        with self._db.read() as s:
            found = waitlist_repo.entries(s, department_id, include_done)
        return sorted(found, key=lambda e: (e.status is not WaitStatus.WAITING, sort_key(e)))

    def entries_for_patient(self, patient_id: int) -> list[WaitingEntry]:
        """A patient's entries still waiting, in the order slots are offered."""
        return [e for e in self.entries() if e.patient_id == patient_id]

    def matches_for_slot(self, slot: Slot) -> list[WaitingEntry]:
        """The waiting entries a free slot suits, in the order to offer it."""
        with self._db.read() as s:
            department_id = repo.practitioner(s, slot.practitioner_id).department_id
            candidates = waitlist_repo.waiting_for(
                s, slot.practitioner_id, department_id, [slot.visit_reason_id]
            )
            calendar = calendar_of(s)
        return ordered(e for e in candidates if matches(e, slot, calendar, department_id))

    def proposals_for_freed(self, appointment: Appointment) -> list[Proposal]:
        """The slots freed by cancelling or moving ``appointment``, each with its waiting entries.

        Pass the appointment as it was before the move (its old practitioner and times); the
        cancelled appointment works as returned by the cancellation.
        """
        return self.proposals_for_interval(
            appointment.practitioner_id, appointment.start, appointment.end
        )

    def proposals_for_interval(
        self, practitioner_id: int, start: datetime, end: datetime, limit: int = MAX_PROPOSALS
    ) -> list[Proposal]:
        """Free slots of the practitioner overlapping ``[start, end)`` that suit waiting entries.

        Computed with the slot engine and the current bookings, for every visit reason waited
        for with that practitioner or their department; ordered by start, at most ``limit``.
        Slots overlapping the freed interval were held by it: each one is newly free.
        """
        if start.tzinfo is None or end.tzinfo is None:
            raise ValueError("naive datetime given to the waiting list")
        if end <= start:
            return []
        now = self._clock.now()
        with self._db.read() as s:
            department_id = repo.practitioner(s, practitioner_id).department_id
            entries = waitlist_repo.waiting_for(s, practitioner_id, department_id)
            if not entries:
                return []
            calendar = calendar_of(s)
            reasons = repo.visit_reasons_by_id(s, {e.visit_reason_id for e in entries})
            first_day = calendar.local(start).date()
            last_day = calendar.local(end).date()
            openings = repo.openings(s, [practitioner_id])
            busy = load_busy(s, calendar, [practitioner_id], first_day, last_day)
        agendas = agendas_of([practitioner_id], openings, busy)
        proposals = []
        for reason in sorted(reasons, key=lambda r: r.id):
            for slot in free_slots(agendas, reason, calendar, first_day, last_day, now):
                if slot.start >= end or slot.end <= start:
                    continue
                suited = _suited(entries, slot, calendar, department_id)
                if suited:
                    proposals.append(Proposal(slot, suited))
        proposals.sort(key=lambda p: (p.slot.start, p.slot.visit_reason_id))
        return proposals[:limit]

    # --- helpers -----------------------------------------------------------------------------

    def _check_scope(
        self,
        actor: Actor,
        practitioner_id: int | None,
        department_id: int,
        entry_id: int | None,
    ) -> None:
        """A physician manages the list of their own agenda: entries for them, or for their
        department without a practitioner. A refusal is audited."""
        if actor.role is not Role.PHYSICIAN:
            return
        if practitioner_id is not None:
            guarded(
                self._db,
                self._clock,
                actor,
                Action.MANAGE_WAITLIST,
                "waiting_entry",
                entry_id,
                practitioner_id=practitioner_id,
            )
            return
        own_department = None
        if actor.practitioner_id is not None:
            with self._db.read() as s:
                own_department = repo.practitioner(s, actor.practitioner_id).department_id
        if own_department == department_id:
            return
        now = self._clock.now()
        after = {"action": Action.MANAGE_WAITLIST.value, "department_id": department_id}
        self._db.run(
            lambda s: audit.record(s, actor, now, "refused", "waiting_entry", entry_id, None, after)
        )
        raise PermissionDenied("Un médecin ne peut gérer que la liste d'attente de son service.")


def _suited(
    entries: list[WaitingEntry], slot: Slot, calendar: AgendaCalendar, department_id: int
) -> list[WaitingEntry]:
    return ordered(e for e in entries if matches(e, slot, calendar, department_id))


def _waiting(s: Session, entry_id: int, expected_version: int | None) -> WaitingEntryRow:
    """The entry's row, locked, still waiting and at the version the user saw."""
    row = waitlist_repo.entry_row(s, entry_id, for_update=True)
    if expected_version is not None and row.version != expected_version:
        when = calendar_of(s).local(row.updated_at)
        raise StaleEdit(
            f"Cette demande a été modifiée entre-temps par {row.updated_by} le "
            f"{when:%d/%m/%Y à %H:%M} : rien n'a été enregistré, la version actuelle est affichée."
        )
    if row.status != WaitStatus.WAITING.value:
        status = WaitStatus(row.status).label.lower()
        raise BookingRefused(f"Cette demande n'est plus en attente ({status}).")
    return row
