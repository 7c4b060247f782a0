"""What weekly openings generate over the coming weeks, before they are saved.

The administrator edits a practitioner's openings and sees, week by week, the slots they give on
each date, as the slot engine reads them (``desktop.domain.scheduling``): ISO week parity, validity
dates, public holidays and site closures, the daylight-saving changes. Each date also says why an
opening of that weekday gives nothing there (other week parity, not yet or no longer valid, closed).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from desktop.domain.errors import InvalidInput
from desktop.domain.model import Opening, Weeks
from desktop.domain.scheduling import AgendaCalendar, BusyIndex, _occurrence_slots, open_intervals

MAX_PREVIEW_WEEKS = 26
_NOTHING_BUSY = BusyIndex(())
_DAWN = datetime(1, 1, 2, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class PreviewSlot:
    """A start an opening gives: ``[start, end)`` as aware local times of the hospital."""

    start: datetime
    end: datetime
    opening_index: int  # position of the opening in the list given to ``preview_openings``
    site_id: int


@dataclass(frozen=True, slots=True)
class PreviewDay:
    """One date: its slots, and why openings of that weekday give none (``notes``)."""

    day: date
    slots: tuple[PreviewSlot, ...] = ()
    closed: str | None = None  # public holiday or closure that removes openings that day
    notes: tuple[str, ...] = ()
    # The open periods (aware local start, end) as the agenda shades them, merged per site.
    hours: tuple[tuple[datetime, datetime], ...] = ()

    @property
    def even_week(self) -> bool:
        """Whether the date lies in an even ISO week."""
        return self.day.isocalendar().week % 2 == 0


@dataclass(frozen=True, slots=True)
class PreviewWeek:
    """An ISO week, Monday to Sunday."""

    monday: date
    days: tuple[PreviewDay, ...]

    @property
    def number(self) -> int:
        """The ISO week number."""
        return self.monday.isocalendar().week

    @property
    def even(self) -> bool:
        """Whether the ISO week number is even (what « semaines paires » means)."""
        return self.number % 2 == 0

    @property
    def slot_count(self) -> int:
        return sum(len(d.slots) for d in self.days)


def span(opening: Opening) -> str:
    """ "09:00–12:30", how the notes name an opening."""
    return f"{opening.start:%H:%M}–{opening.end:%H:%M}"


def _why_not(opening: Opening, day: date) -> str | None:
    """Why an opening of that weekday does not run on that date (None when it runs)."""
    if day < opening.valid_from:
        return f"{span(opening)} : valable à partir du {opening.valid_from:%d/%m/%Y}"
    if opening.valid_to is not None and day > opening.valid_to:
        return f"{span(opening)} : terminée le {opening.valid_to:%d/%m/%Y}"
    if opening.weeks is not Weeks.ALL:
        even = day.isocalendar().week % 2 == 0
        if even != (opening.weeks is Weeks.EVEN):
            parity = "paires" if opening.weeks is Weeks.EVEN else "impaires"
            return f"{span(opening)} : semaines {parity} seulement"
    return None


def slot_minutes(opening: Opening, durations: Mapping[int, int] | None) -> int:
    """The length of a previewed slot: the shortest visit reason of the opening, else its step."""
    known = [durations[v] for v in opening.visit_reason_ids if durations and v in durations]
    return min(known) if known else opening.step_min


def preview_day(
    openings: Sequence[Opening],
    calendar: AgendaCalendar,
    day: date,
    durations: Mapping[int, int] | None = None,
) -> PreviewDay:
    """The slots the openings give on one local date, and why some give none."""
    seen: dict[datetime, PreviewSlot] = {}
    notes: list[str] = []
    closed = None
    running: list[Opening] = []
    for index, opening in enumerate(openings):
        if opening.weekday != day.weekday():
            continue
        if opening.step_min <= 0 or opening.end <= opening.start:
            notes.append(f"{span(opening)} : horaires ou pas invalides, aucun créneau")
            continue
        why = _why_not(opening, day)
        if why is not None:
            notes.append(why)
            continue
        reason = calendar.closure_reason(opening.site_id, day)
        if reason is not None:
            closed = closed or reason
            continue
        running.append(opening)
        length = timedelta(minutes=slot_minutes(opening, durations))
        for start, end in _occurrence_slots(
            opening, day, length, _NOTHING_BUSY, _DAWN, None, calendar.tz
        ):
            seen.setdefault(
                start,
                PreviewSlot(calendar.local(start), calendar.local(end), index, opening.site_id),
            )
    hours = tuple(
        (calendar.local(start), calendar.local(end))
        for start, end, _site in open_intervals(running, day, calendar)
    )
    return PreviewDay(day, tuple(seen[k] for k in sorted(seen)), closed, tuple(notes), hours)


def preview_openings(
    openings: Sequence[Opening],
    calendar: AgendaCalendar,
    first_day: date,
    weeks: int,
    durations: Mapping[int, int] | None = None,
) -> list[PreviewWeek]:
    """The slots of the openings over ``weeks`` ISO weeks, from the week holding ``first_day``.

    ``openings`` may be unsaved (any ids); ``durations`` maps visit reason ids to minutes, so a
    slot is as long as the shortest visit reason the opening takes (without it: the step).
    """
    if isinstance(weeks, bool) or not 1 <= weeks <= MAX_PREVIEW_WEEKS:
        raise InvalidInput(f"L'aperçu couvre de 1 à {MAX_PREVIEW_WEEKS} semaines, pas {weeks}.")
    monday = first_day - timedelta(days=first_day.weekday())
    result = []
    for w in range(weeks):
        start = monday + timedelta(weeks=w)
        days = tuple(
            preview_day(openings, calendar, start + timedelta(days=d), durations) for d in range(7)
        )
        result.append(PreviewWeek(start, days))
    return result
