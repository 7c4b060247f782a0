"""The monthly activity figures: counts that add up, and the rates and medians read from them.

The data layer counts appointments in SQL (``db.repositories.reporting``); this module holds the
figures, adds practitioners up into departments and the hospital, and defines the rates:

- occupancy: booked time / offered time (offered: the openings that applied, absences removed;
  booked: active appointments, overbookings included, so it may exceed 100 %);
- no-show rate: no-shows / appointments not cancelled;
- late-cancellation rate: appointments cancelled less than 48 h before their start / all
  appointments of the month (cancelled ones included);
- lead time: from the booking (``created_at``) to the start, its median in days.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta

from desktop.domain.errors import InvalidInput
from desktop.domain.model import Absence, Channel, Opening
from desktop.domain.reminders import NoShowRates
from desktop.domain.scheduling import AgendaCalendar, open_intervals, opening_applies

LATE_CANCEL_HOURS = 48
THIRD_AVAILABLE_RANK = 3
THIRD_AVAILABLE_HORIZON_DAYS = 90


@dataclass(frozen=True, slots=True)
class Tally:
    """What happened to a set of appointments over a month; tallies add up field by field."""

    appointments: int = 0  # all of them, cancelled included
    booked_min: float = 0.0  # minutes held by active (not cancelled) appointments
    seen: int = 0
    arrived: int = 0
    pending: int = 0  # still booked or confirmed
    no_show: int = 0
    cancelled_patient: int = 0
    cancelled_hospital: int = 0
    cancelled_unknown: int = 0
    late_cancelled: int = 0
    offered_min: float = 0.0

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(Tally)))

    @property
    def cancelled(self) -> int:
        return self.cancelled_patient + self.cancelled_hospital + self.cancelled_unknown

    @property
    def active(self) -> int:
        """Appointments not cancelled."""
        return self.appointments - self.cancelled

    @property
    def occupancy(self) -> float | None:
        """Booked time over offered time (None when nothing was offered)."""
        return self.booked_min / self.offered_min if self.offered_min else None

    @property
    def no_show_rate(self) -> float | None:
        return self.no_show / self.active if self.active else None

    @property
    def late_cancel_rate(self) -> float | None:
        return self.late_cancelled / self.appointments if self.appointments else None


def total(tallies) -> Tally:
    """The sum of tallies (an empty tally for none)."""
    result = Tally()
    for tally in tallies:
        result = result + tally
    return result


@dataclass(frozen=True, slots=True)
class ActivityLine:
    """One line of the report: a practitioner, a department or the whole scope."""

    code: str
    label: str
    tally: Tally
    median_lead_days: float | None = None
    group: str = ""  # the department of a practitioner's line
    previous_appointments: int | None = None  # the month before, for the comparison


@dataclass(frozen=True, slots=True)
class WeekBar:
    """One bar group of the weekly chart: the part of an ISO week inside the month."""

    label: str
    offered_min: float
    booked_min: float
    appointments: int


@dataclass(frozen=True, slots=True)
class ThirdAvailable:
    """The delay to the third next free slot of a visit reason, seen from the month's start.

    ``days`` is None when fewer than three free slots existed within the horizon.
    """

    code: str
    label: str
    department: str
    days: float | None


@dataclass(frozen=True)
class ActivityFigures:
    """Everything the activity report shows."""

    month: date  # its first day
    scope: str
    total: ActivityLine
    previous: ActivityLine  # the same scope, the month before
    departments: tuple[ActivityLine, ...] = ()
    practitioners: tuple[ActivityLine, ...] = ()
    channels: dict[Channel, int] = field(default_factory=dict)
    previous_channels: dict[Channel, int] = field(default_factory=dict)
    weeks: tuple[WeekBar, ...] = ()
    third_available: tuple[ThirdAvailable, ...] = ()
    # No-shows of the month by practitioner, visit reason and SMS received (issue 7).
    no_shows: NoShowRates = field(default_factory=NoShowRates)


def parse_month(text: str) -> date:
    """ "2027-03" -> date(2027, 3, 1); ``InvalidInput`` with a French message otherwise."""
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        return date(year, month, 1)
    except ValueError:
        raise InvalidInput(
            f"Mois invalide « {text} » (attendu AAAA-MM, par exemple 2027-03)."
        ) from None


def month_days(month: date) -> list[date]:
    """The dates of the month of ``month``."""
    first = month.replace(day=1)
    following = next_month(first)
    return [first + timedelta(days=n) for n in range((following - first).days)]


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def previous_month(month: date) -> date:
    return date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)


def month_weeks(month: date) -> list[tuple[date, date]]:
    """The month cut along ISO weeks: ``(first, last)`` dates, both inside the month."""
    days = month_days(month)
    weeks: list[tuple[date, date]] = []
    start = days[0]
    for day in days:
        if day.weekday() == 6 or day == days[-1]:
            weeks.append((start, day))
            start = day + timedelta(days=1)
    return weeks


def median(values) -> float | None:
    """The median of numbers (None for none)."""
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


class OfferedTime:
    """Minutes of openings per day, absences removed — the "offered time" of the report.

    Computed as the slot engine reads openings (``open_intervals``: validity, week parity,
    holidays and closures, overlapping openings merged), with a fast path: on a day without a
    daylight-saving change or an absence, a set of openings offers the sum of its merged wall
    times, cached by set. A whole hospital's month is then a few thousand additions.
    """

    def __init__(self, calendar: AgendaCalendar, days: list[date]) -> None:
        self.calendar = calendar
        self.days = days
        self._wall: dict[frozenset[int], float] = {}
        self._bounds = {day: calendar.local_day_bounds(day) for day in days}
        self._dst = {
            day: _span(bounds) != timedelta(days=1) for day, bounds in self._bounds.items()
        }

    def minutes(self, openings: list[Opening], absences: list[Absence]) -> list[float]:
        """Offered minutes on each of ``days`` for one practitioner."""
        by_weekday: dict[int, list[Opening]] = {}
        for opening in openings:
            by_weekday.setdefault(opening.weekday, []).append(opening)
        result = []
        calendar = self.calendar
        for day in self.days:
            applying = [
                o for o in by_weekday.get(day.weekday(), ()) if opening_applies(o, day, calendar)
            ]
            if not applying:
                result.append(0.0)
                continue
            low, high = self._bounds[day]
            hit = [a for a in absences if a.start < high and a.end > low]
            if hit or self._dst[day]:
                result.append(_exact(applying, hit, day, self.calendar))
            else:
                key = frozenset(o.id for o in applying)
                if key not in self._wall:
                    self._wall[key] = _wall_minutes(applying)
                result.append(self._wall[key])
        return result


def _span(bounds: tuple[datetime, datetime]) -> timedelta:
    return bounds[1] - bounds[0]


def _wall_minutes(openings: list[Opening]) -> float:
    """Merged wall-clock minutes of openings (per site: one site's overlaps count once)."""
    total = 0.0
    by_site: dict[int, list[tuple[int, int]]] = {}
    for o in openings:
        start = o.start.hour * 60 + o.start.minute
        end = o.end.hour * 60 + o.end.minute
        by_site.setdefault(o.site_id, []).append((start, end))
    for spans in by_site.values():
        spans.sort()
        current_start, current_end = spans[0]
        for start, end in spans[1:]:
            if start <= current_end:
                current_end = max(current_end, end)
            else:
                total += current_end - current_start
                current_start, current_end = start, end
        total += current_end - current_start
    return float(total)


def _exact(openings: list[Opening], absences: list[Absence], day: date, calendar) -> float:
    """Open minutes of the day as the slot engine reads them, minus the absences' union."""
    away: list[tuple[datetime, datetime]] = []
    for a in sorted(absences, key=lambda a: a.start):
        if away and a.start <= away[-1][1]:
            away[-1] = (away[-1][0], max(away[-1][1], a.end))
        else:
            away.append((a.start, a.end))
    total = 0.0
    for start, end, _site in open_intervals(openings, day, calendar):
        minutes = (end - start).total_seconds() / 60
        for a_start, a_end in away:
            minutes -= max(0.0, (min(end, a_end) - max(start, a_start)).total_seconds() / 60)
        total += minutes
    return total
