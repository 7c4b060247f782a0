"""Slot searches shared by the waiting list and the absences: the real engine over stored data.

Helpers that run inside a caller's session; they load columns, not entities (hot path).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from db.repositories import agenda as agenda_repo
from desktop.domain.model import Opening, PractitionerAgenda, Slot, VisitReason
from desktop.domain.scheduling import AgendaCalendar, free_slots


def load_busy(
    s: Session, calendar: AgendaCalendar, ids: Sequence[int], first_day: date, last_day: date
) -> dict[int, list[tuple[datetime, datetime]]]:
    """Active appointments and absences of the practitioners over local days (both included)."""
    start = calendar.local_day_bounds(first_day)[0]
    end = calendar.local_day_bounds(last_day)[1]
    return agenda_repo.busy_intervals(s, ids, start, end)


def agendas_of(
    ids: Sequence[int],
    openings: Mapping[int, Sequence[Opening]],
    busy: Mapping[int, Sequence[tuple[datetime, datetime]]],
    extra: Mapping[int, Sequence[tuple[datetime, datetime]]] | None = None,
) -> list[PractitionerAgenda]:
    """Engine inputs, in the order of ``ids``; ``extra`` adds busy time (slots already proposed)."""
    extra = extra or {}
    return [
        PractitionerAgenda(pid, tuple(openings[pid]), (*busy[pid], *extra.get(pid, ())))
        for pid in ids
    ]


def first_free_from(
    agendas: Sequence[PractitionerAgenda],
    reason: VisitReason,
    calendar: AgendaCalendar,
    not_before: datetime,
    days: int,
    now: datetime,
) -> Slot | None:
    """The first free slot starting at or after ``not_before``, within ``days`` local days of it.

    ``now`` stays the real now, so that the minimum notice counts from it, not from
    ``not_before``.
    """
    agendas = [a for a in agendas if any(reason.id in o.visit_reason_ids for o in a.openings)]
    if not agendas:
        return None
    first_day = calendar.local(not_before).date()
    last_day = first_day + timedelta(days=days)
    for slot in free_slots(agendas, reason, calendar, first_day, last_day, now):
        if slot.start >= not_before:
            return slot
    return None
