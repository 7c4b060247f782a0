"""The slot engine: the agenda rules of PRODUCT.md, in pure Python.

Wall-clock times are the hospital's; instants are UTC. An opening applies on a date when the ISO
weekday matches, the date is within its validity, the ISO week parity matches, and the date is
neither a public holiday (when enabled) nor a closure of the opening's site. Candidate starts are
``opening.start + k × step`` in local wall time; a start that does not exist (DST gap) is skipped,
a repeated one takes its first occurrence; a visit reason of duration ``d`` fits at ``t`` when
``t + d <= opening end``. A candidate is free when it overlaps no busy interval (active
appointments and absences), is not in the past and respects the minimum notice.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from itertools import accumulate
from zoneinfo import ZoneInfo

import holidays as holidays_lib

from desktop.domain.errors import ClosedDay, InvalidInput, NonExistentLocalTime, OutsideOpening
from desktop.domain.model import Closure, Opening, PractitionerAgenda, Slot, VisitReason, Weeks

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_LABELS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """A time-of-day filter on local start times: ``start <= t < end`` (``end`` None: midnight)."""

    start: time
    end: time | None

    def contains(self, wall: time) -> bool:
        """Whether a local wall time lies in the window."""
        return self.start <= wall and (self.end is None or wall < self.end)


MORNING = TimeWindow(time(0, 0), time(12, 0))
AFTERNOON = TimeWindow(time(12, 0), None)
WINDOWS = {"morning": MORNING, "matin": MORNING, "afternoon": AFTERNOON, "apres-midi": AFTERNOON}


class AgendaCalendar:
    """The hospital's time zone, public holidays and site closures."""

    def __init__(
        self, timezone: str, country_holidays: str | None = None, closures: Iterable[Closure] = ()
    ) -> None:
        try:
            self.tz = ZoneInfo(timezone)
        except (KeyError, ValueError, OSError) as exc:  # with the tzdata package, "Europe" is
            raise InvalidInput(f"Fuseau horaire inconnu : « {timezone} ».") from exc  # a folder
        self._holidays = _french_holidays(country_holidays) if country_holidays else None
        self._closures: dict[int, list[tuple[date, date, str]]] = {}
        for c in closures:
            self._closures.setdefault(c.site_id, []).append((c.date_from, c.date_to, c.reason))

    def holiday_name(self, day: date) -> str | None:
        """The public holiday's name on that date, or None."""
        if self._holidays is None:
            return None
        return self._holidays.get(day)

    def closure_reason(self, site_id: int, day: date) -> str | None:
        """Why the site is closed that day (public holiday or closure), or None when open."""
        name = self.holiday_name(day)
        if name is not None:
            return f"jour férié ({name})"
        for start, end, reason in self._closures.get(site_id, ()):
            if start <= day <= end:
                return f"fermeture du site ({reason})" if reason else "fermeture du site"
        return None

    def to_utc(self, wall: datetime) -> datetime:
        """A naive local wall time as a UTC instant; a repeated time takes its first occurrence.

        Raises ``NonExistentLocalTime`` for a time skipped by the spring-forward change.
        """
        instant = _localize(wall, self.tz)
        if instant is None:
            raise NonExistentLocalTime(
                f"L'heure {wall:%H:%M} n'existe pas le {wall:%d/%m/%Y} (passage à l'heure d'été)."
            )
        return instant

    def local(self, instant: datetime) -> datetime:
        """A UTC instant as an aware local datetime."""
        return instant.astimezone(self.tz)

    def local_day_bounds(self, day: date) -> tuple[datetime, datetime]:
        """The UTC instants of local midnight at the start and end of ``day``."""
        return (
            _midnight_utc(day, self.tz),
            _midnight_utc(day + timedelta(days=1), self.tz),
        )


@lru_cache(maxsize=16)
def _french_holidays(country: str) -> holidays_lib.HolidayBase:
    """The country's public holidays, named in French when the library can, else in its own tongue.

    The language is always explicit: left to ``None``, the library picks it from the machine's
    ``LANGUAGE`` / ``LC_ALL`` / ``LANG``, and the same closed day would be explained differently on
    two workstations. Cached: building the calendar is costly and it sits on the booking path.
    """
    try:
        entity = holidays_lib.country_holidays(country)
    except NotImplementedError as exc:
        raise InvalidInput(f"Pays inconnu pour les jours fériés : « {country} ».") from exc
    language = "fr" if "fr" in entity.supported_languages else entity.default_language
    return holidays_lib.country_holidays(country, language=language)


def _localize(wall: datetime, tz: ZoneInfo) -> datetime | None:
    """Local wall time -> UTC, None when it does not exist; fold=0 is the first occurrence."""
    aware = wall.replace(tzinfo=tz, fold=0)
    instant = aware.astimezone(UTC)
    if instant.astimezone(tz).replace(tzinfo=None) != wall.replace(tzinfo=None):
        return None
    return instant


_SECOND = timedelta(seconds=1)


def _boundary(wall: datetime, tz: ZoneInfo) -> datetime:
    """The first UTC instant whose local wall time is ``wall`` or later: an opening's edge.

    An existing wall time gives its first occurrence. A wall time skipped by a spring-forward change
    gives the instant of the change: an opening "until 02:30" on that night ends when the clock
    jumps from 02:00 to 03:00, not at 03:30 (what ``fold=0`` would say).
    """
    instant = _localize(wall, tz)
    if instant is not None:
        return instant
    # In the gap, fold=1 reads the wall with the offset after the change (an instant before it)
    # and fold=0 with the offset before (an instant after it): bisect between the two.
    before = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)
    after = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    low, high = 0, (after - before) // _SECOND
    while high - low > 1:
        mid = (low + high) // 2
        if (before + mid * _SECOND).astimezone(tz).replace(tzinfo=None) >= wall:
            high = mid
        else:
            low = mid
    return before + high * _SECOND


def _midnight_utc(day: date, tz: ZoneInfo) -> datetime:
    wall = datetime.combine(day, time(0))
    instant = _localize(wall, tz)
    while instant is None:  # a zone whose DST change happens at midnight
        wall += timedelta(minutes=30)
        instant = _localize(wall, tz)
    return instant


def _opening_runs(opening: Opening, day: date) -> bool:
    """Whether the weekly template falls on that date (weekday, validity, week parity)."""
    if day.weekday() != opening.weekday or day < opening.valid_from:
        return False
    if opening.valid_to is not None and day > opening.valid_to:
        return False
    if opening.weeks is not Weeks.ALL:
        even = day.isocalendar().week % 2 == 0
        if even != (opening.weeks is Weeks.EVEN):
            return False
    return True


def opening_applies(opening: Opening, day: date, calendar: AgendaCalendar) -> bool:
    """Whether the weekly opening is open on that local date."""
    return _opening_runs(opening, day) and calendar.closure_reason(opening.site_id, day) is None


class BusyIndex:
    """Busy intervals of one practitioner, for O(log n) overlap tests.

    Intervals may overlap each other (overbookings); ``conflict_end`` returns the largest end of
    the intervals overlapping ``[start, end)``, so a caller can jump past the whole busy block.
    """

    def __init__(self, busy: Iterable[tuple[datetime, datetime]]) -> None:
        ordered = sorted((s, e) for s, e in busy if e > s)  # an empty interval holds no time
        self._starts = [s for s, _ in ordered]
        self._max_ends = list(accumulate((e for _, e in ordered), max))

    def conflict_end(self, start: datetime, end: datetime) -> datetime | None:
        """None when ``[start, end)`` is free, else a time before which it cannot become free."""
        idx = bisect_left(self._starts, end)
        if idx and self._max_ends[idx - 1] > start:
            return self._max_ends[idx - 1]
        return None


def _occurrence_slots(
    opening: Opening,
    day: date,
    duration: timedelta,
    busy: BusyIndex,
    earliest: datetime,
    window: TimeWindow | None,
    tz: ZoneInfo,
) -> Iterator[tuple[datetime, datetime]]:
    """Free ``(start, end)`` of one opening on one date, ascending."""
    step = timedelta(minutes=opening.step_min)
    wall_start = datetime.combine(day, opening.start)
    wall_end = datetime.combine(day, opening.end)
    open_start = _localize(wall_start, tz)
    open_end = _boundary(wall_end, tz)
    if (
        open_start is not None
        and _localize(wall_end, tz) is not None
        and wall_start.replace(tzinfo=tz).utcoffset() == wall_end.replace(tzinfo=tz).utcoffset()
    ):
        yield from _fast_slots(
            open_start, open_end, step, duration, busy, earliest, window, wall_start, tz
        )
        return
    # A DST change inside the opening: walk the wall-clock candidates one by one.
    wall = wall_start
    while wall < wall_end:
        start = _localize(wall, tz)
        if start is not None:
            end = start + duration
            if end > open_end:
                break
            if (
                start >= earliest
                and (window is None or window.contains(wall.time()))
                and busy.conflict_end(start, end) is None
            ):
                yield start, end
        wall += step


def _fast_slots(
    open_start: datetime,
    open_end: datetime,
    step: timedelta,
    duration: timedelta,
    busy: BusyIndex,
    earliest: datetime,
    window: TimeWindow | None,
    wall_start: datetime,
    tz: ZoneInfo,
) -> Iterator[tuple[datetime, datetime]]:
    """Same UTC offset through the opening: candidates are plain arithmetic, busy blocks jumped."""
    lower = earliest
    upper = open_end - duration  # last admissible start
    if window is not None:
        offset = open_start - wall_start.replace(tzinfo=UTC)
        day = wall_start.date()
        lower = max(lower, datetime.combine(day, window.start, tzinfo=UTC) + offset)
        if window.end is not None:
            upper = min(upper, datetime.combine(day, window.end, tzinfo=UTC) + offset - _TINY)
    start = _align(open_start, step, lower)
    while start <= upper:
        end = start + duration
        blocked_until = busy.conflict_end(start, end)
        if blocked_until is None:
            yield start, end
            start += step
        else:
            start = _align(open_start, step, blocked_until)


_TINY = timedelta(microseconds=1)


def _align(origin: datetime, step: timedelta, at_least: datetime) -> datetime:
    """The first ``origin + k × step`` (k ≥ 0) not before ``at_least``."""
    if at_least <= origin:
        return origin
    k = -((origin - at_least) // step)  # ceiling division
    return origin + k * step


def _days(start_day: date, end_day: date) -> Iterator[date]:
    day = start_day
    while day <= end_day:
        yield day
        day += timedelta(days=1)


def _earliest(visit_reason: VisitReason, now: datetime) -> datetime:
    if visit_reason.min_notice_hours:
        return now + timedelta(hours=visit_reason.min_notice_hours)
    return now


def day_slots(
    agenda: PractitionerAgenda,
    visit_reason: VisitReason,
    calendar: AgendaCalendar,
    day: date,
    now: datetime,
    window: TimeWindow | None = None,
    busy: BusyIndex | None = None,
) -> list[Slot]:
    """The free slots of one practitioner for a visit reason on one local date, ascending."""
    _check_aware(now)
    busy = busy or BusyIndex(agenda.busy)
    duration = timedelta(minutes=visit_reason.duration_min)
    earliest = _earliest(visit_reason, now)
    seen: dict[datetime, Slot] = {}
    for opening in agenda.openings:
        if visit_reason.id not in opening.visit_reason_ids:
            continue
        if not opening_applies(opening, day, calendar):
            continue
        for start, end in _occurrence_slots(
            opening, day, duration, busy, earliest, window, calendar.tz
        ):
            seen.setdefault(
                start, Slot(agenda.practitioner_id, visit_reason.id, opening.site_id, start, end)
            )
    return [seen[k] for k in sorted(seen)]


def free_slots(
    agendas: Sequence[PractitionerAgenda],
    visit_reason: VisitReason,
    calendar: AgendaCalendar,
    start_day: date,
    end_day: date,
    now: datetime,
    window: TimeWindow | None = None,
) -> Iterator[Slot]:
    """Free slots of the practitioners, lazily, ordered by start then by their order in ``agendas``.

    ``start_day`` and ``end_day`` are local dates, both included. The arguments are checked at
    the call, not at the first ``next``.
    """
    _check_range(start_day, end_day)
    _check_aware(now)
    return _merged_slots(agendas, visit_reason, calendar, start_day, end_day, now, window)


def _merged_slots(
    agendas: Sequence[PractitionerAgenda],
    visit_reason: VisitReason,
    calendar: AgendaCalendar,
    start_day: date,
    end_day: date,
    now: datetime,
    window: TimeWindow | None,
) -> Iterator[Slot]:
    indexed = [(a, BusyIndex(a.busy)) for a in agendas]
    for day in _days(start_day, end_day):
        per_practitioner = [
            [
                (slot.start, rank, slot)
                for slot in day_slots(agenda, visit_reason, calendar, day, now, window, busy)
            ]
            for rank, (agenda, busy) in enumerate(indexed)
        ]
        for _, _, slot in heapq.merge(*per_practitioner):
            yield slot


def first_free_slot(
    agendas: Sequence[PractitionerAgenda],
    visit_reason: VisitReason,
    calendar: AgendaCalendar,
    start_day: date,
    end_day: date,
    now: datetime,
    window: TimeWindow | None = None,
) -> Slot | None:
    """The earliest free slot among the practitioners (ties: first in ``agendas``), or None."""
    return next(free_slots(agendas, visit_reason, calendar, start_day, end_day, now, window), None)


def find_opening(
    openings: Iterable[Opening],
    visit_reason: VisitReason,
    calendar: AgendaCalendar,
    start: datetime,
    end: datetime,
) -> Opening:
    """The opening that holds ``[start, end)`` for the visit reason, or the reason why none does.

    Raises ``ClosedDay`` when the date is a holiday or closure for every candidate opening, and
    ``OutsideOpening`` otherwise.
    """
    _check_aware(start)
    _check_aware(end)
    local_start = calendar.local(start)
    day = local_start.date()
    closed_reason = None
    for opening in openings:
        if visit_reason.id not in opening.visit_reason_ids or not _opening_runs(opening, day):
            continue
        open_start = _boundary(datetime.combine(day, opening.start), calendar.tz)
        open_end = _boundary(datetime.combine(day, opening.end), calendar.tz)
        if not (open_start <= start and end <= open_end):
            continue
        reason = calendar.closure_reason(opening.site_id, day)
        if reason is None:
            return opening
        closed_reason = closed_reason or reason
    if closed_reason:
        raise ClosedDay(f"Le {local_start:%d/%m/%Y} est fermé : {closed_reason}.")
    raise OutsideOpening(
        f"Le {local_start:%d/%m/%Y} à {local_start:%H:%M} est en dehors des plages horaires "
        "du praticien pour ce motif."
    )


def _check_range(start_day: date, end_day: date) -> None:
    if end_day < start_day:
        raise InvalidInput(
            f"La date de fin ({end_day:%d/%m/%Y}) précède la date de début ({start_day:%d/%m/%Y})."
        )


def _check_aware(instant: datetime) -> None:
    if instant.tzinfo is None:
        raise ValueError("naive datetime given to the slot engine")


def open_intervals(
    openings: Iterable[Opening], day: date, calendar: AgendaCalendar
) -> list[tuple[datetime, datetime, int]]:
    """The opening periods of a practitioner on a local date: ``(start, end, site_id)`` in UTC.

    What the agenda shades as open: each weekly opening that applies that day (weekday, validity,
    week parity, no public holiday or closure of its site), from its start to its end as the
    slot engine reads them — an edge falling in the spring-forward gap is the instant of the
    change, a repeated wall time its first occurrence. Overlapping or touching periods of one
    site are merged; the result is ordered by start, then site.
    """
    by_site: dict[int, list[tuple[datetime, datetime]]] = {}
    for opening in openings:
        if not opening_applies(opening, day, calendar):
            continue
        start = _boundary(datetime.combine(day, opening.start), calendar.tz)
        end = _boundary(datetime.combine(day, opening.end), calendar.tz)
        if start < end:  # an opening held entirely in the DST gap never opens
            by_site.setdefault(opening.site_id, []).append((start, end))
    merged: list[tuple[datetime, datetime, int]] = []
    for site_id, spans in by_site.items():
        spans.sort()
        current_start, current_end = spans[0]
        for start, end in spans[1:]:
            if start <= current_end:
                current_end = max(current_end, end)
            else:
                merged.append((current_start, current_end, site_id))
                current_start, current_end = start, end
        merged.append((current_start, current_end, site_id))
    merged.sort(key=lambda span: (span[0], span[2], span[1]))
    return merged
