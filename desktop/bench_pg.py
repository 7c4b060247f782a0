"""P12 of ``creneau bench``: eight workstations booking at once on PostgreSQL.

A scratch database is created on the server named by the URL, migrated and filled with the small
demonstration hospital; eight processes then book free slots through ``BookingService`` (one in
ten slots is given to two processes, so that some bookings race), and eight processes insert the
same number of rows with raw INSERT + COMMIT (far in the future, so the exclusion constraint is
checked as for a real booking but never refused). Throughputs are compared, and the overlap
query must find nothing. The scratch database is dropped afterwards.
"""

from __future__ import annotations

import multiprocessing
import time as clock
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

WORKERS = 8
SHARED_EVERY = 10
OVERLAPS_SQL = (
    "SELECT count(*) FROM (SELECT start_at, max(end_at) OVER (PARTITION BY practitioner_id "
    "ORDER BY start_at, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_end "
    "FROM appointment WHERE status != 'cancelled' AND NOT overbooked) AS t "
    "WHERE start_at < before_end"
)


@dataclass(frozen=True)
class P12Result:
    creneau_per_second: float
    raw_per_second: float
    booked: int
    refused: int
    overlaps: int


def _worker(mode: str, url: str, now: datetime, items: list, barrier, results) -> None:
    """One workstation: waits for the others, then books (or inserts) its items."""
    try:
        from desktop.domain.errors import SlotConflict
        from desktop.domain.model import Actor, Role
        from desktop.services.booking import BookingService
        from desktop.services.clock import FixedClock
        from desktop.services.uow import Database

        db = Database(url, migrate=False)
        booking = BookingService(db, FixedClock(now))
        actor = Actor("bench", Role.SECRETARY, f"poste-{uuid.uuid4().hex[:6]}")
        raw = db.engine.raw_connection() if mode == "raw" else None

        def one(item) -> bool:
            if raw is not None:
                cursor = raw.cursor()
                cursor.execute(
                    "INSERT INTO appointment (practitioner_id, visit_reason_id, patient_id, "
                    "site_id, start_at, end_at, status, channel, overbooked, overbooking_reason, "
                    "notes, cancel_reason, created_by, created_at, updated_by, updated_at, "
                    "version) VALUES (%s, %s, %s, %s, %s, %s, 'booked', 'phone', false, '', '', "
                    "'', 'bench', %s, 'bench', %s, 1)",
                    (*item, now, now),
                )
                raw.commit()
                return True
            practitioner_id, reason_id, patient_id, start = item
            try:
                booking.book(actor, practitioner_id, reason_id, patient_id, start)
                return True
            except SlotConflict:
                return False

        one(items[0])  # a warm workstation: connected, its statements compiled
        barrier.wait()
        started, ok, refused = clock.perf_counter(), 0, 0
        for item in items[1:]:
            if one(item):
                ok += 1
            else:
                refused += 1
        results.put((ok, refused, started, clock.perf_counter(), ""))
        db.dispose()
    except Exception as exc:  # reported to the parent, which prints it
        results.put((0, 0, 0.0, 0.0, f"{type(exc).__name__}: {exc}"))
        barrier.abort()


def _race(mode: str, url: str, now: datetime, shares: list[list]) -> tuple[int, int, float]:
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(len(shares)), context.Queue()
    processes = [
        context.Process(target=_worker, args=(mode, url, now, share, barrier, results))
        for share in shares
    ]
    for p in processes:
        p.start()
    outcomes = [results.get(timeout=600) for _ in processes]
    for p in processes:
        p.join(timeout=60)
    errors = [o[4] for o in outcomes if o[4]]
    if errors:
        raise RuntimeError(errors[0])
    ok = sum(o[0] for o in outcomes)
    refused = sum(o[1] for o in outcomes)
    elapsed = max(o[3] for o in outcomes) - min(o[2] for o in outcomes)
    return ok, refused, elapsed


def run_p12(pg_url: str, now: datetime, per_worker: int) -> P12Result:
    """Create a scratch database, race the bookings and the raw inserts, drop it."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from desktop.services.agenda import AgendaService
    from desktop.services.clock import FixedClock
    from desktop.services.demo import build_demo
    from desktop.services.uow import Database

    base = make_url(pg_url).set(drivername="postgresql+psycopg")
    name = f"creneau_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    url = base.set(database=name).render_as_string(hide_password=False)
    try:
        db = Database(url)
        build_demo(db, seed=1, now=now)
        agenda = AgendaService(db, FixedClock(now))
        slots = []
        for reason in agenda.visit_reasons():
            found = agenda.free_slots(reason.id, now.date() + timedelta(days=4), now.date() + (
                timedelta(days=80)))  # fmt: skip
            slots += _non_overlapping(found)
        with db.read() as s:
            patients = [r[0] for r in s.execute(text("SELECT id FROM patient ORDER BY id"))]
        db.dispose()
        wanted = WORKERS * per_worker
        items = [
            (slot.practitioner_id, slot.visit_reason_id, patients[i % len(patients)], slot.start)
            for i, slot in enumerate(_spread(slots, wanted))
        ]
        shares = [items[w::WORKERS] for w in range(WORKERS)]
        for w, share in enumerate(shares):  # some slots are wanted by two workstations
            share += [
                items[i] for i in range((w + 1) % WORKERS, len(items), WORKERS * SHARED_EVERY)
            ]
        ok, refused, elapsed = _race("creneau", url, now, shares)
        far = timedelta(days=365 * 30)
        raw_items = [
            (p, r, patient, 1, start + far, start + far + timedelta(minutes=15))
            for p, r, patient, start in items
        ]
        raw_ok, _, raw_elapsed = _race("raw", url, now, [raw_items[w::WORKERS] for w in range(8)])
        check = create_engine(base.set(database=name))
        with check.connect() as c:
            overlaps = c.execute(text(OVERLAPS_SQL)).scalar_one()
        check.dispose()
        return P12Result(ok / elapsed, raw_ok / raw_elapsed, ok, refused, overlaps)
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _non_overlapping(slots: list) -> list:
    """Candidate slots that could all be booked together (per practitioner, in start order)."""
    kept, last_end = [], {}
    for slot in slots:
        if slot.start >= last_end.get(slot.practitioner_id, slot.start):
            kept.append(slot)
            last_end[slot.practitioner_id] = slot.end
    return kept


def _spread(slots: list, wanted: int) -> list:
    """``wanted`` slots, never two overlapping for one practitioner across reasons."""
    chosen, taken = [], {}
    for slot in sorted(slots, key=lambda s: (s.start, s.practitioner_id)):
        busy = taken.setdefault(slot.practitioner_id, [])
        if any(slot.start < e and s < slot.end for s, e in busy):
            continue
        busy.append((slot.start, slot.end))
        chosen.append(slot)
        if len(chosen) == wanted:
            break
    return chosen
