"""The figures of the monthly activity report, read in one session: SQL aggregates
(``db.repositories.reporting``), offered time from the openings, the "third next available
slot" of each visit reason as the agenda stood on the first of the month at midnight, and the
no-show rates by practitioner, visit reason and SMS received (``db.repositories.reminders``)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from itertools import islice

from sqlalchemy.orm import Session

from db.repositories import agenda as agenda_repo
from db.repositories import reminders as reminders_repo
from db.repositories import reporting
from db.repositories import structure as repo
from desktop.domain.activity import (
    THIRD_AVAILABLE_HORIZON_DAYS,
    THIRD_AVAILABLE_RANK,
    ActivityFigures,
    ActivityLine,
    OfferedTime,
    Tally,
    ThirdAvailable,
    WeekBar,
    month_days,
    month_weeks,
    next_month,
    previous_month,
    total,
)
from desktop.domain.model import Department, Opening, Practitioner, VisitReason
from desktop.domain.reminders import NoShowRates

# The slot engine's generator of one opening's free starts, stopped after the third.
from desktop.domain.scheduling import (
    AgendaCalendar,
    BusyIndex,
    _occurrence_slots,
    opening_applies,
)
from desktop.reports.wording import MONTHS_SHORT

CHUNK_DAYS = 14
HOSPITAL_SCOPE = "Tout l'hôpital"


def activity_figures(
    s: Session, calendar: AgendaCalendar, month: date, department: Department | None
) -> ActivityFigures:
    """Everything the report shows for ``month`` (its first day) over a department or all."""
    departments = {d.id: d for d in repo.departments(s)}
    practitioners = reporting.practitioners_in_scope(s, department.id if department else None)
    ids = [p.id for p in practitioners]
    openings = repo.openings(s, ids)
    now = _Month(s, calendar, ids, openings, month, detailed=True)
    then = _Month(s, calendar, ids, openings, previous_month(month), detailed=False)

    lines, department_lines = [], []
    by_department: dict[int, list[Practitioner]] = defaultdict(list)
    for p in practitioners:
        by_department[p.department_id].append(p)
    order = sorted(by_department, key=lambda d: (departments[d].name, d))
    for department_id in order:
        members = by_department[department_id]
        name = departments[department_id].name
        if not any(now.has(p.id) or then.has(p.id) for p in members):
            continue
        for p in members:
            if now.has(p.id) or then.has(p.id):
                lines.append(
                    ActivityLine(
                        p.code, p.name, now.tally(p.id), now.lead.get(p.id), name,
                        then.tally(p.id).appointments,
                    )
                )  # fmt: skip
        department_lines.append(
            ActivityLine(
                departments[department_id].code,
                name,
                total(now.tally(p.id) for p in members),
                now.department_lead.get(department_id),
                previous_appointments=total(then.tally(p.id) for p in members).appointments,
            )
        )
    scope = department.name if department else HOSPITAL_SCOPE
    return ActivityFigures(
        month=month,
        scope=scope,
        total=ActivityLine(
            "",
            scope,
            now.total(),
            now.all_lead,
            previous_appointments=then.total().appointments,
        ),
        previous=ActivityLine("", scope, then.total(), then.all_lead),
        departments=tuple(department_lines),
        practitioners=tuple(lines),
        channels=now.channels,
        previous_channels=then.channels,
        weeks=now.weeks,
        third_available=tuple(
            third_available(
                s, calendar, month, [departments[d] for d in order], by_department, openings
            )
        ),
        no_shows=no_show_rates(s, calendar, month, ids),
    )


def no_show_rates(
    s: Session, calendar: AgendaCalendar, month: date, practitioner_ids: list[int]
) -> NoShowRates:
    """The month's no-show rates of these practitioners' appointments (not cancelled), by
    practitioner, by visit reason and by the SMS the patient received."""
    start = calendar.local_day_bounds(month)[0]
    end = calendar.local_day_bounds(next_month(month))[0]
    return NoShowRates(
        tuple(reminders_repo.no_show_rates_by(s, start, end, "practitioner", practitioner_ids)),
        tuple(reminders_repo.no_show_rates_by(s, start, end, "visit_reason", practitioner_ids)),
        tuple(reminders_repo.no_show_rates_by_reminder(s, start, end, practitioner_ids)),
    )


class _Month:
    """One month's aggregates for a set of practitioners."""

    def __init__(
        self,
        s: Session,
        calendar: AgendaCalendar,
        ids: list[int],
        openings: dict[int, list[Opening]],
        month: date,
        detailed: bool,
    ) -> None:
        days = month_days(month)
        start = calendar.local_day_bounds(days[0])[0]
        end = calendar.local_day_bounds(next_month(month))[0]
        self.tallies = reporting.tallies(s, ids, start, end)
        offered = OfferedTime(calendar, days)
        absences: dict[int, list] = defaultdict(list)
        for a in agenda_repo.absences(s, ids, start, end):
            absences[a.practitioner_id].append(a)
        self.offered_by_day: dict[int, list[float]] = {
            pid: offered.minutes(openings[pid], absences[pid]) for pid in ids if openings[pid]
        }
        self.channels = reporting.channel_counts(s, ids, start, end)
        self.lead, self.department_lead, self.all_lead = reporting.lead_medians(
            s, ids, start, end, detailed=detailed
        )
        self.weeks: tuple[WeekBar, ...] = ()
        if detailed:
            self.weeks = _weeks(s, calendar, ids, month, days, self.offered_by_day)

    def has(self, pid: int) -> bool:
        return pid in self.tallies or any(self.offered_by_day.get(pid, ()))

    def tally(self, pid: int) -> Tally:
        tally = self.tallies.get(pid, Tally())
        offered = sum(self.offered_by_day.get(pid, ()))
        return Tally(**{**_fields(tally), "offered_min": offered})

    def total(self) -> Tally:
        return total(self.tally(pid) for pid in set(self.tallies) | set(self.offered_by_day))


def _fields(tally: Tally) -> dict:
    return {name: getattr(tally, name) for name in Tally.__dataclass_fields__}


def _weeks(s, calendar, ids, month, days, offered_by_day) -> tuple[WeekBar, ...]:
    weeks = month_weeks(month)
    bounds = [calendar.local_day_bounds(first)[0] for first, _ in weeks]
    bounds.append(calendar.local_day_bounds(weeks[-1][1])[1])
    booked = reporting.week_totals(s, ids, bounds)
    index = {day: n for n, day in enumerate(days)}
    bars = []
    for (first, last), (count, minutes) in zip(weeks, booked, strict=True):
        span = range(index[first], index[last] + 1)
        offered = sum(by_day[i] for by_day in offered_by_day.values() for i in span)
        month_name = MONTHS_SHORT[first.month - 1]
        label = (
            f"{first.day}–{last.day} {month_name}" if first != last else f"{first.day} {month_name}"
        )
        bars.append(WeekBar(label, offered, minutes, count))
    return tuple(bars)


def third_available(
    s: Session,
    calendar: AgendaCalendar,
    month: date,
    departments: list[Department],
    members: dict[int, list[Practitioner]],
    openings: dict[int, list[Opening]],
) -> list[ThirdAvailable]:
    """For each active visit reason of the departments, days from the first of the month at
    midnight to the start of the third free slot, as the agenda stood then (None: fewer than
    three within 90 days; reasons no opening offers are left out)."""
    as_of = calendar.local_day_bounds(month)[0]
    reasons: dict[int, list[VisitReason]] = defaultdict(list)
    for reason in repo.visit_reasons(s):
        reasons[reason.department_id].append(reason)
    found: list[ThirdAvailable] = []
    everyone = [p.id for d in departments for p in members.get(d.id, []) if p.active]
    first_chunk = _BusyChunk(s, calendar, everyone, as_of, month, 0)
    for department in departments:
        ids = [p.id for p in members.get(department.id, []) if p.active]
        offered = {r for pid in ids for o in openings.get(pid, ()) for r in o.visit_reason_ids}
        search = _ThirdSearch(s, calendar, ids, openings, as_of, month, first_chunk)
        for reason in reasons[department.id]:
            if reason.id in offered:
                days = search.delay(reason)
                found.append(ThirdAvailable(reason.code, reason.label, department.name, days))
    return found


class _BusyChunk:
    """The days of the n-th chunk of the horizon and the practitioners' busy time in it, as the
    agenda stood at ``as_of`` (the first chunk is read once for the whole scope)."""

    def __init__(self, s, calendar, ids, as_of: datetime, first_day: date, n: int) -> None:
        start = first_day + timedelta(days=CHUNK_DAYS * n)
        last = min(
            start + timedelta(days=CHUNK_DAYS - 1),
            first_day + timedelta(days=THIRD_AVAILABLE_HORIZON_DAYS - 1),
        )
        self.days = [start + timedelta(days=k) for k in range((last - start).days + 1)]
        low = calendar.local_day_bounds(start)[0]
        high = calendar.local_day_bounds(last)[1]
        busy = reporting.busy_as_of(s, ids, low, high, as_of)
        self.busy = {pid: BusyIndex(busy[pid]) for pid in ids}


class _ThirdSearch:
    """Free slots of one department from ``as_of``, chunk by chunk, shared by its reasons.

    The busy time of each chunk is read once. The free starts of one opening on one day depend
    on a reason only through its duration and notice: they are computed once per such key and
    merged for each reason that the opening offers.
    """

    def __init__(
        self, s, calendar, ids, openings, as_of: datetime, first_day: date, first_chunk
    ) -> None:
        self.s, self.calendar, self.ids, self.openings = s, calendar, ids, openings
        self.as_of, self.first_day = as_of, first_day
        self.chunks: list[_BusyChunk] = [first_chunk]
        self.cache: dict[tuple, list[datetime]] = {}

    def _chunk(self, n: int) -> tuple[list[date], dict[int, BusyIndex]]:
        while len(self.chunks) <= n:
            self.chunks.append(
                _BusyChunk(
                    self.s, self.calendar, self.ids, self.as_of, self.first_day, len(self.chunks)
                )
            )
        return self.chunks[n].days, self.chunks[n].busy

    def delay(self, reason: VisitReason) -> float | None:
        """Days from ``as_of`` to the third free start for the reason (None: not within 90)."""
        offering = [
            (pid, o)
            for pid in self.ids
            for o in self.openings.get(pid, ())
            if reason.id in o.visit_reason_ids
        ]
        needed = THIRD_AVAILABLE_RANK
        n = 0
        while CHUNK_DAYS * n < THIRD_AVAILABLE_HORIZON_DAYS:
            days, busy = self._chunk(n)
            for day in days:
                starts = sorted(
                    {
                        (start, pid)
                        for pid, opening in offering
                        if opening.weekday == day.weekday()
                        for start in self._starts(pid, opening, reason, day, busy[pid])
                    }
                )
                if len(starts) >= needed:
                    return (starts[needed - 1][0] - self.as_of).total_seconds() / 86400
                needed -= len(starts)
            n += 1
        return None

    def _starts(self, pid, opening: Opening, reason: VisitReason, day, busy) -> list[datetime]:
        """The first three free starts of one opening on one day for the reason's duration and
        notice (the engine's own generator, stopped early: the rest of the day is not needed)."""
        key = (opening.id, day, reason.duration_min, reason.min_notice_hours)
        if key not in self.cache:
            starts: list[datetime] = []
            if opening_applies(opening, day, self.calendar):
                earliest = self.as_of + timedelta(hours=reason.min_notice_hours or 0)
                slots = _occurrence_slots(
                    opening, day, timedelta(minutes=reason.duration_min), busy, earliest, None,
                    self.calendar.tz,
                )  # fmt: skip
                starts = [start for start, _end in islice(slots, THIRD_AVAILABLE_RANK)]
            self.cache[key] = starts
        return self.cache[key]
