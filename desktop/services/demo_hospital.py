"""The *hospital* demonstration set: the benchmark data of QUALITY.md, bulk-loaded into SQLite.

1,000 practitioners in 60 departments (15 specialties on 4 sites), about 2,000 visit reasons,
their weekly openings, 1,000,000 patients and 5,000,000 appointments over **ten years ending
91 days after now** (nine years and nine months of history, three months booked ahead).

How it stays fast (≤ 3 min on 2 cores) and small (≤ 500 MB of memory growth): rows are generated
lazily and handed to the raw ``sqlite3`` connection's ``executemany``; the indexes of the big
tables, and the SQLite overlap-guard triggers, are dropped first and recreated from their own
SQL afterwards (same names as the migrations). **Only during this load**, on the loading
connection (the only one open):
``synchronous = OFF``, ``foreign_keys = OFF`` (the ids are consistent by construction),
``journal_mode = DELETE`` instead of WAL (new pages are written once, not to the WAL and again
at the checkpoint), a 128 MB page cache and sorter threads. The load is one transaction: a crash
leaves the database as it was before it. Afterwards the usual settings come back and the file is
fsynced. Instants are written as the ORM writes them (``utc_text``), dates as ``YYYY-MM-DD``
and wall times as ``HH:MM``; search keys are ``search_key`` of each name, computed once per
distinct name.

Appointments lie on a regular grid inside each opening occurrence (cells of 15 to 45 minutes,
one appointment per cell at most, never longer than its cell), skipping public holidays,
closures and absences: they never overlap and always lie inside openings. Exactly
``appointments`` rows are drawn (selection sampling over the free cells).

Fixed points the benchmark relies on:
- ``FULL_PRACTITIONER`` is booked solid for ``FULL_VISIT_REASON`` during the ``FULL_DAYS`` days
  starting today, and has nothing booked after that;
- ``BENCH_DEPARTMENT`` has ``BENCH_DEPARTMENT_SIZE`` practitioners, all booked solid during
  ``BENCH_DEPARTMENT_FULL_DAYS`` days starting today; all offer ``BENCH_DEPARTMENT_REASON``.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from db.base import utc_text
from db.engine import sqlite_path, writer
from db.repositories import audit
from db.repositories import structure as repo
from desktop.domain.errors import InvalidInput
from desktop.domain.model import Closure
from desktop.domain.scheduling import AgendaCalendar
from desktop.services import demo_bulk
from desktop.services.demo_plan import (
    AHEAD_DAYS,
    BENCH_DEPARTMENT,
    BENCH_DEPARTMENT_FULL_DAYS,
    BENCH_DEPARTMENT_REASON,
    BENCH_DEPARTMENT_SIZE,
    FULL_DAYS,
    FULL_PRACTITIONER,
    FULL_VISIT_REASON,
    TIMEZONE,
    Plan,
    plan_structure,
)
from desktop.services.uow import Database

__all__ = [
    "BENCH_DEPARTMENT",
    "BENCH_DEPARTMENT_FULL_DAYS",
    "BENCH_DEPARTMENT_REASON",
    "BENCH_DEPARTMENT_SIZE",
    "FULL_DAYS",
    "FULL_PRACTITIONER",
    "FULL_VISIT_REASON",
    "HospitalSize",
    "build_hospital",
]

BULK_TABLES = ("patient", "patient_phone", "appointment")
LOAD_CACHE_KIB = 128 * 1024  # page cache during the load only (index sorts use it too)


@dataclass(frozen=True)
class HospitalSize:
    """How big the generated hospital is (the benchmark uses the defaults; tests shrink it)."""

    practitioners: int = 1000
    patients: int = 1_000_000
    appointments: int = 5_000_000
    days: int = 3652  # ten years, ending AHEAD_DAYS after today

    def scaled(self, factor: float) -> HospitalSize:
        """The same hospital shrunk (or grown) by ``factor``; at least 40 practitioners."""
        return HospitalSize(
            practitioners=max(40, round(self.practitioners * factor)),
            patients=max(100, round(self.patients * factor)),
            appointments=max(100, round(self.appointments * factor)),
            days=max(2 * AHEAD_DAYS, round(self.days * min(1.0, factor * 10))),
        )


def build_hospital(
    db: Database,
    *,
    seed: int = 1,
    now: datetime,
    progress: Callable[[str], None] | None = None,
    size: HospitalSize | None = None,
) -> dict[str, int]:
    """Bulk-load the benchmark hospital into an empty SQLite database; returns the counts."""
    if not db.sqlite:
        raise InvalidInput(
            "Le jeu de données « hospital » ne se génère que dans une base SQLite "
            "(le chargement en masse passe par le module sqlite3)."
        )
    with db.read() as s:
        if not repo.is_empty(s):
            raise InvalidInput(
                "La base contient déjà une structure : la démonstration ne se charge que dans "
                "une base vide."
            )
    size = size or HospitalSize()
    say = progress or (lambda _message: None)
    tz = ZoneInfo(TIMEZONE)
    today = now.astimezone(tz).date()
    plan = plan_structure(random.Random(seed), size.practitioners, today, size.days)
    closures = [Closure(i, *c) for i, c in enumerate(plan.closures, start=1)]
    calendar = AgendaCalendar(TIMEZONE, "FR", closures)
    grid = demo_bulk.Grid(plan, calendar, today, now)
    db.engine.dispose()  # the load must be the only connection
    with writer(db.engine).connect() as conn:
        raw = conn.connection.driver_connection
        # A rollback journal instead of the WAL while loading: the new pages are written once
        # (not to the WAL and then again at the checkpoint), and the load stays atomic.
        raw.execute("PRAGMA journal_mode = DELETE")
        raw.execute("PRAGMA synchronous = OFF")
        raw.execute("PRAGMA foreign_keys = OFF")  # the generator's ids are consistent by design
        raw.execute(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}")
        raw.execute(f"PRAGMA threads = {min(4, os.cpu_count() or 1)}")  # index sorts in parallel
        try:
            with conn.begin():
                counts = _load(raw, plan, grid, size, seed, now, say)
                with Session(bind=conn) as s:
                    from desktop.services.demo import DEMO_ACTOR, add_demo_users

                    counts["utilisateurs"] = add_demo_users(s, now)
                    audit.record(
                        s, DEMO_ACTOR, now, "demo.build", "demo", None, None,
                        {"scale": "hospital", "seed": seed, **counts},
                    )  # fmt: skip
                    s.flush()
        finally:
            raw.execute("PRAGMA synchronous = FULL")
            raw.execute("PRAGMA foreign_keys = ON")
            raw.execute("PRAGMA cache_size = -2000")
            raw.execute("PRAGMA threads = 0")
            raw.execute("PRAGMA journal_mode = WAL")
    _fsync(sqlite_path(db.url))
    say("Jeu de données « hospital » prêt.")
    return counts


def _fsync(path: Path | None) -> None:
    """Make the load durable: it was written with ``synchronous = OFF``."""
    if path is not None and path.exists():
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _load(raw, plan: Plan, grid, size: HospitalSize, seed: int, now: datetime, say) -> dict:
    say("Structure de l'hôpital…")
    counts = _insert_structure(raw, plan)
    # Indexes and triggers (the overlap guard) of the big tables are set aside during the load
    # and recreated from their own SQL: the grid never overlaps, and the tests check it.
    saved = raw.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
        f"AND sql IS NOT NULL AND tbl_name IN ({', '.join('?' * len(BULK_TABLES))}) "
        "ORDER BY type, name",
        BULK_TABLES,
    ).fetchall()
    for kind, name, _sql in saved:
        raw.execute(f'DROP {kind.upper()} "{name}"')
    say(f"{size.patients:,} patients…".replace(",", " "))
    raw.executemany(demo_bulk.PATIENT_SQL, demo_bulk.patient_rows(seed, size.patients, now))
    counts["patients"] = size.patients
    raw.executemany(demo_bulk.PHONE_SQL, demo_bulk.phone_rows(seed, size.patients))
    counts["téléphones"] = raw.execute("SELECT count(*) FROM patient_phone").fetchone()[0]
    say(f"{size.appointments:,} rendez-vous…".replace(",", " "))
    raw.executemany(
        demo_bulk.APPOINTMENT_SQL,
        grid.appointment_rows(
            random.Random(seed * 7919 + 3), size.appointments, size.patients, say
        ),
    )
    counts["rendez-vous"] = grid.generated
    say("Reconstruction des index…")
    for _kind, _name, sql in saved:
        raw.execute(sql)
    return counts


def _insert_structure(raw, plan: Plan) -> dict[str, int]:
    raw.execute(
        "INSERT INTO hospital (id, name, timezone, country_holidays, booking_url, phone) "
        "VALUES (1, ?, ?, 'FR', ?, ?)",
        ("Hospices civils de Lyon-Confluence (démonstration)", TIMEZONE,
         "https://hcl-confluence.example/rendez-vous", "+33472111111"),
    )  # fmt: skip
    raw.executemany("INSERT INTO site (id, code, name, address) VALUES (?, ?, ?, ?)", plan.sites)
    raw.executemany(
        "INSERT INTO department (id, code, name, site_id) VALUES (?, ?, ?, ?)", plan.departments
    )
    raw.executemany(
        "INSERT INTO practitioner (id, code, name, department_id, rpps, active) "
        "VALUES (?, ?, ?, ?, ?, 1)",
        plan.practitioners,
    )
    raw.executemany(
        "INSERT INTO visit_reason (id, code, department_id, label, duration_min, online, "
        "new_patients, min_notice_hours, color, instructions, active) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
        plan.reasons,
    )
    raw.executemany(
        "INSERT INTO opening (id, practitioner_id, site_id, weekday, start_time, end_time, "
        "step_min, weeks, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [o.row() for o in plan.openings],
    )
    raw.executemany(
        "INSERT INTO opening_visit_reason (opening_id, visit_reason_id) VALUES (?, ?)",
        [(o.id, rid) for o in plan.openings for rid in o.reason_ids],
    )
    tz = ZoneInfo(TIMEZONE)

    def midnight(day) -> str:
        return utc_text(datetime.combine(day, datetime.min.time(), tz))

    raw.executemany(
        "INSERT INTO absence (practitioner_id, start_at, end_at, reason) VALUES (?, ?, ?, ?)",
        [
            (pid, midnight(first), midnight(last + timedelta(days=1)), reason)
            for pid, first, last, reason in plan.absences
        ],
    )
    raw.executemany(
        "INSERT INTO closure (site_id, date_from, date_to, reason) VALUES (?, ?, ?, ?)",
        [(site, str(a), str(b), reason) for site, a, b, reason in plan.closures],
    )
    return {
        "sites": len(plan.sites),
        "services": len(plan.departments),
        "motifs": len(plan.reasons),
        "praticiens": len(plan.practitioners),
        "plages": len(plan.openings),
        "absences": len(plan.absences),
        "fermetures": len(plan.closures),
    }
