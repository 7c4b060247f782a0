"""The slot engine against hand-checked agendas (Europe/Paris unless said otherwise).

Every expected slot is written as a UTC instant worked out by hand: Paris is UTC+1 in winter and
UTC+2 in summer; in 2026 the clocks change on 29 March and 25 October, in 2027 on 28 March and
31 October (02:00 -> 03:00 in spring, 03:00 -> 02:00 in autumn).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desktop.domain.errors import ClosedDay, InvalidInput, NonExistentLocalTime, OutsideOpening
from desktop.domain.model import (
    Absence,
    Closure,
    Opening,
    PractitionerAgenda,
    Slot,
    VisitReason,
    Weeks,
)
from desktop.domain.scheduling import (
    AFTERNOON,
    MORNING,
    WINDOWS,
    AgendaCalendar,
    BusyIndex,
    TimeWindow,
    day_slots,
    find_opening,
    first_free_slot,
    free_slots,
    opening_applies,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
PAST = datetime(2020, 1, 1, tzinfo=UTC)  # a "now" long before every date used here
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def z(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A UTC instant."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def hm(value: str) -> time:
    """'09:30' -> time(9, 30)."""
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def opening(
    weekday: int,
    start: str,
    end: str,
    step: int = 15,
    *,
    id: int = 1,
    practitioner_id: int = 1,
    site_id: int = 1,
    reasons: frozenset[int] = frozenset({1}),
    weeks: Weeks = Weeks.ALL,
    valid_from: date = date(2000, 1, 1),
    valid_to: date | None = None,
) -> Opening:
    return Opening(
        id=id,
        practitioner_id=practitioner_id,
        site_id=site_id,
        weekday=weekday,
        start=hm(start),
        end=hm(end),
        step_min=step,
        visit_reason_ids=reasons,
        weeks=weeks,
        valid_from=valid_from,
        valid_to=valid_to,
    )


def reason(duration: int = 30, *, id: int = 1, min_notice_hours: int | None = None) -> VisitReason:
    return VisitReason(
        id=id,
        code=f"R{id}",
        department_id=1,
        label="Consultation",
        duration_min=duration,
        min_notice_hours=min_notice_hours,
    )


def agenda(*openings: Opening, busy=(), practitioner_id: int = 1) -> PractitionerAgenda:
    return PractitionerAgenda(practitioner_id, tuple(openings), tuple(busy))


def paris(country: str | None = None, closures=()) -> AgendaCalendar:
    return AgendaCalendar("Europe/Paris", country, closures)


def starts(slots) -> list[datetime]:
    return [s.start for s in slots]


def every(first: datetime, count: int, minutes: int = 15) -> list[datetime]:
    """``count`` instants ``minutes`` apart from ``first`` (no DST change in between)."""
    return [first + timedelta(minutes=minutes * i) for i in range(count)]


# -- Europe/Paris: 09:00 is 08:00Z in winter and 07:00Z in summer ------------------------------


def test_monday_morning_in_winter_is_hand_checked() -> None:
    slots = day_slots(
        agenda(opening(MON, "09:00", "12:30")), reason(30), paris(), date(2027, 1, 11), PAST
    )
    assert starts(slots) == [
        z(2027, 1, 11, 8, 0),
        z(2027, 1, 11, 8, 15),
        z(2027, 1, 11, 8, 30),
        z(2027, 1, 11, 8, 45),
        z(2027, 1, 11, 9, 0),
        z(2027, 1, 11, 9, 15),
        z(2027, 1, 11, 9, 30),
        z(2027, 1, 11, 9, 45),
        z(2027, 1, 11, 10, 0),
        z(2027, 1, 11, 10, 15),
        z(2027, 1, 11, 10, 30),
        z(2027, 1, 11, 10, 45),
        z(2027, 1, 11, 11, 0),  # 12:00 local, ends at 12:30: the last one that fits
    ]
    assert all(s.end - s.start == timedelta(minutes=30) for s in slots)
    assert {(s.practitioner_id, s.visit_reason_id, s.site_id) for s in slots} == {(1, 1, 1)}
    assert all(s.start.tzinfo is UTC for s in slots)


@pytest.mark.parametrize(
    ("monday", "first_utc"),
    [
        (date(2026, 3, 23), z(2026, 3, 23, 8)),  # before the 2026 spring change: UTC+1
        (date(2026, 3, 30), z(2026, 3, 30, 7)),  # after it: UTC+2
        (date(2026, 10, 19), z(2026, 10, 19, 7)),  # before the 2026 autumn change: UTC+2
        (date(2026, 10, 26), z(2026, 10, 26, 8)),  # after it: UTC+1
        (date(2027, 3, 22), z(2027, 3, 22, 8)),  # before the 2027 spring change
        (date(2027, 3, 29), z(2027, 3, 29, 7)),  # after it (Easter Monday: holidays off here)
        (date(2027, 10, 25), z(2027, 10, 25, 7)),  # before the 2027 autumn change
        (date(2027, 11, 1), z(2027, 11, 1, 8)),  # after it (All Saints' Day: holidays off here)
    ],
)
def test_0900_opening_around_each_dst_change(monday: date, first_utc: datetime) -> None:
    slots = day_slots(agenda(opening(MON, "09:00", "12:30")), reason(30), paris(), monday, PAST)
    # 09:00, 09:15, ... 12:00 local: 13 starts, a quarter of an hour apart.
    assert starts(slots) == every(first_utc, 13)
    assert all(s.end == s.start + timedelta(minutes=30) for s in slots)


def test_easter_monday_and_all_saints_are_closed_with_french_holidays() -> None:
    calendar = paris("FR")
    weekly = agenda(opening(MON, "09:00", "12:30"))
    assert day_slots(weekly, reason(30), calendar, date(2027, 3, 29), PAST) == []
    assert day_slots(weekly, reason(30), calendar, date(2027, 11, 1), PAST) == []
    assert len(day_slots(weekly, reason(30), calendar, date(2027, 11, 8), PAST)) == 13


# -- The DST nights themselves -------------------------------------------------------------------


def test_spring_forward_gap_produces_no_slot() -> None:
    """Sunday 2027-03-28: the clock jumps from 02:00 (UTC+1) to 03:00 (UTC+2)."""
    slots = day_slots(
        agenda(opening(SUN, "01:00", "04:00", 30)), reason(30), paris(), date(2027, 3, 28), PAST
    )
    assert starts(slots) == [
        z(2027, 3, 28, 0, 0),  # 01:00 CET
        z(2027, 3, 28, 0, 30),  # 01:30 CET
        # 02:00 and 02:30 do not exist
        z(2027, 3, 28, 1, 0),  # 03:00 CEST
        z(2027, 3, 28, 1, 30),  # 03:30 CEST, ends at 04:00 CEST = 02:00Z
    ]
    # Durations are real durations: the 01:30 slot ends at 03:00 on the wall, 30 minutes later.
    assert all(s.end - s.start == timedelta(minutes=30) for s in slots)


def test_slot_across_the_gap_lasts_its_real_duration() -> None:
    slots = day_slots(
        agenda(opening(SUN, "01:00", "04:00", 60)), reason(90), paris(), date(2027, 3, 28), PAST
    )
    # 01:00 CET -> 01:30Z (03:30 CEST on the wall, 90 real minutes); 03:00 CEST -> 02:30Z is past
    # the 04:00 CEST = 02:00Z end; 02:00 does not exist.
    assert [(s.start, s.end) for s in slots] == [(z(2027, 3, 28, 0), z(2027, 3, 28, 1, 30))]


def test_opening_that_ends_inside_the_gap_ends_at_the_change() -> None:
    """'Until 02:30' on the spring night means until the clock jumps (01:00Z), not 03:30 CEST."""
    calendar = paris()
    thirty = day_slots(
        agenda(opening(SUN, "01:00", "02:30", 30)), reason(30), calendar, date(2027, 3, 28), PAST
    )
    assert starts(thirty) == [z(2027, 3, 28, 0, 0), z(2027, 3, 28, 0, 30)]
    hour = day_slots(
        agenda(opening(SUN, "01:00", "02:30", 30)), reason(60), calendar, date(2027, 3, 28), PAST
    )
    assert [(s.start, s.end) for s in hour] == [(z(2027, 3, 28, 0), z(2027, 3, 28, 1))]


def test_opening_that_starts_inside_the_gap() -> None:
    slots = day_slots(
        agenda(opening(SUN, "02:30", "04:00", 30)), reason(30), paris(), date(2027, 3, 28), PAST
    )
    # 02:30 does not exist; 03:00 and 03:30 CEST do.
    assert starts(slots) == [z(2027, 3, 28, 1, 0), z(2027, 3, 28, 1, 30)]


def test_repeated_autumn_hour_takes_its_first_occurrence() -> None:
    """Sunday 2027-10-31: at 03:00 CEST (01:00Z) the clock goes back to 02:00 CET."""
    slots = day_slots(
        agenda(opening(SUN, "01:00", "04:00", 30)), reason(30), paris(), date(2027, 10, 31), PAST
    )
    assert starts(slots) == [
        z(2027, 10, 30, 23, 0),  # 01:00 CEST
        z(2027, 10, 30, 23, 30),  # 01:30 CEST
        z(2027, 10, 31, 0, 0),  # 02:00, first occurrence (CEST)
        z(2027, 10, 31, 0, 30),  # 02:30, first occurrence (CEST)
        z(2027, 10, 31, 2, 0),  # 03:00 CET
        z(2027, 10, 31, 2, 30),  # 03:30 CET, ends at 04:00 CET = 03:00Z
    ]
    assert len(set(starts(slots))) == len(slots)
    assert all(s.end - s.start == timedelta(minutes=30) for s in slots)


def test_repeated_hour_busy_on_second_occurrence_does_not_block_the_first() -> None:
    """An appointment at the second 02:00 (01:00Z) holds 01:00Z-01:30Z, no false conflict."""
    busy = [(z(2027, 10, 31, 1, 0), z(2027, 10, 31, 1, 30))]
    slots = day_slots(
        agenda(opening(SUN, "01:00", "04:00", 30), busy=busy),
        reason(30),
        paris(),
        date(2027, 10, 31),
        PAST,
    )
    assert z(2027, 10, 31, 0, 0) in starts(slots)
    assert z(2027, 10, 31, 0, 30) in starts(slots)  # ends exactly when the busy interval starts


# -- When an opening applies ---------------------------------------------------------------------


def test_weekday_mismatch_gives_nothing() -> None:
    weekly = agenda(opening(MON, "09:00", "12:30"))
    assert day_slots(weekly, reason(30), paris(), date(2027, 1, 12), PAST) == []  # a Tuesday


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "applies"),
    [
        (date(2027, 1, 11), None, True),  # valid_from is the day itself: included
        (date(2027, 1, 12), None, False),  # starts the day after
        (date(2027, 1, 1), date(2027, 1, 11), True),  # valid_to is the day itself: included
        (date(2027, 1, 1), date(2027, 1, 10), False),  # the day is the day after valid_to
        (date(2027, 1, 11), date(2027, 1, 11), True),  # a one-day validity
    ],
)
def test_validity_dates_are_inclusive(
    valid_from: date, valid_to: date | None, applies: bool
) -> None:
    monday = date(2027, 1, 11)
    weekly = opening(MON, "09:00", "12:30", valid_from=valid_from, valid_to=valid_to)
    assert opening_applies(weekly, monday, paris()) is applies
    slots = day_slots(agenda(weekly), reason(30), paris(), monday, PAST)
    assert len(slots) == (13 if applies else 0)


@pytest.mark.parametrize(
    ("monday", "iso_week"),
    [
        (date(2026, 12, 28), 53),  # 2026 starts on a Thursday: it has an ISO week 53
        (date(2027, 1, 4), 1),  # 1 January 2027 is a Friday: week 1 starts Monday 4 January
        (date(2027, 1, 11), 2),
        (date(2027, 1, 18), 3),
    ],
)
def test_even_and_odd_iso_weeks(monday: date, iso_week: int) -> None:
    assert monday.isocalendar().week == iso_week  # the hand count above
    calendar = paris()
    odd = opening(MON, "09:00", "10:00", weeks=Weeks.ODD)
    even = opening(MON, "09:00", "10:00", weeks=Weeks.EVEN)
    every_week = opening(MON, "09:00", "10:00", weeks=Weeks.ALL)
    assert opening_applies(odd, monday, calendar) is (iso_week % 2 == 1)
    assert opening_applies(even, monday, calendar) is (iso_week % 2 == 0)
    assert opening_applies(every_week, monday, calendar)


def test_weeks_53_and_1_are_both_odd() -> None:
    """Two odd weeks in a row: an odd-week opening works on 28 Dec 2026 and 4 Jan 2027."""
    weekly = agenda(opening(MON, "09:00", "10:00", 30, weeks=Weeks.ODD))
    found = list(
        free_slots([weekly], reason(30), paris(), date(2026, 12, 21), date(2027, 1, 17), PAST)
    )
    assert starts(found) == [
        z(2026, 12, 28, 8, 0),
        z(2026, 12, 28, 8, 30),
        z(2027, 1, 4, 8, 0),
        z(2027, 1, 4, 8, 30),
    ]


@pytest.mark.parametrize(
    ("day", "weekday", "name"),
    [
        (date(2027, 5, 6), THU, "Ascension"),  # Easter 2027 is 28 March; + 39 days
        (date(2027, 12, 25), SAT, "Noël"),
        (date(2027, 7, 14), WED, "Fête nationale"),
    ],
)
def test_public_holidays(day: date, weekday: int, name: str) -> None:
    weekly = agenda(opening(weekday, "09:00", "10:00", 30))
    closed = paris("FR")
    assert closed.holiday_name(day) == name
    assert day_slots(weekly, reason(30), closed, day, PAST) == []
    assert day_slots(weekly, reason(30), closed, day - timedelta(days=7), PAST) != []
    # Holidays disabled: the same day is an ordinary working day.
    open_calendar = paris(None)
    assert open_calendar.holiday_name(day) is None
    assert len(day_slots(weekly, reason(30), open_calendar, day, PAST)) == 2


def test_site_closures_are_inclusive_and_per_site() -> None:
    works = Closure(1, site_id=1, date_from=date(2027, 6, 7), date_to=date(2027, 6, 14))
    calendar = paris("FR", [works])
    site_1 = opening(MON, "09:00", "10:00", 30, site_id=1)
    site_2 = opening(MON, "09:00", "10:00", 30, site_id=2, id=2)
    assert opening_applies(site_1, date(2027, 5, 31), calendar)  # the Monday before
    assert not opening_applies(site_1, date(2027, 6, 7), calendar)  # first day of the closure
    assert not opening_applies(site_1, date(2027, 6, 14), calendar)  # last day of the closure
    assert opening_applies(site_1, date(2027, 6, 21), calendar)  # the Monday after
    assert opening_applies(site_2, date(2027, 6, 7), calendar)  # another site stays open
    assert calendar.closure_reason(1, date(2027, 6, 10)) == "fermeture du site"
    assert calendar.closure_reason(2, date(2027, 6, 10)) is None
    assert calendar.closure_reason(1, date(2027, 6, 15)) is None
    slots = day_slots(agenda(site_1, site_2), reason(30), calendar, date(2027, 6, 7), PAST)
    assert [(s.start, s.site_id) for s in slots] == [
        (z(2027, 6, 7, 7, 0), 2),
        (z(2027, 6, 7, 7, 30), 2),
    ]


def test_only_openings_of_the_visit_reason_count() -> None:
    weekly = agenda(
        opening(MON, "09:00", "10:00", 30, reasons=frozenset({2}), id=1),
        opening(MON, "14:00", "15:00", 30, reasons=frozenset({1, 2}), id=2, site_id=2),
    )
    slots = day_slots(weekly, reason(30, id=1), paris(), date(2027, 1, 11), PAST)
    assert [(s.start, s.site_id, s.visit_reason_id) for s in slots] == [
        (z(2027, 1, 11, 13, 0), 2, 1),
        (z(2027, 1, 11, 13, 30), 2, 1),
    ]


def test_overlapping_openings_give_each_start_once_from_the_first_opening() -> None:
    weekly = agenda(
        opening(MON, "09:00", "10:00", 30, id=1, site_id=1),
        opening(MON, "09:30", "10:30", 15, id=2, site_id=2),
    )
    slots = day_slots(weekly, reason(30), paris(), date(2027, 1, 11), PAST)
    assert [(s.start, s.site_id) for s in slots] == [
        (z(2027, 1, 11, 8, 0), 1),
        (z(2027, 1, 11, 8, 30), 1),  # also a start of the second opening: the first one wins
        (z(2027, 1, 11, 8, 45), 2),
        (z(2027, 1, 11, 9, 0), 2),
    ]


# -- Step and duration ---------------------------------------------------------------------------


def test_a_45_minute_reason_fits_twice_in_a_one_hour_opening() -> None:
    slots = day_slots(
        agenda(opening(MON, "09:00", "10:00", 15)), reason(45), paris(), date(2027, 1, 11), PAST
    )
    assert [(s.start, s.end) for s in slots] == [
        (z(2027, 1, 11, 8, 0), z(2027, 1, 11, 8, 45)),
        (z(2027, 1, 11, 8, 15), z(2027, 1, 11, 9, 0)),
    ]


def test_reason_longer_than_the_opening_fits_nowhere() -> None:
    weekly = agenda(opening(MON, "09:00", "10:00", 15))
    assert day_slots(weekly, reason(61), paris(), date(2027, 1, 11), PAST) == []


def test_step_longer_than_the_reason() -> None:
    slots = day_slots(
        agenda(opening(MON, "09:00", "10:30", 40)), reason(20), paris(), date(2027, 1, 11), PAST
    )
    # 09:00, 09:40, 10:20 (ends 10:40 > 10:30: out).
    assert starts(slots) == [z(2027, 1, 11, 8, 0), z(2027, 1, 11, 8, 40)]


# -- Busy time -----------------------------------------------------------------------------------

MONDAY = date(2027, 1, 11)  # winter: 09:00 local = 08:00Z
MORNING_0900_1200 = opening(MON, "09:00", "12:00", 15)


def local_starts(*walls: str) -> list[datetime]:
    """Local wall times of MONDAY as UTC instants (UTC+1)."""
    return [datetime.combine(MONDAY, hm(w), tzinfo=UTC) - timedelta(hours=1) for w in walls]


def quarter_hours(first: str, last: str) -> list[str]:
    start = datetime.combine(MONDAY, hm(first))
    stop = datetime.combine(MONDAY, hm(last))
    out = []
    while start <= stop:
        out.append(f"{start:%H:%M}")
        start += timedelta(minutes=15)
    return out


def monday_slots(busy, duration: int = 30) -> list[datetime]:
    weekly = agenda(MORNING_0900_1200, busy=busy)
    return starts(day_slots(weekly, reason(duration), paris(), MONDAY, PAST))


def test_appointment_removes_every_overlapping_start() -> None:
    # 09:30-10:00 local = 08:30Z-09:00Z removes 09:15, 09:30 and 09:45 for a 30-minute reason.
    busy = [(z(2027, 1, 11, 8, 30), z(2027, 1, 11, 9, 0))]
    assert monday_slots(busy) == local_starts("09:00", *quarter_hours("10:00", "11:30"))


def test_busy_intervals_are_half_open() -> None:
    ends_at_0930 = [(z(2027, 1, 11, 8, 0), z(2027, 1, 11, 8, 30))]  # 09:00-09:30
    assert monday_slots(ends_at_0930) == local_starts(*quarter_hours("09:30", "11:30"))
    starts_at_1100 = [(z(2027, 1, 11, 10, 0), z(2027, 1, 11, 11, 0))]  # 11:00-12:00
    assert monday_slots(starts_at_1100) == local_starts(*quarter_hours("09:00", "10:30"))


def test_absences_are_busy_time_too() -> None:
    absence = Absence(1, 1, start=z(2027, 1, 11, 9, 0), end=z(2027, 1, 11, 10, 0))  # 10:00-11:00
    busy = [(absence.start, absence.end)]
    # 09:45 (ends 10:15) to 10:45 overlap it; 09:30 ends as it starts; 11:00 starts as it ends.
    assert monday_slots(busy) == local_starts("09:00", "09:15", "09:30", "11:00", "11:15", "11:30")


def test_overlapping_busy_intervals_overbooking() -> None:
    busy = [
        (z(2027, 1, 11, 8, 30), z(2027, 1, 11, 9, 30)),  # 09:30-10:30
        (z(2027, 1, 11, 8, 45), z(2027, 1, 11, 9, 0)),  # 09:45-10:00, an overbooking inside it
        (z(2027, 1, 11, 9, 15), z(2027, 1, 11, 10, 0)),  # 10:15-11:00, overlaps the first
    ]
    assert monday_slots(busy) == local_starts("09:00", "11:00", "11:15", "11:30")


def test_long_busy_interval_hidden_behind_a_short_one() -> None:
    """A later-starting short interval must not hide the end of an earlier long one."""
    busy = [
        (z(2027, 1, 11, 8, 0), z(2027, 1, 11, 10, 0)),  # 09:00-11:00
        (z(2027, 1, 11, 8, 15), z(2027, 1, 11, 8, 30)),  # 09:15-09:30
    ]
    assert monday_slots(busy) == local_starts("11:00", "11:15", "11:30")


def test_empty_busy_interval_holds_no_time() -> None:
    assert monday_slots([(z(2027, 1, 11, 8, 30), z(2027, 1, 11, 8, 30))]) == local_starts(
        *quarter_hours("09:00", "11:30")
    )


def test_busy_index_conflict_end() -> None:
    index = BusyIndex(
        [(z(2027, 1, 11, 9), z(2027, 1, 11, 10)), (z(2027, 1, 11, 9), z(2027, 1, 11, 9, 30))]
    )
    assert index.conflict_end(z(2027, 1, 11, 8), z(2027, 1, 11, 9)) is None
    assert index.conflict_end(z(2027, 1, 11, 10), z(2027, 1, 11, 11)) is None
    assert index.conflict_end(z(2027, 1, 11, 9, 15), z(2027, 1, 11, 9, 45)) == z(2027, 1, 11, 10)
    assert BusyIndex([]).conflict_end(z(2027, 1, 11, 9), z(2027, 1, 11, 10)) is None


# -- The past and the minimum notice -------------------------------------------------------------


def test_the_past_is_never_offered() -> None:
    now = z(2027, 1, 11, 9, 7)  # 10:07 local
    slots = day_slots(agenda(MORNING_0900_1200), reason(30), paris(), MONDAY, now)
    assert starts(slots) == local_starts(*quarter_hours("10:15", "11:30"))


def test_a_start_equal_to_now_is_offered() -> None:
    now = z(2027, 1, 11, 9, 0)  # 10:00 local exactly
    slots = day_slots(agenda(MORNING_0900_1200), reason(30), paris(), MONDAY, now)
    assert starts(slots) == local_starts(*quarter_hours("10:00", "11:30"))


def test_now_given_in_another_zone_is_the_same_instant() -> None:
    now = datetime(2027, 1, 11, 4, 7, tzinfo=ZoneInfo("America/New_York"))  # 09:07Z
    slots = day_slots(agenda(MORNING_0900_1200), reason(30), paris(), MONDAY, now)
    assert starts(slots) == local_starts(*quarter_hours("10:15", "11:30"))


def test_minimum_notice_of_24_hours() -> None:
    weekly = agenda(opening(MON, "09:00", "12:00", 15), opening(TUE, "09:00", "12:00", 15, id=2))
    now = z(2027, 1, 11, 9, 7)  # Monday 10:07 local: earliest is Tuesday 10:07 local
    notice = reason(30, min_notice_hours=24)
    found = list(free_slots([weekly], notice, paris(), MONDAY, date(2027, 1, 12), now))
    assert starts(found) == [
        s + timedelta(days=1) for s in local_starts(*quarter_hours("10:15", "11:30"))
    ]
    # Without a notice the rest of Monday is offered first.
    plain = list(free_slots([weekly], reason(30), paris(), MONDAY, date(2027, 1, 12), now))
    assert plain[0].start == z(2027, 1, 11, 9, 15)


def test_minimum_notice_counts_real_hours_across_the_spring_change() -> None:
    """Saturday 2027-03-27 10:07 CET + 24 h = Sunday 09:07Z = 11:07 CEST (a 23-hour night)."""
    weekly = agenda(opening(SUN, "09:00", "12:30", 15))
    now = z(2027, 3, 27, 9, 7)
    slots = day_slots(weekly, reason(30, min_notice_hours=24), paris(), date(2027, 3, 28), now)
    assert starts(slots) == every(z(2027, 3, 28, 9, 15), 4)  # 11:15 ... 12:00 CEST


def test_zero_minimum_notice_is_no_notice() -> None:
    now = z(2027, 1, 11, 9, 7)
    slots = day_slots(
        agenda(MORNING_0900_1200), reason(30, min_notice_hours=0), paris(), MONDAY, now
    )
    assert starts(slots) == local_starts(*quarter_hours("10:15", "11:30"))


# -- Time windows --------------------------------------------------------------------------------


def test_morning_and_afternoon_windows_split_at_noon() -> None:
    weekly = agenda(opening(MON, "09:00", "14:00", 30))
    morning = day_slots(weekly, reason(30), paris(), MONDAY, PAST, MORNING)
    afternoon = day_slots(weekly, reason(30), paris(), MONDAY, PAST, AFTERNOON)
    assert starts(morning) == every(z(2027, 1, 11, 8, 0), 6, 30)  # 09:00 ... 11:30
    assert starts(afternoon) == every(z(2027, 1, 11, 11, 0), 4, 30)  # 12:00 ... 13:30
    whole = day_slots(weekly, reason(30), paris(), MONDAY, PAST)
    assert morning + afternoon == whole


def test_window_filters_on_the_start_only() -> None:
    """11:45 starts in the morning even though it ends in the afternoon."""
    weekly = agenda(opening(MON, "11:00", "13:00", 45))
    morning = day_slots(weekly, reason(45), paris(), MONDAY, PAST, MORNING)
    assert starts(morning) == [z(2027, 1, 11, 10, 0), z(2027, 1, 11, 10, 45)]  # 11:00, 11:45


def test_window_names() -> None:
    assert WINDOWS["morning"] is WINDOWS["matin"] is MORNING
    assert WINDOWS["afternoon"] is WINDOWS["apres-midi"] is AFTERNOON
    assert MORNING.contains(time(11, 59)) and not MORNING.contains(time(12, 0))
    assert AFTERNOON.contains(time(12, 0)) and AFTERNOON.contains(time(23, 59))
    assert not AFTERNOON.contains(time(11, 59))


def test_custom_window() -> None:
    weekly = agenda(opening(MON, "09:00", "14:00", 30))
    window = TimeWindow(time(10, 0), time(11, 0))
    slots = day_slots(weekly, reason(30), paris(), MONDAY, PAST, window)
    assert starts(slots) == [z(2027, 1, 11, 9, 0), z(2027, 1, 11, 9, 30)]  # 10:00, 10:30


def test_window_and_now_together() -> None:
    weekly = agenda(opening(MON, "09:00", "14:00", 30))
    now = z(2027, 1, 11, 9, 40)  # 10:40 local
    slots = day_slots(weekly, reason(30), paris(), MONDAY, now, TimeWindow(time(10), time(12)))
    assert starts(slots) == [z(2027, 1, 11, 10, 0), z(2027, 1, 11, 10, 30)]  # 11:00, 11:30


def test_window_on_the_spring_night_uses_wall_times() -> None:
    weekly = agenda(opening(SUN, "01:00", "04:00", 30))
    window = TimeWindow(time(1, 30), time(3, 30))
    slots = day_slots(weekly, reason(30), paris(), date(2027, 3, 28), PAST, window)
    assert starts(slots) == [z(2027, 3, 28, 0, 30), z(2027, 3, 28, 1, 0)]  # 01:30 CET, 03:00 CEST


def test_busy_and_now_on_the_autumn_night() -> None:
    weekly = agenda(
        opening(SUN, "01:00", "04:00", 30),
        busy=[(z(2027, 10, 31, 0, 0), z(2027, 10, 31, 0, 30))],  # the first 02:00-02:30
    )
    now = z(2027, 10, 30, 23, 10)  # 01:10 CEST
    slots = day_slots(weekly, reason(30), paris(), date(2027, 10, 31), now)
    assert starts(slots) == [
        z(2027, 10, 30, 23, 30),
        z(2027, 10, 31, 0, 30),
        z(2027, 10, 31, 2, 0),
        z(2027, 10, 31, 2, 30),
    ]


# -- Several practitioners -----------------------------------------------------------------------


def test_free_slots_are_ordered_by_start_then_practitioner_order() -> None:
    first = agenda(opening(MON, "09:00", "10:00", 30, practitioner_id=7), practitioner_id=7)
    second = agenda(
        opening(MON, "09:15", "10:00", 15, practitioner_id=3, site_id=2), practitioner_id=3
    )
    found = list(free_slots([first, second], reason(30), paris(), MONDAY, MONDAY, PAST))
    assert [(s.start, s.practitioner_id) for s in found] == [
        (z(2027, 1, 11, 8, 0), 7),
        (z(2027, 1, 11, 8, 15), 3),
        (z(2027, 1, 11, 8, 30), 7),
        (z(2027, 1, 11, 8, 30), 3),
    ]
    # The order of the sequence decides ties, not the ids.
    swapped = list(free_slots([second, first], reason(30), paris(), MONDAY, MONDAY, PAST))
    assert [(s.start, s.practitioner_id) for s in swapped][2:] == [
        (z(2027, 1, 11, 8, 30), 3),
        (z(2027, 1, 11, 8, 30), 7),
    ]


def test_free_slots_run_over_several_days_in_order() -> None:
    weekly = agenda(opening(MON, "09:00", "10:00", 30), opening(WED, "14:00", "15:00", 30, id=2))
    found = list(
        free_slots([weekly], reason(30), paris(), date(2027, 3, 22), date(2027, 3, 31), PAST)
    )
    assert starts(found) == [
        z(2027, 3, 22, 8, 0),
        z(2027, 3, 22, 8, 30),
        z(2027, 3, 24, 13, 0),
        z(2027, 3, 24, 13, 30),
        z(2027, 3, 29, 7, 0),  # after the spring change
        z(2027, 3, 29, 7, 30),
        z(2027, 3, 31, 12, 0),
        z(2027, 3, 31, 12, 30),
    ]


def test_first_free_slot_across_practitioners() -> None:
    busy_morning = [(z(2027, 1, 11, 8, 0), z(2027, 1, 11, 9, 0))]  # 09:00-10:00 booked
    a = agenda(opening(MON, "09:00", "12:00", 30), busy=busy_morning, practitioner_id=1)
    b = agenda(opening(MON, "09:30", "12:00", 30), practitioner_id=2)
    slot = first_free_slot([a, b], reason(30), paris(), MONDAY, MONDAY, PAST)
    assert slot == Slot(2, 1, 1, z(2027, 1, 11, 8, 30), z(2027, 1, 11, 9, 0))


def test_first_free_slot_tie_goes_to_the_first_practitioner() -> None:
    a = agenda(opening(MON, "09:00", "12:00", 30), practitioner_id=1)
    b = agenda(opening(MON, "09:00", "12:00", 30), practitioner_id=2)
    assert first_free_slot([b, a], reason(30), paris(), MONDAY, MONDAY, PAST).practitioner_id == 2
    assert first_free_slot([a, b], reason(30), paris(), MONDAY, MONDAY, PAST).practitioner_id == 1


def test_first_free_slot_is_none_when_everything_is_booked() -> None:
    full = [(z(2027, 1, 11, 8, 0), z(2027, 1, 11, 11, 0))]
    a = agenda(opening(MON, "09:00", "12:00", 30), busy=full, practitioner_id=1)
    b = agenda(opening(MON, "09:00", "12:00", 30), busy=full, practitioner_id=2)
    assert first_free_slot([a, b], reason(30), paris(), MONDAY, date(2027, 1, 17), PAST) is None
    assert first_free_slot([], reason(30), paris(), MONDAY, MONDAY, PAST) is None


def test_first_free_slot_looks_at_later_days() -> None:
    full = [(z(2027, 1, 11, 8, 0), z(2027, 1, 11, 11, 0))]
    a = agenda(opening(MON, "09:00", "12:00", 30), busy=full)
    slot = first_free_slot([a], reason(30), paris(), MONDAY, date(2027, 1, 18), PAST)
    assert slot is not None and slot.start == z(2027, 1, 18, 8, 0)


def test_end_day_before_start_day_is_refused_in_french() -> None:
    weekly = [agenda(MORNING_0900_1200)]
    with pytest.raises(InvalidInput) as caught:
        free_slots(weekly, reason(30), paris(), MONDAY, date(2027, 1, 10), PAST)
    assert caught.value.message == (
        "La date de fin (10/01/2027) précède la date de début (11/01/2027)."
    )
    with pytest.raises(InvalidInput):
        first_free_slot(weekly, reason(30), paris(), MONDAY, date(2027, 1, 10), PAST)
    # A single day is a valid range.
    assert first_free_slot(weekly, reason(30), paris(), MONDAY, MONDAY, PAST) is not None


def test_naive_now_is_a_programming_error() -> None:
    weekly = [agenda(MORNING_0900_1200)]
    naive = datetime(2027, 1, 11, 9, 0)
    with pytest.raises(ValueError, match="naive"):
        free_slots(weekly, reason(30), paris(), MONDAY, MONDAY, naive)
    with pytest.raises(ValueError, match="naive"):
        first_free_slot(weekly, reason(30), paris(), MONDAY, MONDAY, naive)
    with pytest.raises(ValueError, match="naive"):
        day_slots(weekly[0], reason(30), paris(), MONDAY, naive)


# -- find_opening (manual booking) ---------------------------------------------------------------


def test_find_opening_inside_returns_the_opening() -> None:
    morning = opening(MON, "09:00", "12:00", id=1)
    afternoon = opening(MON, "14:00", "17:00", id=2, site_id=2)
    found = find_opening(
        [morning, afternoon], reason(30), paris("FR"), z(2027, 1, 11, 13, 10), z(2027, 1, 11, 16)
    )
    assert found is afternoon
    # Off the step grid is fine for a manual booking; the whole opening is inside too.
    assert find_opening([morning], reason(30), paris(), z(2027, 1, 11, 8), z(2027, 1, 11, 11)) is (
        morning
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (z(2027, 1, 11, 7, 45), z(2027, 1, 11, 8, 15)),  # starts before 09:00
        (z(2027, 1, 11, 10, 45), z(2027, 1, 11, 11, 15)),  # ends after 12:00
        (z(2027, 1, 12, 8, 0), z(2027, 1, 12, 8, 30)),  # a Tuesday
        (z(2027, 1, 11, 12, 0), z(2027, 1, 11, 12, 30)),  # 13:00, between openings
    ],
)
def test_find_opening_outside(start: datetime, end: datetime) -> None:
    with pytest.raises(OutsideOpening) as caught:
        find_opening([MORNING_0900_1200], reason(30), paris("FR"), start, end)
    assert type(caught.value) is OutsideOpening
    assert "en dehors des plages horaires du praticien pour ce motif" in caught.value.message


def test_find_opening_message_shows_local_time() -> None:
    with pytest.raises(OutsideOpening) as caught:
        find_opening(
            [MORNING_0900_1200], reason(30), paris(), z(2027, 1, 11, 7, 30), z(2027, 1, 11, 8)
        )
    assert caught.value.message == (
        "Le 11/01/2027 à 08:30 est en dehors des plages horaires du praticien pour ce motif."
    )


def test_find_opening_wrong_visit_reason() -> None:
    with pytest.raises(OutsideOpening) as caught:
        find_opening(
            [MORNING_0900_1200], reason(30, id=2), paris(), z(2027, 1, 11, 8), z(2027, 1, 11, 9)
        )
    assert type(caught.value) is OutsideOpening


def test_find_opening_outside_validity_is_outside() -> None:
    ended = opening(MON, "09:00", "12:00", valid_to=date(2027, 1, 10))
    with pytest.raises(OutsideOpening) as caught:
        find_opening([ended], reason(30), paris(), z(2027, 1, 11, 8), z(2027, 1, 11, 9))
    assert type(caught.value) is OutsideOpening


def test_find_opening_on_a_public_holiday() -> None:
    saturday = opening(SAT, "09:00", "12:00")
    with pytest.raises(ClosedDay) as caught:
        find_opening([saturday], reason(30), paris("FR"), z(2027, 12, 25, 8), z(2027, 12, 25, 9))
    assert caught.value.message == "Le 25/12/2027 est fermé : jour férié (Noël)."


def test_find_opening_on_a_closure() -> None:
    works = Closure(
        1, site_id=1, date_from=date(2027, 6, 7), date_to=date(2027, 6, 14), reason="travaux"
    )
    with pytest.raises(ClosedDay) as caught:
        find_opening(
            [MORNING_0900_1200],
            reason(30),
            paris("FR", [works]),
            z(2027, 6, 14, 7),
            z(2027, 6, 14, 8),
        )
    assert caught.value.message == "Le 14/06/2027 est fermé : fermeture du site (travaux)."
    # The other site's opening at the same time holds the appointment.
    other_site = opening(MON, "09:00", "12:00", id=2, site_id=2)
    found = find_opening(
        [MORNING_0900_1200, other_site],
        reason(30),
        paris("FR", [works]),
        z(2027, 6, 14, 7),
        z(2027, 6, 14, 8),
    )
    assert found is other_site


def test_find_opening_holiday_of_an_opening_that_does_not_run_that_week() -> None:
    """14 July 2027 is in ISO week 28 (even): an odd-week opening is simply not there."""
    odd = opening(WED, "09:00", "12:00", weeks=Weeks.ODD)
    even = opening(WED, "09:00", "12:00", weeks=Weeks.EVEN)
    start, end = z(2027, 7, 14, 7), z(2027, 7, 14, 8)
    with pytest.raises(OutsideOpening) as caught:
        find_opening([odd], reason(30), paris("FR"), start, end)
    assert type(caught.value) is OutsideOpening
    with pytest.raises(ClosedDay) as closed:
        find_opening([odd, even], reason(30), paris("FR"), start, end)
    assert closed.value.message == "Le 14/07/2027 est fermé : jour férié (Fête nationale)."


def test_find_opening_on_the_spring_night() -> None:
    """Opening 02:30-04:00 on 2027-03-28: 03:00 CEST is offered by the engine, so bookable."""
    night = opening(SUN, "02:30", "04:00", 30)
    assert (
        find_opening([night], reason(30), paris(), z(2027, 3, 28, 1, 0), z(2027, 3, 28, 1, 30))
        is night
    )
    until_0230 = opening(SUN, "01:00", "02:30", 30)
    # 01:30 CET + 60 min ends at 03:30 CEST: past the change at 01:00Z.
    with pytest.raises(OutsideOpening):
        find_opening(
            [until_0230], reason(60), paris(), z(2027, 3, 28, 0, 30), z(2027, 3, 28, 1, 30)
        )


def test_find_opening_second_occurrence_of_the_autumn_hour() -> None:
    night = opening(SUN, "01:00", "04:00", 30)
    # 02:30 CET (the second 02:30) is 01:30Z: inside 01:00 CEST (23:00Z) - 04:00 CET (03:00Z).
    found = find_opening(
        [night], reason(30), paris(), z(2027, 10, 31, 1, 30), z(2027, 10, 31, 2, 0)
    )
    assert found is night


def test_find_opening_naive_instants_are_programming_errors() -> None:
    with pytest.raises(ValueError, match="naive"):
        find_opening(
            [MORNING_0900_1200], reason(30), paris(), datetime(2027, 1, 11, 9), z(2027, 1, 11, 9)
        )
    with pytest.raises(ValueError, match="naive"):
        find_opening(
            [MORNING_0900_1200], reason(30), paris(), z(2027, 1, 11, 8), datetime(2027, 1, 11, 9)
        )


# -- AgendaCalendar ------------------------------------------------------------------------------


def test_to_utc_refuses_the_nonexistent_spring_time() -> None:
    with pytest.raises(NonExistentLocalTime) as caught:
        paris().to_utc(datetime(2027, 3, 28, 2, 30))
    assert caught.value.message == (
        "L'heure 02:30 n'existe pas le 28/03/2027 (passage à l'heure d'été)."
    )
    assert isinstance(caught.value, InvalidInput)


def test_to_utc() -> None:
    calendar = paris()
    assert calendar.to_utc(datetime(2027, 10, 31, 2, 30)) == z(2027, 10, 31, 0, 30)  # first one
    assert calendar.to_utc(datetime(2027, 1, 11, 9, 0)) == z(2027, 1, 11, 8, 0)
    assert calendar.to_utc(datetime(2027, 7, 12, 9, 0)) == z(2027, 7, 12, 7, 0)
    assert calendar.to_utc(datetime(2027, 3, 28, 3, 0)) == z(2027, 3, 28, 1, 0)
    assert calendar.to_utc(datetime(2027, 3, 28, 1, 59)) == z(2027, 3, 28, 0, 59)


def test_local() -> None:
    local = paris().local(z(2027, 10, 31, 1, 30))
    assert local.replace(tzinfo=None) == datetime(2027, 10, 31, 2, 30)
    assert local.utcoffset() == timedelta(hours=1)  # the second 02:30


def test_local_day_bounds_of_short_and_long_days() -> None:
    calendar = paris()
    assert calendar.local_day_bounds(date(2027, 3, 28)) == (z(2027, 3, 27, 23), z(2027, 3, 28, 22))
    assert calendar.local_day_bounds(date(2027, 10, 31)) == (
        z(2027, 10, 30, 22),
        z(2027, 10, 31, 23),
    )


def test_local_day_bounds_when_midnight_does_not_exist() -> None:
    """Chile springs forward at midnight: 5 September 2027 starts at 01:00 (-03), 04:00Z."""
    santiago = AgendaCalendar("America/Santiago")
    assert santiago.local_day_bounds(date(2027, 9, 5))[0] == z(2027, 9, 5, 4)
    assert santiago.local_day_bounds(date(2027, 9, 4)) == (z(2027, 9, 4, 4), z(2027, 9, 5, 4))


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "", "../etc/passwd", "Europe"])
def test_unknown_time_zone(zone: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        AgendaCalendar(zone)
    assert caught.value.message == f"Fuseau horaire inconnu : « {zone} »."


@pytest.mark.parametrize("country", ["XX", "fr", "ZZZ"])
def test_unknown_holiday_country(country: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        AgendaCalendar("Europe/Paris", country)
    assert caught.value.message == f"Pays inconnu pour les jours fériés : « {country} »."


def test_holiday_names_are_french_when_the_country_has_them() -> None:
    assert paris("FR").holiday_name(date(2027, 11, 1)) == "Toussaint"
    assert paris("FR").holiday_name(date(2027, 11, 2)) is None
    # Belgium's holidays also come in French; a country without French names keeps its own.
    assert AgendaCalendar("Europe/Brussels", "BE").holiday_name(date(2027, 12, 25)) == "Noël"
    assert AgendaCalendar("Europe/Berlin", "DE").holiday_name(date(2027, 12, 25)) == (
        "Erster Weihnachtstag"
    )


# -- The machine's time zone and language change nothing ----------------------------------------

_MACHINE_PROBE = textwrap.dedent(
    """
    from datetime import UTC, date, datetime, time
    from desktop.domain.errors import ClosedDay
    from desktop.domain.model import Opening, PractitionerAgenda, VisitReason
    from desktop.domain.scheduling import AgendaCalendar, find_opening, free_slots

    calendar = AgendaCalendar("Europe/Paris", "FR")
    openings = (
        Opening(1, 1, 1, 0, time(9), time(12, 30), 15, frozenset({1})),
        Opening(2, 1, 1, 6, time(1), time(4), 30, frozenset({1})),
    )
    agenda = PractitionerAgenda(1, openings, ((datetime(2027, 3, 22, 9, tzinfo=UTC),
                                                 datetime(2027, 3, 22, 10, tzinfo=UTC)),))
    reason = VisitReason(1, "C", 1, "Consultation", 30)
    now = datetime(2027, 3, 1, tzinfo=UTC)
    out = [
        (s.start.isoformat(), s.end.isoformat())
        for first, last in ((date(2027, 3, 21), date(2027, 4, 5)),
                            (date(2027, 10, 24), date(2027, 11, 8)))
        for s in free_slots([agenda], reason, calendar, first, last, now)
    ]
    try:
        find_opening(openings, reason, calendar, datetime(2027, 11, 1, 8, tzinfo=UTC),
                     datetime(2027, 11, 1, 9, tzinfo=UTC))
    except ClosedDay as exc:
        out.append(exc.message)
    print(repr(out))
    """
)


def _probe(env_overrides: dict[str, str]) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("TZ", "LANGUAGE", "LC_ALL", "LANG")}
    env.update(env_overrides)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", _MACHINE_PROBE],
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


def test_results_do_not_depend_on_the_machine_time_zone_or_language() -> None:
    reference = _probe({"TZ": "UTC", "LANG": "C.UTF-8"})
    assert "2027-03-29T07:00:00+00:00" not in reference  # Easter Monday
    assert "2027-04-05T07:00:00+00:00" in reference  # summer Monday, 09:00 local
    assert "2027-03-22T08:00:00+00:00" in reference  # winter Monday, 09:00 local
    assert "Le 01/11/2027 est fermé : jour férié (Toussaint)." in reference
    for overrides in (
        {"TZ": "America/New_York", "LANG": "en_US.UTF-8"},
        {"TZ": "Asia/Kolkata", "LANGUAGE": "uk", "LANG": "de_DE.UTF-8"},
        {"TZ": "Australia/Lord_Howe", "LC_ALL": "C"},
    ):
        assert _probe(overrides) == reference, overrides


def test_in_process_matches_the_probe() -> None:
    namespace: dict[str, object] = {}
    printed: list[str] = []
    namespace["print"] = lambda value: printed.append(value)
    exec(compile(_MACHINE_PROBE, "<probe>", "exec"), namespace)
    assert printed and printed[0] + "\n" == _probe({"TZ": "Asia/Kolkata"})
