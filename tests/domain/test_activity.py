"""The activity figures' arithmetic: tallies, rates, months cut in weeks, medians, and offered
time (the fast path agrees with the slot engine's reading, DST changes and absences included)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from desktop.domain.activity import (
    OfferedTime,
    Tally,
    median,
    month_days,
    month_weeks,
    next_month,
    previous_month,
    total,
)
from desktop.domain.model import Absence, Closure, Opening, Weeks
from desktop.domain.scheduling import AgendaCalendar, open_intervals


def test_tallies_add_up_and_give_rates():
    a = Tally(appointments=10, booked_min=300, seen=6, no_show=2, cancelled_patient=1,
              cancelled_hospital=1, late_cancelled=1, offered_min=600)  # fmt: skip
    b = Tally(appointments=2, booked_min=30, pending=2, offered_min=0)
    both = total([a, b])
    assert both == a + b
    assert (both.appointments, both.cancelled, both.active) == (12, 2, 10)
    assert both.occupancy == pytest.approx(330 / 600)
    assert both.no_show_rate == pytest.approx(2 / 10)
    assert both.late_cancel_rate == pytest.approx(1 / 12)
    empty = Tally()
    assert (empty.occupancy, empty.no_show_rate, empty.late_cancel_rate) == (None, None, None)
    assert total([]) == empty


def test_months_and_weeks():
    assert next_month(date(2027, 12, 1)) == date(2028, 1, 1)
    assert previous_month(date(2027, 1, 1)) == date(2026, 12, 1)
    assert len(month_days(date(2028, 2, 1))) == 29
    assert month_weeks(date(2027, 3, 1)) == [
        (date(2027, 3, 1), date(2027, 3, 7)),
        (date(2027, 3, 8), date(2027, 3, 14)),
        (date(2027, 3, 15), date(2027, 3, 21)),
        (date(2027, 3, 22), date(2027, 3, 28)),
        (date(2027, 3, 29), date(2027, 3, 31)),
    ]
    assert month_weeks(date(2027, 8, 1))[0] == (date(2027, 8, 1), date(2027, 8, 1))  # a Sunday


def test_median():
    assert median([]) is None
    assert median([3, 1, 2]) == 2
    assert median([4, 1, 3, 2]) == 2.5


def _opening(i, weekday, start, end, site=1, weeks=Weeks.ALL, valid_to=None):
    return Opening(i, 1, site, weekday, time.fromisoformat(start), time.fromisoformat(end), 15,
                   frozenset({1}), weeks, date(2026, 1, 5), valid_to)  # fmt: skip


def _exact(openings, absences, days, calendar):
    return [
        sum(
            (end - start).total_seconds() / 60
            for start, end, _ in open_intervals(openings, d, calendar)
        )
        for d in days
    ]


def test_offered_time_matches_the_slot_engine_across_dst_holidays_and_absences():
    calendar = AgendaCalendar(
        "Europe/Paris", "FR", [Closure(1, 1, date(2027, 3, 10), date(2027, 3, 10), "Travaux")]
    )
    openings = [
        _opening(1, 0, "09:00", "12:30"),
        _opening(2, 0, "12:00", "13:00"),  # overlaps the first: counted once
        _opening(3, 6, "01:00", "04:00"),  # Sunday night, across the spring-forward change
        _opening(4, 2, "14:00", "18:00"),  # Wednesday, closed on the 10th
        _opening(5, 4, "08:00", "10:00", site=2, weeks=Weeks.EVEN),
        _opening(6, 3, "08:00", "09:00", valid_to=date(2027, 3, 11)),
    ]

    def utc(hour, minute):
        return datetime(2027, 3, 15, hour, minute, tzinfo=UTC)

    absences = [Absence(1, 1, utc(9, 0), utc(10, 0)), Absence(2, 1, utc(9, 30), utc(10, 30))]
    days = month_days(date(2027, 3, 1))
    offered = OfferedTime(calendar, days).minutes(openings, absences)
    by_day = dict(zip(days, offered, strict=True))
    engine = dict(zip(days, _exact(openings, [], days, calendar), strict=True))
    assert {d: m for d, m in by_day.items() if d.day != 15} == {
        d: m for d, m in engine.items() if d.day != 15
    }
    assert by_day[date(2027, 3, 1)] == 240  # 09:00–13:00 merged
    assert by_day[date(2027, 3, 15)] == 240 - 90  # overlapping absences: 08:00–09:30 UTC away
    assert by_day[date(2027, 3, 28)] == 120  # 01:00–04:00 loses the skipped hour
    assert by_day[date(2027, 3, 29)] == 0  # Easter Monday
    assert by_day[date(2027, 3, 10)] == 0  # the site's closure
    assert by_day[date(2027, 3, 17)] == 240
    assert by_day[date(2027, 3, 5)] == 0 and by_day[date(2027, 3, 19)] == 0  # odd weeks
    assert by_day[date(2027, 3, 12)] == 120 and by_day[date(2027, 3, 26)] == 120  # even
    assert by_day[date(2027, 3, 11)] == 60 and by_day[date(2027, 3, 18)] == 0  # validity
