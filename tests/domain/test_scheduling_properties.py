"""Property tests of the slot engine against a brute-force oracle.

The oracle knows nothing of the engine's shortcuts: it converts every UTC instant of a 5-minute grid
around the day to local wall time (the one direction that is never ambiguous), and reads local
times back from that table. It then walks each opening's wall-clock candidates one by one and
applies the agenda rules of PRODUCT.md literally. Openings, steps and zone offsets are all on the
5-minute grid, so the table holds every instant the engine can produce.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.errors import NonExistentLocalTime
from desktop.domain.model import Closure, Opening, PractitionerAgenda, Slot, VisitReason, Weeks
from desktop.domain.scheduling import (
    AFTERNOON,
    MORNING,
    AgendaCalendar,
    BusyIndex,
    TimeWindow,
    first_free_slot,
    free_slots,
)

FIVE = timedelta(minutes=5)
ZONES = (
    "Europe/Paris",
    "America/New_York",
    "Australia/Lord_Howe",  # a 30-minute DST shift
    "America/Santiago",  # springs forward at midnight
    "Asia/Kolkata",  # +05:30, no DST
)
FIRST_DAY, LAST_DAY = date(2026, 1, 1), date(2028, 12, 31)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def change_days(zone: str) -> tuple[date, ...]:
    """Dates on or next to a UTC-offset change of the zone, 2026-2028."""
    tz = ZoneInfo(zone)
    out: list[date] = []
    day = FIRST_DAY
    previous = datetime.combine(day, time(12), tzinfo=tz).utcoffset()
    while day < LAST_DAY:
        day += timedelta(days=1)
        offset = datetime.combine(day, time(12), tzinfo=tz).utcoffset()
        if offset != previous:
            out += [day - timedelta(days=1), day]
        previous = offset
    return tuple(out) or (date(2027, 3, 28),)


@cache
def changes(zone: str) -> tuple[datetime, ...]:
    """Local wall times where a change begins: the first skipped, or the first repeated, one."""
    tz = ZoneInfo(zone)
    out: list[datetime] = []
    for day in change_days(zone):
        instant = datetime.combine(day, time(0), tzinfo=UTC)
        for _ in range(24 * 12):
            before = (instant - FIVE).astimezone(tz).utcoffset()
            after = instant.astimezone(tz).utcoffset()
            if before != after:
                wall = (instant + min(before, after)).replace(tzinfo=None)
                if wall not in out:
                    out.append(wall)
            instant += FIVE
    return tuple(out)


def test_change_days_are_found() -> None:
    assert date(2027, 3, 28) in change_days("Europe/Paris")
    assert date(2027, 10, 31) in change_days("Europe/Paris")
    assert change_days("Asia/Kolkata") == (date(2027, 3, 28),)  # no change: a plain date
    assert datetime(2027, 3, 28, 2) in changes("Europe/Paris")  # 02:00 is the first skipped
    assert datetime(2027, 10, 31, 2) in changes("Europe/Paris")  # 02:00 is the first repeated
    assert datetime(2027, 9, 5, 0) in changes("America/Santiago")  # midnight is skipped
    assert datetime(2027, 10, 3, 2) in changes("Australia/Lord_Howe")  # 02:00-02:30 skipped


# -- The oracle ---------------------------------------------------------------------------------


@cache
def wall_table(day: date, zone: str) -> tuple[dict[datetime, datetime], list[tuple]]:
    """Local wall time -> first UTC instant showing it, and the (instant, wall) grid, in order."""
    tz = ZoneInfo(zone)
    base = datetime.combine(day, time(0), tzinfo=UTC) - timedelta(hours=16)
    grid = []
    first: dict[datetime, datetime] = {}
    for i in range(56 * 12):  # 16 h before the UTC day to 16 h after it
        instant = base + i * FIVE
        wall = instant.astimezone(tz).replace(tzinfo=None)
        grid.append((instant, wall))
        first.setdefault(wall, instant)
    return first, grid


def oracle_edge(wall: datetime, zone: str) -> datetime:
    """The first instant whose local wall time is ``wall`` or later."""
    _, grid = wall_table(wall.date(), zone)
    return next(instant for instant, shown in grid if shown >= wall)


@cache
def french_holidays() -> holidays.HolidayBase:
    return holidays.country_holidays("FR", language="fr")


def oracle_runs(op: Opening, day: date, country: str | None, closures: Sequence[Closure]) -> bool:
    if day.weekday() != op.weekday or day < op.valid_from:
        return False
    if op.valid_to is not None and day > op.valid_to:
        return False
    week = day.isocalendar()[1]
    if (op.weeks == Weeks.EVEN and week % 2) or (op.weeks == Weeks.ODD and not week % 2):
        return False
    if country and day in french_holidays():
        return False
    return not any(c.site_id == op.site_id and c.date_from <= day <= c.date_to for c in closures)


def oracle_day(
    agenda: PractitionerAgenda,
    reason: VisitReason,
    zone: str,
    country: str | None,
    closures: Sequence[Closure],
    day: date,
    now: datetime,
    window: TimeWindow | None,
) -> list[Slot]:
    first, _ = wall_table(day, zone)
    duration = timedelta(minutes=reason.duration_min)
    earliest = now + timedelta(hours=reason.min_notice_hours or 0)
    found: dict[datetime, Slot] = {}
    for op in agenda.openings:
        if reason.id not in op.visit_reason_ids or not oracle_runs(op, day, country, closures):
            continue
        wall = datetime.combine(day, op.start)
        wall_end = datetime.combine(day, op.end)
        open_end = oracle_edge(wall_end, zone)
        while wall < wall_end:
            start = first.get(wall)
            if start is not None:
                end = start + duration
                in_window = window is None or (
                    window.start <= wall.time() and (window.end is None or wall.time() < window.end)
                )
                free = all(not (b_start < end and start < b_end) for b_start, b_end in agenda.busy)
                if end <= open_end and in_window and start >= earliest and free:
                    found.setdefault(
                        start, Slot(agenda.practitioner_id, reason.id, op.site_id, start, end)
                    )
            wall += timedelta(minutes=op.step_min)
    return [found[k] for k in sorted(found)]


def oracle(scenario: dict) -> list[Slot]:
    out: list[Slot] = []
    day = scenario["start_day"]
    while day <= scenario["end_day"]:
        per_day = []
        for rank, agenda in enumerate(scenario["agendas"]):
            for slot in oracle_day(
                agenda,
                scenario["reason"],
                scenario["zone"],
                scenario["country"],
                scenario["closures"],
                day,
                scenario["now"],
                scenario["window"],
            ):
                per_day.append((slot.start, rank, slot))
        out += [slot for _, _, slot in sorted(per_day, key=lambda item: item[:2])]
        day += timedelta(days=1)
    return out


# -- Random agendas ------------------------------------------------------------------------------


def on_grid(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


# Strategies are built once: building them inside each draw costs more than the test itself.
SITE = st.sampled_from([1, 2])
STEP = st.integers(1, 12).map(lambda n: n * 5)
REASONS = st.sampled_from([frozenset({1}), frozenset({1, 2}), frozenset({2})])
WEEKS = st.sampled_from(list(Weeks))
FIVES_OF_DAY = st.integers(0, 287)  # 00:00 ... 23:55 in 5-minute units
# Half the openings start in the small hours, where the DST changes happen.
OPENING_START = st.one_of(FIVES_OF_DAY, st.integers(0, 48))
OPENING_SPAN = st.sampled_from([12, 36, 287])
VALID_FROM = st.one_of(st.none(), st.integers(-10, 4))  # None: 2000-01-01; else days from anchor
VALID_FOR = st.one_of(st.none(), st.integers(0, 14))  # None: no end; else valid_to - valid_from
BUSY = st.lists(st.tuples(st.integers(-3 * 1440, 4 * 1440), st.integers(1, 300)), max_size=8)
CLOSURES = st.lists(st.tuples(SITE, st.integers(-4, 2), st.integers(0, 3)), max_size=2)
WINDOW_KIND = st.sampled_from(["none", "morning", "afternoon", "custom"])
WINDOW_END = st.one_of(st.none(), st.integers(1, 287))
DURATION = st.integers(1, 150)
NOTICE = st.one_of(st.none(), st.integers(0, 48))
DST_ZONES = tuple(zone for zone in ZONES if zone != "Asia/Kolkata")


@st.composite
def openings(
    draw, anchor: date | datetime, days: Sequence[date], practitioner_id: int, id: int, night: bool
) -> Opening:
    """An opening for ``practitioner_id``; with ``night``, ``anchor`` is a change's wall time."""
    if night:  # a plain weekly opening around the change of that day (``anchor`` is its wall)
        center = (anchor.hour * 60 + anchor.minute) // 5
        start = max(0, center - draw(st.integers(0, 36)))
        end = min(287, max(start + 1, center + draw(st.integers(-12, 36))))
        return Opening(
            id=id,
            practitioner_id=practitioner_id,
            site_id=draw(SITE),
            weekday=anchor.weekday(),
            start=on_grid(start * 5),
            end=on_grid(end * 5),
            step_min=draw(STEP),
            visit_reason_ids=frozenset({1}),
        )
    pick = draw(st.integers(0, 13))  # half a day of the range, half any weekday
    weekday = days[pick % len(days)].weekday() if pick < 7 else pick - 7
    start = draw(OPENING_START)
    end = min(287, start + 1 + draw(FIVES_OF_DAY) % draw(OPENING_SPAN))  # start = 287: empty
    offset = draw(VALID_FROM)
    valid_from = date(2000, 1, 1) if offset is None else anchor + timedelta(days=offset)
    valid_for = draw(VALID_FOR)
    return Opening(
        id=id,
        practitioner_id=practitioner_id,
        site_id=draw(SITE),
        weekday=weekday,
        start=on_grid(start * 5),
        end=on_grid(end * 5),
        step_min=draw(STEP),
        visit_reason_ids=draw(REASONS),
        weeks=draw(WEEKS),
        valid_from=valid_from,
        valid_to=None if valid_for is None else valid_from + timedelta(days=valid_for),
    )


@st.composite
def windows(draw) -> TimeWindow | None:
    kind = draw(WINDOW_KIND)
    if kind != "custom":
        return {"none": None, "morning": MORNING, "afternoon": AFTERNOON}[kind]
    start = draw(st.integers(0, 286))
    end = draw(WINDOW_END)
    return TimeWindow(on_grid(start * 5), None if end is None else on_grid(max(end, start + 1) * 5))


@st.composite
def scenarios(draw, night: bool = False) -> dict:
    """A random agenda; ``night``: one of the DST change days, with openings in the small hours."""
    change = None
    if night:
        zone = draw(st.sampled_from(DST_ZONES))
        change = draw(st.sampled_from(changes(zone)))
        anchor = change.date()
    else:
        zone = draw(st.sampled_from(ZONES))
        anchor = draw(st.one_of(st.sampled_from(change_days(zone)), st.dates(FIRST_DAY, LAST_DAY)))
    start_day = anchor - timedelta(days=draw(st.integers(0, 2)))
    end_day = anchor + timedelta(days=draw(st.integers(0, 2)))
    days = [start_day + timedelta(days=i) for i in range((end_day - start_day).days + 1)]
    midnight = datetime.combine(anchor, time(0), tzinfo=UTC)
    agendas = []
    for practitioner_id in range(1, draw(st.integers(1, 2)) + 1):
        count = draw(st.integers(1, 3))
        busy = tuple(
            (midnight + timedelta(minutes=at), midnight + timedelta(minutes=at + length))
            for at, length in draw(BUSY)
        )
        agendas.append(
            PractitionerAgenda(
                practitioner_id,
                tuple(
                    draw(openings(change or anchor, days, practitioner_id, i, night))
                    for i in range(count)
                ),
                busy,
            )
        )
    if night:  # keep the night itself in view: open days, nothing in the past
        closures = []
        now = datetime.combine(start_day, time(0), tzinfo=UTC) - timedelta(days=1)
        country = None
        window = None
    else:
        closures = [
            Closure(i, site, anchor + timedelta(days=first), anchor + timedelta(days=first + span))
            for i, (site, first, span) in enumerate(draw(CLOSURES))
        ]
        # ``now`` anywhere from four days before the anchor to four days after it.
        now = midnight + timedelta(seconds=draw(st.integers(-4 * 86400, 4 * 86400)))
        country = draw(st.sampled_from([None, "FR"]))
        window = draw(windows())
    return {
        "zone": zone,
        "country": country,
        "closures": closures,
        "agendas": agendas,
        "reason": VisitReason(
            1, "R1", 1, "Consultation", duration_min=draw(DURATION), min_notice_hours=draw(NOTICE)
        ),
        "start_day": start_day,
        "end_day": end_day,
        "now": now,
        "window": window,
    }


def engine(scenario: dict) -> list[Slot]:
    calendar = AgendaCalendar(scenario["zone"], scenario["country"], scenario["closures"])
    return list(
        free_slots(
            scenario["agendas"],
            scenario["reason"],
            calendar,
            scenario["start_day"],
            scenario["end_day"],
            scenario["now"],
            scenario["window"],
        )
    )


# -- The properties ------------------------------------------------------------------------------


@SETTINGS
@given(st.one_of(scenarios(), scenarios(night=True)))
def test_every_free_slot_keeps_the_rules(scenario: dict) -> None:
    zone, reason = scenario["zone"], scenario["reason"]
    tz = ZoneInfo(zone)
    duration = timedelta(minutes=reason.duration_min)
    earliest = scenario["now"] + timedelta(hours=reason.min_notice_hours or 0)
    by_id = {a.practitioner_id: a for a in scenario["agendas"]}
    for slot in engine(scenario):
        agenda = by_id[slot.practitioner_id]
        assert slot.start.tzinfo is UTC and slot.end - slot.start == duration
        # (a) it overlaps no busy interval of its practitioner
        assert all(not (b < slot.end and slot.start < e) for b, e in agenda.busy)
        # (c) it is neither in the past nor closer than the minimum notice
        assert slot.start >= earliest
        # (d) its start is an existing local time, and that time's first occurrence
        wall = slot.start.astimezone(tz).replace(tzinfo=None)
        first, _ = wall_table(wall.date(), zone)
        assert first[wall] == slot.start
        # (b) it lies on the step grid of an opening of its site that applies that day
        day = wall.date()
        holders = [
            op
            for op in agenda.openings
            if reason.id in op.visit_reason_ids
            and op.site_id == slot.site_id
            and oracle_runs(op, day, scenario["country"], scenario["closures"])
            and datetime.combine(day, op.start) <= wall < datetime.combine(day, op.end)
            and (wall - datetime.combine(day, op.start)) % timedelta(minutes=op.step_min)
            == timedelta(0)
            and slot.end <= oracle_edge(datetime.combine(day, op.end), zone)
        ]
        assert holders, slot
        window = scenario["window"]
        assert window is None or window.contains(wall.time())


@SETTINGS
@given(st.one_of(scenarios(), scenarios(night=True)))
def test_engine_equals_the_brute_force_oracle(scenario: dict) -> None:
    """(e) Completeness and order: exactly the oracle's slots, by start then practitioner."""
    found = engine(scenario)
    assert found == oracle(scenario)
    ranks = {a.practitioner_id: i for i, a in enumerate(scenario["agendas"])}
    keys = [(s.start, ranks[s.practitioner_id]) for s in found]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    calendar = AgendaCalendar(scenario["zone"], scenario["country"], scenario["closures"])
    assert first_free_slot(
        scenario["agendas"],
        scenario["reason"],
        calendar,
        scenario["start_day"],
        scenario["end_day"],
        scenario["now"],
        scenario["window"],
    ) == (found[0] if found else None)


@SETTINGS
@given(
    st.sampled_from(ZONES).flatmap(
        lambda zone: st.tuples(
            st.just(zone),
            st.one_of(st.sampled_from(change_days(zone)), st.dates(FIRST_DAY, LAST_DAY)),
            st.integers(0, 24 * 12 - 1),
        )
    )
)
def test_to_utc_is_the_first_occurrence_or_refuses(case: tuple[str, date, int]) -> None:
    zone, day, fives = case
    wall = datetime.combine(day, time(0)) + fives * FIVE
    first, _ = wall_table(day, zone)
    calendar = AgendaCalendar(zone)
    if wall in first:
        assert calendar.to_utc(wall) == first[wall]
    else:
        try:
            calendar.to_utc(wall)
        except NonExistentLocalTime as exc:
            assert wall.strftime("%H:%M") in exc.message
        else:
            raise AssertionError(f"{wall} does not exist in {zone} but was accepted")


@SETTINGS
@given(
    st.lists(st.tuples(st.integers(0, 600), st.integers(0, 120)), max_size=10),
    st.integers(0, 720),
    st.integers(1, 120),
)
def test_busy_index_matches_a_linear_scan(
    raw: list[tuple[int, int]], start_min: int, length: int
) -> None:
    base = datetime(2027, 1, 11, tzinfo=UTC)
    busy = [(base + timedelta(minutes=s), base + timedelta(minutes=s + n)) for s, n in raw]
    start = base + timedelta(minutes=start_min)
    end = start + timedelta(minutes=length)
    overlapping = [e for s, e in busy if s < e and s < end and start < e]  # empty: no time
    blocked_until = BusyIndex(busy).conflict_end(start, end)
    if not overlapping:
        assert blocked_until is None
        return
    assert blocked_until is not None and blocked_until >= max(overlapping)
    # No start before ``blocked_until`` is free: jumping there skips no free slot.
    probe = start
    while probe < blocked_until:
        probe_end = probe + timedelta(minutes=length)
        assert any(s < e and s < probe_end and probe < e for s, e in busy)
        probe += timedelta(minutes=1)
