"""The floors of ``creneau bench``: each operation written by hand over the stdlib ``sqlite3``.

A floor does the same work as Créneau's code with nothing in between: the same query in raw SQL,
the same slot algorithm (``desktop.domain.scheduling``) fed by raw rows, a raw INSERT + COMMIT
with the same settings, a raw ``executemany`` with the same datetime formatting.
"""

from __future__ import annotations

import sqlite3
import time as clock
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from db.base import utc_text
from desktop.domain.model import Closure, Opening, PractitionerAgenda, VisitReason, Weeks
from desktop.domain.scheduling import AgendaCalendar, first_free_slot

CHUNK_DAYS = 7  # as AgendaService: a week at a time
APPOINTMENT_COLUMNS = (
    "id, practitioner_id, visit_reason_id, patient_id, site_id, start_at, end_at, status, "
    "channel, overbooked, overbooking_reason, notes, cancel_reason, created_by, created_at, "
    "updated_by, updated_at, version"
)


def connect(path: Path) -> sqlite3.Connection:
    """A raw connection set up like Créneau's (WAL, synchronous FULL, foreign keys)."""
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA journal_mode = WAL")
    raw.execute("PRAGMA synchronous = FULL")
    raw.execute("PRAGMA foreign_keys = ON")
    raw.execute("PRAGMA busy_timeout = 30000")
    return raw


def department_day(raw: sqlite3.Connection, ids: list[int], start: str, end: str) -> list:
    """P1 floor: the appointments of a set of practitioners starting in [start, end)."""
    marks = ", ".join("?" * len(ids))
    return raw.execute(
        f"SELECT {APPOINTMENT_COLUMNS} FROM appointment WHERE practitioner_id IN ({marks}) "
        "AND start_at >= ? AND start_at < ? AND status != 'cancelled' "
        "ORDER BY start_at, practitioner_id",
        (*ids, start, end),
    ).fetchall()


def _calendar(raw: sqlite3.Connection) -> AgendaCalendar:
    tz, country = raw.execute("SELECT timezone, country_holidays FROM hospital").fetchone()
    closures = [
        Closure(i, site, date.fromisoformat(a), date.fromisoformat(b), reason)
        for i, site, a, b, reason in raw.execute(
            "SELECT id, site_id, date_from, date_to, reason FROM closure"
        )
    ]
    return AgendaCalendar(tz, country, closures)


def _openings(raw: sqlite3.Connection, ids: list[int]) -> dict[int, list[Opening]]:
    marks = ", ".join("?" * len(ids))
    links: dict[int, set[int]] = {}
    for opening_id, reason_id in raw.execute(
        "SELECT l.opening_id, l.visit_reason_id FROM opening_visit_reason l "
        f"JOIN opening o ON o.id = l.opening_id WHERE o.practitioner_id IN ({marks})",
        ids,
    ):
        links.setdefault(opening_id, set()).add(reason_id)
    result: dict[int, list[Opening]] = {pid: [] for pid in ids}
    for oid, pid, site, weekday, start, end, step, weeks, valid_from, valid_to in raw.execute(
        "SELECT id, practitioner_id, site_id, weekday, start_time, end_time, step_min, weeks, "
        f"valid_from, valid_to FROM opening WHERE practitioner_id IN ({marks}) "
        "ORDER BY weekday, start_time",
        ids,
    ):
        result[pid].append(
            Opening(
                oid, pid, site, weekday, time.fromisoformat(start), time.fromisoformat(end), step,
                frozenset(links.get(oid, ())), Weeks(weeks), date.fromisoformat(valid_from),
                date.fromisoformat(valid_to) if valid_to else None,
            )
        )  # fmt: skip
    return result


def _busy(raw: sqlite3.Connection, ids: list[int], start: str, end: str) -> dict[int, list]:
    marks = ", ".join("?" * len(ids))
    busy: dict[int, list] = {pid: [] for pid in ids}
    # The same lower bound as the repository: no appointment lasts more than 720 minutes.
    low = (datetime.fromisoformat(start) - timedelta(minutes=720)).strftime("%Y-%m-%dT%H:%M:%SZ")
    appointment_extra = " AND status != 'cancelled' AND start_at > ?"
    for table, extra, more in (("appointment", appointment_extra, (low,)), ("absence", "", ())):
        for pid, s, e in raw.execute(
            f"SELECT practitioner_id, start_at, end_at FROM {table} "
            f"WHERE practitioner_id IN ({marks}) AND start_at < ? AND end_at > ?{extra}",
            (*ids, end, start, *more),
        ):
            busy[pid].append((datetime.fromisoformat(s), datetime.fromisoformat(e)))
    return busy


def first_free(
    raw: sqlite3.Connection,
    reason_id: int,
    practitioner_ids: list[int] | None,
    start_day: date,
    end_day: date,
    now: datetime,
):
    """P2/P3 floor: the first free slot, a week at a time, the engine fed by raw rows."""
    calendar = _calendar(raw)
    row = raw.execute(
        "SELECT id, code, department_id, label, duration_min, online, new_patients, "
        "min_notice_hours, color, instructions FROM visit_reason WHERE id = ?",
        (reason_id,),
    ).fetchone()
    reason = VisitReason(*row[:5], bool(row[5]), bool(row[6]), *row[7:])
    if practitioner_ids is None:
        practitioner_ids = [
            pid
            for (pid,) in raw.execute(
                "SELECT id FROM practitioner WHERE active AND department_id = ? ORDER BY name, id",
                (reason.department_id,),
            )
        ]
    openings = _openings(raw, practitioner_ids)
    ids = [p for p in practitioner_ids if any(reason.id in o.visit_reason_ids for o in openings[p])]
    day = start_day
    while day <= end_day and ids:
        last = min(end_day, day + timedelta(days=CHUNK_DAYS - 1))
        lower = utc_text(calendar.local_day_bounds(day)[0])
        upper = utc_text(calendar.local_day_bounds(last)[1])
        busy = _busy(raw, ids, lower, upper)
        agendas = [PractitionerAgenda(p, tuple(openings[p]), tuple(busy[p])) for p in ids]
        slot = first_free_slot(agendas, reason, calendar, day, last, now)
        if slot is not None:
            return slot
        day = last + timedelta(days=1)
    return None


def name_prefix(raw: sqlite3.Connection, key: str, limit: int = 30) -> list:
    """P4 floor: a B-tree range on the search key."""
    return raw.execute(
        "SELECT id, family_name, given_names, birth_date FROM patient "
        "WHERE search_key >= ? AND search_key < ? ORDER BY search_key LIMIT ?",
        (key, key + "\U0010ffff", limit),
    ).fetchall()


def insert_commit(raw: sqlite3.Connection, row: tuple) -> None:
    """P5 floor: one raw INSERT and its COMMIT (synchronous=FULL, WAL)."""
    raw.execute("BEGIN IMMEDIATE")
    raw.execute(
        "INSERT INTO appointment (practitioner_id, visit_reason_id, patient_id, site_id, "
        "start_at, end_at, status, channel, overbooked, overbooking_reason, notes, "
        "cancel_reason, created_by, created_at, updated_by, updated_at, version) "
        "VALUES (?, ?, ?, ?, ?, ?, 'booked', 'phone', 0, '', '', '', 'bench', ?, 'bench', ?, 1)",
        row,
    )
    raw.execute("COMMIT")


def executemany_seconds(path: Path, patients: int, appointments: int, now: datetime) -> float:
    """P6 floor: raw ``executemany`` of plain rows, every instant formatted with ``utc_text``.

    Same database settings as the generator (indexes and overlap triggers recreated after,
    synchronous OFF, one transaction); the rows carry constant names and cycling ids, so only
    the formatting of the datetimes and SQLite's own work are left.
    """
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA synchronous = OFF")
    raw.execute("PRAGMA cache_size = -262144")
    indexes = raw.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
        "AND sql IS NOT NULL AND tbl_name IN ('patient', 'appointment')"
    ).fetchall()
    base = now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    quarter = timedelta(minutes=15)
    started = clock.perf_counter()
    raw.execute("BEGIN")
    for kind, name, _ in indexes:
        raw.execute(f'DROP {kind.upper()} "{name}"')
    raw.executemany(
        "INSERT INTO patient (id, family_name, birth_name, given_names, birth_date, sex, email, "
        "search_key, birth_search_key, given_search_key, created_at, created_by) "
        "VALUES (?, 'Martin', '', 'Marie', '1970-01-01', 'F', '', 'martin marie', '', "
        "'marie martin', ?, 'bench')",
        ((i, utc_text(base - i * quarter)) for i in range(1, patients + 1)),
    )
    raw.executemany(
        "INSERT INTO appointment (practitioner_id, visit_reason_id, patient_id, site_id, "
        "start_at, end_at, status, channel, overbooked, overbooking_reason, notes, "
        "cancel_reason, created_by, created_at, updated_by, updated_at, version) "
        "VALUES (?, ?, ?, 1, ?, ?, 'seen', 'phone', 0, '', '', '', 'bench', ?, 'bench', ?, 1)",
        (_appointment(i, patients, base, quarter) for i in range(appointments)),
    )
    for *_, sql in indexes:
        raw.execute(sql)
    raw.execute("COMMIT")
    elapsed = clock.perf_counter() - started
    raw.close()
    return elapsed


def _appointment(i: int, patients: int, base: datetime, quarter: timedelta) -> tuple:
    start, end = base + i * quarter, base + (i + 1) * quarter
    created = base - i * quarter
    return (
        i % 1000 + 1, i % 2000 + 1, i % patients + 1, utc_text(start), utc_text(end),
        utc_text(created), utc_text(end),
    )  # fmt: skip
