"""The waiting list's rules: which waiting patients a free slot suits, and in which order.

Pure functions over domain objects; the services load the entries and the slots.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass
from datetime import UTC, date, datetime

from desktop.domain.errors import InvalidInput
from desktop.domain.model import Priority, Slot, TimeOfDay, WaitingEntry, WaitStatus
from desktop.domain.scheduling import (
    AFTERNOON,
    MORNING,
    WEEKDAY_LABELS,
    AgendaCalendar,
    TimeWindow,
)

MAX_NOTES = 1000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_WINDOWS: dict[TimeOfDay, TimeWindow | None] = {
    TimeOfDay.ANY: None,
    TimeOfDay.MORNING: MORNING,
    TimeOfDay.AFTERNOON: AFTERNOON,
}


def window_of(time_window: TimeOfDay) -> TimeWindow | None:
    """The slot engine's filter for a wished time of day (None: any time)."""
    return _WINDOWS[TimeOfDay(time_window)]


def matches(
    entry: WaitingEntry, slot: Slot, calendar: AgendaCalendar, practitioner_department_id: int
) -> bool:
    """Whether a free slot suits a waiting entry.

    The entry must still be waiting and be for the slot's visit reason; its practitioner must
    be the slot's, or, without one, the slot's practitioner must belong to the entry's
    department (``practitioner_department_id``). The slot's local date must be one of the
    wished weekdays (any when none), within ``not_before`` and ``deadline`` (both included), and
    its local start within the wished time of day.
    """
    if entry.status is not WaitStatus.WAITING or entry.visit_reason_id != slot.visit_reason_id:
        return False
    if entry.practitioner_id is not None:
        if entry.practitioner_id != slot.practitioner_id:
            return False
    elif practitioner_department_id != entry.department_id:
        return False
    local = calendar.local(slot.start)
    day = local.date()
    if entry.weekdays and day.weekday() not in entry.weekdays:
        return False
    if entry.not_before is not None and day < entry.not_before:
        return False
    if entry.deadline is not None and day > entry.deadline:
        return False
    window = window_of(entry.time_window)
    return window is None or window.contains(local.time())


def sort_key(entry: WaitingEntry) -> tuple:
    """Higher priority first, then the oldest entry (then the lowest id, for a stable order)."""
    created = entry.created_at
    return (-int(entry.priority), created is None, created or _EPOCH, entry.id)


def ordered(entries: Iterable[WaitingEntry]) -> list[WaitingEntry]:
    """The entries in the order they are offered a slot."""
    return sorted(entries, key=sort_key)


@dataclass(frozen=True, slots=True)
class Wishes:
    """The checked wishes of a waiting entry."""

    weekdays: frozenset[int]
    time_window: TimeOfDay
    not_before: date | None
    deadline: date | None
    priority: Priority
    notes: str


def check_wishes(
    *,
    weekdays: Set[int],
    time_window: TimeOfDay | str,
    not_before: date | None,
    deadline: date | None,
    priority: int,
    notes: str,
    today: date,
) -> Wishes:
    """The wishes, checked and normalised; ``InvalidInput`` with a French message otherwise.

    ``today`` is the hospital's local date: a deadline before it could never be met.
    """
    days = frozenset(weekdays)
    if any(not isinstance(d, int) or isinstance(d, bool) or not 0 <= d <= 6 for d in days):
        raise InvalidInput("Jours souhaités invalides : attendu des jours de lundi à dimanche.")
    try:
        window = TimeOfDay(time_window)
    except ValueError:
        raise InvalidInput(
            f"Moment de la journée inconnu : « {time_window} » "
            "(attendu : indifférent, matin ou après-midi)."
        ) from None
    try:
        level = Priority(priority)
    except ValueError:
        raise InvalidInput(
            f"Priorité inconnue : « {priority} » (attendu : normale, haute ou urgente)."
        ) from None
    for value, what in ((not_before, "« pas avant le »"), (deadline, "limite")):
        if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
            raise InvalidInput(f"La date {what} doit être une date (jour, mois, année).")
    if deadline is not None and deadline < today:
        raise InvalidInput(f"La date limite ({deadline:%d/%m/%Y}) est déjà passée.")
    if not_before is not None and deadline is not None and not_before > deadline:
        raise InvalidInput(
            f"La date « pas avant le » ({not_before:%d/%m/%Y}) est après la date limite "
            f"({deadline:%d/%m/%Y})."
        )
    text = notes.strip()
    if len(text) > MAX_NOTES:
        raise InvalidInput(f"La note ne peut dépasser {MAX_NOTES} caractères.")
    return Wishes(days, window, not_before, deadline, level, text)


def describe_wishes(entry: WaitingEntry) -> str:
    """The wishes in one French phrase: "lundi, jeudi · matin · au plus tard le 30/04/2027"."""
    parts = []
    if entry.weekdays:
        parts.append(", ".join(WEEKDAY_LABELS[d] for d in sorted(entry.weekdays)))
    if entry.time_window is not TimeOfDay.ANY:
        parts.append(entry.time_window.label.lower())
    if entry.not_before is not None:
        parts.append(f"à partir du {entry.not_before:%d/%m/%Y}")
    if entry.deadline is not None:
        parts.append(f"au plus tard le {entry.deadline:%d/%m/%Y}")
    return " · ".join(parts) if parts else "sans préférence"
