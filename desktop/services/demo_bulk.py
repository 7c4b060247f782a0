"""Row generators of the *hospital* bulk load: patients, phones and the appointment grid.

Every generator is lazy (``executemany`` pulls rows one by one) and draws from its own
``random.Random`` stream derived from the seed, so each table is deterministic on its own.
Text formats are the ORM's: ``utc_text`` instants, ISO dates, and ``search_key`` keys computed
once per distinct name ("family given" is the two keys joined by a space, which is what
``search_key`` gives for the joined names).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

from db.base import UTC_TEXT_FORMAT, utc_text
from desktop.domain.errors import InvalidPhone
from desktop.domain.phones import parse_phone
from desktop.domain.scheduling import AgendaCalendar
from desktop.domain.text import search_key
from desktop.services.demo_names import (
    COMPOUND_FAMILY_NAMES,
    EMAIL_DOMAINS,
    FAMILY_NAMES,
    FEMALE_GIVEN,
    MALE_GIVEN,
)
from desktop.services.demo_people import ascii_word
from desktop.services.demo_plan import BENCH_DEPARTMENT_FULL_DAYS, FULL_DAYS, Plan

PATIENT_SQL = (
    "INSERT INTO patient (id, family_name, birth_name, given_names, birth_date, sex, email, nir, "
    "search_key, birth_search_key, given_search_key, created_at, created_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'secretaire')"
)
PHONE_SQL = "INSERT INTO patient_phone (patient_id, e164, kind, position) VALUES (?, ?, ?, ?)"
APPOINTMENT_SQL = (
    "INSERT INTO appointment (practitioner_id, visit_reason_id, patient_id, site_id, start_at, "
    "end_at, status, channel, overbooked, overbooking_reason, notes, cancel_reason, created_by, "
    "created_at, updated_by, updated_at, version) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, '', '', ?, ?, ?, ?, ?, 1)"
)
SAMPLE, FORCED, EMPTY = 0, 1, 2
CHANNELS = ("phone",) * 60 + ("desk",) * 20 + ("online",) * 12 + ("internal",) * 8
AUTHORS = {"phone": "secretaire", "desk": "secretaire", "online": "portail-web"}
PROGRESS_EVERY = 500_000
EARLIEST = date(1900, 1, 1).toordinal()


def _names(names) -> list[tuple[str, str, str]]:
    return [(n, search_key(n), ascii_word(n)) for n in names]


def patient_rows(seed: int, count: int, now: datetime) -> Iterator[tuple]:
    """Patients 1..count: French names, a valid birth date, a NIR for some, e-mail for some."""
    rng = random.Random(seed * 7919 + 1)
    rnd = rng.random
    common, compound = _names(FAMILY_NAMES), _names(COMPOUND_FAMILY_NAMES)
    female, male = _names(FEMALE_GIVEN), _names(MALE_GIVEN)
    today = now.date().toordinal()
    created = [utc_text(now - timedelta(days=d, hours=3)) for d in range(1, 3651)]

    def family():
        pool = compound if rnd() < 0.125 else common
        return pool[int(rnd() * len(pool))]

    for pid in range(1, count + 1):
        female_patient = rnd() < 0.52
        pool = female if female_patient else male
        given, gkey, gascii = pool[int(rnd() * len(pool))]
        age = int(rng.triangular(0, 36_100, 17_500))
        birth = date.fromordinal(max(today - age, EARLIEST)).isoformat()
        name, fkey, fascii = family()
        birth_name, bkey = "", ""
        if female_patient and age > 8400 and rnd() < 0.45:
            birth_name, bkey = name, f"{fkey} {gkey}"
            name, fkey, fascii = family()
        email = ""
        if rnd() < 0.3:
            email = f"{gascii}.{fascii}{int(rnd() * 100)}@{EMAIL_DOMAINS[pid % 4]}"
        nir = None
        if rnd() < 0.4:
            body = f"{2 if female_patient else 1}{birth[2:4]}{birth[5:7]}{int(rnd() * 95) + 1:02d}"
            body += f"{int(rnd() * 989) + 1:03d}{int(rnd() * 998) + 1:03d}"
            nir = f"{body}{97 - int(body) % 97:02d}"
        yield (
            pid, name, birth_name, given, birth, "F" if female_patient else "M", email, nir,
            f"{fkey} {gkey}", bkey, f"{gkey} {fkey}", created[int(rnd() * 3650)],
        )  # fmt: skip


@cache
def phone_prefixes() -> tuple[tuple[tuple[str, str], ...], ...]:
    """(E.164 prefix, kind) groups whose every 6-digit ending ``parse_phone`` accepts:
    French mobiles, French landlines, overseas mobiles, foreign mobiles.
    """
    candidates = (
        [f"+336{n:02d}" for n in range(100)] + [f"+337{n:02d}" for n in range(100)],
        [f"+33{d}{n:02d}" for d in "12345" for n in range(100)],
        ["+262692", "+262693", "+262639", "+590690", "+596696", "+594694"],
        ["+32470", "+32475", "+32478", "+41791", "+41786", "+34612", "+212661"],
    )
    groups = []
    for prefixes in candidates:
        found = []
        for prefix in prefixes:
            kinds = set()
            for ending in ("000000", "123456", "987654", "555555"):
                try:
                    kinds.add(parse_phone(prefix + ending).kind.value)
                except InvalidPhone:
                    kinds.add(None)
            if len(kinds) == 1 and None not in kinds:
                found.append((prefix, kinds.pop()))
        groups.append(tuple(found))
    return tuple(groups)


def phone_rows(seed: int, count: int) -> Iterator[tuple]:
    """Zero to two phones per patient: 70 % French mobiles, landlines, overseas, abroad."""
    rng = random.Random(seed * 7919 + 2)
    rnd = rng.random
    mobiles, landlines, overseas, foreign = phone_prefixes()
    per_patient = (1, 1, 1, 1, 1, 2, 2, 0)
    for pid in range(1, count + 1):
        for position in range(per_patient[int(rnd() * 8)]):
            draw = rnd()
            group = (
                mobiles if draw < 0.7 else landlines if draw < 0.9
                else overseas if draw < 0.95 else foreign
            )  # fmt: skip
            prefix, kind = group[int(rnd() * len(group))]
            yield pid, f"{prefix}{int(rnd() * 1_000_000):06d}", kind, position


def _text(midnight: datetime, minute: int) -> str:
    return (midnight + timedelta(minutes=minute)).strftime(UTC_TEXT_FORMAT)


class Grid:
    """The appointment grid: every opening occurrence of the period cut into cells."""

    def __init__(self, plan: Plan, calendar: AgendaCalendar, today: date, now: datetime) -> None:
        self.plan, self.calendar, self.today = plan, calendar, today
        self.now_text = utc_text(now)
        self.by_weekday = [[o for o in plan.openings if o.weekday == w] for w in range(7)]
        self.absent = {
            (pid, first + timedelta(days=n))
            for pid, first, last, _ in plan.absences
            for n in range((last - first).days + 1)
        }
        self.generated = 0

    def _days(self) -> Iterator[date]:
        day = self.plan.first_day
        while day <= self.plan.last_day:
            yield day
            day += timedelta(days=1)

    def occurrences(self, day: date) -> Iterator[tuple]:
        """(opening, mode) of the openings that run on that date."""
        week_even = day.isocalendar().week % 2 == 0
        closed: dict[int, bool] = {}
        full_end = self.today + timedelta(days=FULL_DAYS)
        bench_end = self.today + timedelta(days=BENCH_DEPARTMENT_FULL_DAYS)
        for o in self.by_weekday[day.weekday()]:
            if day < o.valid_from or (o.valid_to is not None and day > o.valid_to):
                continue
            if o.weeks != "all" and (o.weeks == "even") != week_even:
                continue
            if o.site_id not in closed:
                closed[o.site_id] = self.calendar.closure_reason(o.site_id, day) is not None
            if closed[o.site_id] or (o.practitioner_id, day) in self.absent:
                continue
            mode = SAMPLE
            if o.practitioner_id == self.plan.full_id and day >= self.today:
                mode = FORCED if day < full_end else EMPTY
            elif o.practitioner_id in self.plan.bench_ids and self.today <= day < bench_end:
                mode = FORCED
            yield o, mode

    def capacity(self) -> tuple[int, int]:
        """(cells open to sampling, cells booked whatever happens)."""
        sampled = forced = 0
        for day in self._days():
            for o, mode in self.occurrences(day):
                cells = (o.end - o.start) // o.cell
                if mode == SAMPLE:
                    sampled += cells
                elif mode == FORCED:
                    forced += cells
        return sampled, forced

    def appointment_rows(
        self, rng: random.Random, target: int, patients: int, say: Callable[[str], None]
    ) -> Iterator[tuple]:
        """Exactly ``target`` appointments (or the forced cells, if more), lazily, day by day."""
        cap, forced = self.capacity()
        need = max(0, target - forced)
        rnd, now_text = rng.random, self.now_text
        for day in self._days():
            offset = self.calendar.tz.utcoffset(datetime.combine(day, time(12)))
            midnight = datetime.combine(day, time(0)) - offset
            texts: dict[int, str] = {}

            created_day = utc_text(datetime.combine(day - timedelta(days=14), time(8), UTC))
            created_day = min(created_day, now_text)
            for o, mode in self.occurrences(day):
                if mode == EMPTY:
                    continue
                cells = (o.end - o.start) // o.cell
                choices = o.exact if mode == FORCED else o.eligible
                for i in range(cells):
                    if mode == SAMPLE:
                        take = rnd() * cap < need
                        cap -= 1
                        if not take:
                            continue
                        need -= 1
                    rid, minutes = choices[int(rnd() * len(choices))]
                    begin = o.start + i * o.cell
                    start, end = texts.get(begin), texts.get(begin + minutes)
                    if start is None:
                        start = texts[begin] = _text(midnight, begin)
                    if end is None:
                        end = texts[begin + minutes] = _text(midnight, begin + minutes)
                    status, cancel = self._status(rnd(), start, end, mode)
                    channel = CHANNELS[int(rnd() * 100)]
                    author = AUTHORS.get(channel, "medecin")
                    updated = end if status in ("seen", "no_show") else created_day
                    yield (
                        o.practitioner_id, rid, int(rnd() * patients) + 1, o.site_id, start,
                        end, status, channel, cancel, author, created_day, author, updated,
                    )  # fmt: skip
                    self.generated += 1
                    if self.generated % PROGRESS_EVERY == 0:
                        say(f"  {self.generated:,} rendez-vous".replace(",", " "))

    def _status(self, draw: float, start: str, end: str, mode: int) -> tuple[str, str]:
        if end <= self.now_text:
            if draw < 0.88:
                return "seen", ""
            return ("no_show", "") if draw < 0.94 else ("cancelled", "Annulé par le patient")
        if start <= self.now_text:
            return "arrived", ""
        if draw < 0.04 and mode == SAMPLE:
            return "cancelled", "Annulé par le patient"
        return ("booked" if draw < 0.55 else "confirmed"), ""
