"""``open_intervals``: the opening periods the agenda shades, hand-checked in Europe/Paris.

Paris is UTC+1 in winter, UTC+2 in summer; in 2027 the clocks change on 28 March (02:00 -> 03:00)
and 31 October (03:00 -> 02:00).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from desktop.domain.model import Closure, Opening, PractitionerAgenda, VisitReason, Weeks
from desktop.domain.scheduling import AgendaCalendar, day_slots, open_intervals

PARIS = AgendaCalendar("Europe/Paris", "FR")
PAST = datetime(2020, 1, 1, tzinfo=UTC)
MON, SUN = 0, 6
WINTER_MONDAY = date(2027, 3, 22)
SUMMER_MONDAY = date(2027, 4, 5)
EASTER_MONDAY = date(2027, 3, 29)
SPRING_SUNDAY = date(2027, 3, 28)
AUTUMN_SUNDAY = date(2027, 10, 31)


def z(month: int, day: int, hour: int, minute: int = 0, year: int = 2027) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def opening(
    weekday: int,
    start: str,
    end: str,
    *,
    id: int = 1,
    site_id: int = 1,
    weeks: Weeks = Weeks.ALL,
    valid_from: date = date(2000, 1, 1),
    valid_to: date | None = None,
    step: int = 15,
) -> Opening:
    return Opening(
        id=id,
        practitioner_id=1,
        site_id=site_id,
        weekday=weekday,
        start=time.fromisoformat(start),
        end=time.fromisoformat(end),
        step_min=step,
        visit_reason_ids=frozenset({1}),
        weeks=weeks,
        valid_from=valid_from,
        valid_to=valid_to,
    )


def test_a_winter_morning_is_eight_utc_and_a_summer_one_seven() -> None:
    morning = [opening(MON, "09:00", "12:30")]
    assert open_intervals(morning, WINTER_MONDAY, PARIS) == [(z(3, 22, 8), z(3, 22, 11, 30), 1)]
    assert open_intervals(morning, SUMMER_MONDAY, PARIS) == [(z(4, 5, 7), z(4, 5, 10, 30), 1)]


def test_another_weekday_has_no_opening() -> None:
    assert open_intervals([opening(MON, "09:00", "12:30")], date(2027, 3, 23), PARIS) == []
    assert open_intervals([], WINTER_MONDAY, PARIS) == []


def test_public_holidays_close_unless_the_hospital_ignores_them() -> None:
    morning = [opening(MON, "09:00", "12:30")]
    assert open_intervals(morning, EASTER_MONDAY, PARIS) == []
    no_holidays = AgendaCalendar("Europe/Paris", None)
    assert open_intervals(morning, EASTER_MONDAY, no_holidays) == [
        (z(3, 29, 7), z(3, 29, 10, 30), 1)
    ]


def test_closures_close_their_own_site_only() -> None:
    calendar = AgendaCalendar(
        "Europe/Paris", "FR", [Closure(1, 2, WINTER_MONDAY, WINTER_MONDAY, "Travaux")]
    )
    openings = [
        opening(MON, "09:00", "12:00", site_id=1),
        opening(MON, "14:00", "17:00", site_id=2),
    ]
    assert open_intervals(openings, WINTER_MONDAY, calendar) == [(z(3, 22, 8), z(3, 22, 11), 1)]


def test_even_and_odd_weeks_alternate() -> None:
    even = [opening(MON, "09:00", "10:00", weeks=Weeks.EVEN)]
    odd = [opening(MON, "09:00", "10:00", weeks=Weeks.ODD)]
    for n in range(6):
        day = WINTER_MONDAY + timedelta(weeks=n)
        if day == EASTER_MONDAY:
            continue
        is_even = day.isocalendar().week % 2 == 0
        assert bool(open_intervals(even, day, PARIS)) is is_even
        assert bool(open_intervals(odd, day, PARIS)) is not is_even


def test_validity_dates_are_inclusive() -> None:
    valid = [opening(MON, "09:00", "10:00", valid_from=WINTER_MONDAY, valid_to=SUMMER_MONDAY)]
    assert open_intervals(valid, WINTER_MONDAY, PARIS)
    assert open_intervals(valid, SUMMER_MONDAY, PARIS)
    assert open_intervals(valid, WINTER_MONDAY - timedelta(weeks=1), PARIS) == []
    assert open_intervals(valid, SUMMER_MONDAY + timedelta(weeks=1), PARIS) == []


def test_overlapping_and_touching_periods_of_one_site_merge() -> None:
    openings = [
        opening(MON, "10:00", "12:00", id=2),
        opening(MON, "09:00", "10:30", id=1),
        opening(MON, "12:00", "13:00", id=3),  # touching: one period
        opening(MON, "14:00", "16:00", id=4),
    ]
    assert open_intervals(openings, WINTER_MONDAY, PARIS) == [
        (z(3, 22, 8), z(3, 22, 12), 1),
        (z(3, 22, 13), z(3, 22, 15), 1),
    ]


def test_a_shorter_opening_inside_a_longer_one_adds_nothing() -> None:
    openings = [opening(MON, "09:00", "12:00", id=1), opening(MON, "10:00", "11:00", id=2)]
    assert open_intervals(openings, WINTER_MONDAY, PARIS) == [(z(3, 22, 8), z(3, 22, 11), 1)]


def test_two_sites_stay_apart_ordered_by_start_then_site() -> None:
    openings = [
        opening(MON, "09:00", "12:00", id=1, site_id=2),
        opening(MON, "09:00", "10:00", id=2, site_id=1),
        opening(MON, "08:00", "08:30", id=3, site_id=3),
    ]
    assert open_intervals(openings, WINTER_MONDAY, PARIS) == [
        (z(3, 22, 7), z(3, 22, 7, 30), 3),
        (z(3, 22, 8), z(3, 22, 9), 1),
        (z(3, 22, 8), z(3, 22, 11), 2),
    ]


def test_spring_forward_night_keeps_real_durations() -> None:
    # 01:30 CET (00:30Z) to 03:30 CEST (01:30Z): one real hour.
    night = [opening(SUN, "01:30", "03:30")]
    assert open_intervals(night, SPRING_SUNDAY, PARIS) == [(z(3, 28, 0, 30), z(3, 28, 1, 30), 1)]


def test_an_edge_in_the_gap_is_the_instant_of_the_change() -> None:
    starts_in_gap = [opening(SUN, "02:30", "04:00")]
    assert open_intervals(starts_in_gap, SPRING_SUNDAY, PARIS) == [(z(3, 28, 1), z(3, 28, 2), 1)]
    ends_in_gap = [opening(SUN, "01:00", "02:30")]
    assert open_intervals(ends_in_gap, SPRING_SUNDAY, PARIS) == [(z(3, 28, 0), z(3, 28, 1), 1)]


def test_an_opening_entirely_in_the_gap_never_opens() -> None:
    assert open_intervals([opening(SUN, "02:00", "02:45")], SPRING_SUNDAY, PARIS) == []


def test_fall_back_night_lasts_an_hour_longer() -> None:
    # 01:00 CEST (23:00Z the day before) to 04:00 CET (03:00Z): four real hours.
    night = [opening(SUN, "01:00", "04:00")]
    assert open_intervals(night, AUTUMN_SUNDAY, PARIS) == [
        (z(10, 30, 23), z(10, 31, 3), 1),
    ]


@pytest.mark.parametrize(
    "day",
    [
        WINTER_MONDAY,
        SUMMER_MONDAY,
        EASTER_MONDAY,
        SPRING_SUNDAY,
        AUTUMN_SUNDAY,
        date(2027, 3, 29) + timedelta(weeks=1),
    ],
)
def test_every_slot_of_the_engine_lies_in_an_open_interval(day: date) -> None:
    openings = (
        opening(day.weekday(), "00:30", "04:15", id=1),
        opening(day.weekday(), "09:00", "12:30", id=2, weeks=Weeks.EVEN),
        opening(day.weekday(), "11:45", "13:00", id=3, site_id=2),
        opening(day.weekday(), "14:00", "18:00", id=4, valid_to=date(2027, 4, 1)),
    )
    reason = VisitReason(1, "R", 1, "Motif", 20)
    slots = day_slots(PractitionerAgenda(1, openings), reason, PARIS, day, PAST)
    spans = open_intervals(openings, day, PARIS)
    for slot in slots:
        assert any(
            start <= slot.start and slot.end <= end and site == slot.site_id
            for start, end, site in spans
        ), slot
    # and every period holds at least one slot of a reason that fits in it
    for start, end, site in spans:
        assert any(start <= s.start < end and s.site_id == site for s in slots) or end - start < (
            timedelta(minutes=20)
        )
