"""The preview of weekly openings: week parity, validity, holidays and closures, DST changes."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from desktop.domain.errors import InvalidInput
from desktop.domain.model import Closure, Opening, Weeks
from desktop.domain.opening_preview import (
    preview_day,
    preview_openings,
    slot_minutes,
    span,
)
from desktop.domain.scheduling import AgendaCalendar

PARIS = AgendaCalendar("Europe/Paris", "FR")
NO_HOLIDAYS = AgendaCalendar("Europe/Paris")
MONDAY = date(2027, 3, 15)  # ISO week 11 (odd)


def opening(weekday=0, start=time(9), end=time(12), step=15, **kw) -> Opening:
    return Opening(0, 1, 1, weekday, start, end, step, frozenset({7}), **kw)


def starts(day) -> list[str]:
    return [f"{s.start:%H:%M}" for s in day.slots]


def test_weeks_start_on_the_monday_of_the_first_day_and_say_their_parity():
    weeks = preview_openings([opening()], NO_HOLIDAYS, MONDAY + timedelta(days=3), 3)
    assert [w.monday for w in weeks] == [MONDAY, date(2027, 3, 22), date(2027, 3, 29)]
    assert [(w.number, w.even) for w in weeks] == [(11, False), (12, True), (13, False)]
    assert [len(w.days) for w in weeks] == [7, 7, 7]
    assert weeks[0].slot_count == 12  # 09:00 … 11:45, step 15
    assert weeks[1].days[0].even_week and not weeks[0].days[0].even_week


@pytest.mark.parametrize(
    ("weeks", "open_mondays", "note"),
    [
        (Weeks.ALL, [True, True, True, True], None),
        (Weeks.EVEN, [False, True, False, True], "09:00–12:00 : semaines paires seulement"),
        (Weeks.ODD, [True, False, True, False], "09:00–12:00 : semaines impaires seulement"),
    ],
)
def test_even_and_odd_weeks(weeks, open_mondays, note):
    result = preview_openings([opening(weeks=weeks)], NO_HOLIDAYS, MONDAY, 4)
    mondays = [w.days[0] for w in result]
    assert [bool(d.slots) for d in mondays] == open_mondays
    for day in mondays:
        assert day.notes == (() if day.slots else (note,))


def test_two_alternating_openings_fill_every_week():
    odd = opening(weeks=Weeks.ODD)
    even = opening(start=time(14), end=time(17), weeks=Weeks.EVEN)
    result = preview_openings([odd, even], NO_HOLIDAYS, MONDAY, 2)
    assert starts(result[0].days[0])[0] == "09:00"
    assert starts(result[1].days[0])[0] == "14:00"
    assert {s.opening_index for s in result[1].days[0].slots} == {1}


def test_validity_dates_are_inclusive_and_explained():
    limited = opening(valid_from=date(2027, 3, 22), valid_to=date(2027, 3, 29))
    result = preview_openings([limited], NO_HOLIDAYS, MONDAY, 3)
    first, second, third = (w.days[0] for w in result)
    assert first.notes == ("09:00–12:00 : valable à partir du 22/03/2027",)
    assert second.slots and third.slots
    after = preview_day([limited], NO_HOLIDAYS, date(2027, 4, 5))
    assert after.notes == ("09:00–12:00 : terminée le 29/03/2027",) and after.slots == ()


def test_public_holidays_and_closures_remove_the_day_and_say_why():
    easter_monday = date(2027, 3, 29)
    day = preview_day([opening()], PARIS, easter_monday)
    assert day.slots == () and day.closed == "jour férié (Lundi de Pâques)"
    assert preview_day([opening()], NO_HOLIDAYS, easter_monday).slots
    closed = AgendaCalendar(
        "Europe/Paris", None, [Closure(1, 1, date(2027, 3, 22), date(2027, 3, 22), "Travaux")]
    )
    day = preview_day([opening()], closed, date(2027, 3, 22))
    assert day.slots == () and day.closed == "fermeture du site (Travaux)"
    # Another site is not closed by it.
    other_site = Opening(0, 1, 2, 0, time(9), time(10), 30, frozenset({7}))
    assert starts(preview_day([other_site], closed, date(2027, 3, 22))) == ["09:00", "09:30"]


def test_the_slot_length_is_the_shortest_visit_reason_else_the_step():
    mixed = Opening(0, 1, 1, 0, time(9), time(10), 15, frozenset({7, 8}))
    assert slot_minutes(mixed, None) == 15
    assert slot_minutes(mixed, {7: 45, 8: 30}) == 30
    day = preview_day([mixed], NO_HOLIDAYS, MONDAY, {7: 45, 8: 30})
    # 30-minute visits fit at 09:00, 09:15 and 09:30 (ending 10:00 at the latest).
    assert starts(day) == ["09:00", "09:15", "09:30"]
    assert [f"{s.end:%H:%M}" for s in day.slots] == ["09:30", "09:45", "10:00"]


def test_spring_forward_skips_the_missing_hour():
    sunday = date(2027, 3, 28)  # 02:00 CET -> 03:00 CEST
    night = opening(weekday=6, start=time(1, 30), end=time(3, 30), step=30)
    day = preview_day([night], NO_HOLIDAYS, sunday)
    assert starts(day) == ["01:30", "03:00"]
    assert [s.start.utcoffset() for s in day.slots] == [timedelta(hours=1), timedelta(hours=2)]


def test_fall_back_keeps_the_first_occurrence_of_the_repeated_hour():
    sunday = date(2027, 10, 31)  # 03:00 CEST -> 02:00 CET
    night = opening(weekday=6, start=time(1, 30), end=time(3, 30), step=30)
    day = preview_day([night], NO_HOLIDAYS, sunday)
    assert starts(day) == ["01:30", "02:00", "02:30", "03:00"]
    assert day.slots[1].start.utcoffset() == timedelta(hours=2)  # CEST: the first 02:00
    assert day.slots[-1].start.utcoffset() == timedelta(hours=1)


def test_overlapping_openings_give_each_start_once():
    morning = opening()
    overlap = opening(start=time(11), end=time(13))
    day = preview_day([morning, overlap], NO_HOLIDAYS, MONDAY)
    assert starts(day) == [f"{h:02d}:{m:02d}" for h in range(9, 13) for m in (0, 15, 30, 45)]
    assert day.slots[0].opening_index == 0 and day.slots[-1].opening_index == 1


def test_an_opening_of_another_weekday_says_nothing():
    day = preview_day([opening(weekday=2)], NO_HOLIDAYS, MONDAY)
    assert (day.slots, day.closed, day.notes) == ((), None, ())
    assert span(opening()) == "09:00–12:00"


@pytest.mark.parametrize("weeks", [0, -1, 27, True])
def test_the_number_of_weeks_is_bounded(weeks):
    with pytest.raises(InvalidInput, match="L'aperçu couvre de 1 à 26 semaines"):
        preview_openings([opening()], NO_HOLIDAYS, MONDAY, weeks)


def test_an_opening_being_typed_with_impossible_hours_gives_no_slot_and_says_so():
    backwards = opening(start=time(12), end=time(9))
    no_step = opening(step=0)
    day = preview_day([backwards, no_step], NO_HOLIDAYS, MONDAY)
    assert day.slots == ()
    assert day.notes == (
        "12:00–09:00 : horaires ou pas invalides, aucun créneau",
        "09:00–12:00 : horaires ou pas invalides, aucun créneau",
    )
