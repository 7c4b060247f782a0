"""P1–P5 of ``creneau bench``: Créneau's repositories and services beside their raw floors."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from db.base import utc_text
from db.repositories import agenda as agenda_repo
from db.repositories import structure as repo
from desktop import bench_floors as floors
from desktop.bench import PREFIXES, Figure, copy_database, profile_text, timed
from desktop.domain.errors import SlotConflict
from desktop.domain.model import Actor, Role
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from desktop.services.demo_hospital import (
    BENCH_DEPARTMENT,
    BENCH_DEPARTMENT_REASON,
    FULL_PRACTITIONER,
    FULL_VISIT_REASON,
)
from desktop.services.structure import calendar_of
from desktop.services.uow import Database

SEARCH_DAYS = 90
ACTOR = Actor("bench", Role.SECRETARY, "poste-bench")


def measure(path: Path, now: datetime, repeat: int, out) -> list[Figure]:
    """P1 to P5 on the data set at ``path`` (P5 on a copy, removed afterwards)."""
    db = Database(f"sqlite:///{path}")
    services = Services.create(db, FixedClock(now))
    raw = floors.connect(path)
    try:
        figures = [
            _p1(db, raw, now, repeat),
            *_p2_p3(services, raw, now, repeat),
            _p4(services, raw, repeat),
        ]
    finally:
        raw.close()
        db.dispose()
    out("  P1–P4 mesurés ; P5 sur une copie de la base…")
    figures.append(_p5(path, now, repeat))
    return figures


def _p1(db: Database, raw, now: datetime, repeat: int) -> Figure:
    with db.read() as s:
        department = repo.department_by_code(s, BENCH_DEPARTMENT)
        ids = [p.id for p in repo.practitioners(s, department.id)]
        calendar = calendar_of(s)
    day = calendar.local(now).date() - timedelta(days=7)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    start, end = calendar.local_day_bounds(day)

    def creneau():
        with db.read() as s:
            return agenda_repo.appointments(s, ids, start, end)

    def floor():
        return floors.department_day(raw, ids, utc_text(start), utc_text(end))

    count = len(creneau())
    assert count == len(floor()), "P1: Créneau and the floor disagree"
    figure = Figure(
        "P1", f"journée d'un service ({len(ids)} praticiens, {count} rdv), données",
        timed(creneau, repeat), timed(floor, repeat), 5.0, 0.002, "≤ 5× ; ≤ 2 ms p95",
        profile=creneau,
    )  # fmt: skip
    figure.judge()
    return figure


def _p2_p3(services: Services, raw, now: datetime, repeat: int) -> list[Figure]:
    with services.db.read() as s:
        full = repo.practitioner_by_code(s, FULL_PRACTITIONER)
        full_reason = repo.visit_reason_by_code(s, FULL_VISIT_REASON)
        bench_reason = repo.visit_reason_by_code(s, BENCH_DEPARTMENT_REASON)
        members = len(repo.practitioners(s, bench_reason.department_id))
        today = calendar_of(s).local(now).date()
    last = today + timedelta(days=SEARCH_DAYS - 1)
    agenda = services.agenda
    figures = []
    for key, reason, ids, label, max_p95, target in (
        ("P2", full_reason, [full.id], "1er créneau libre, 90 j, praticien complet 88 j", 0.005,
         "≤ 5× ; ≤ 5 ms p95"),
        ("P3", bench_reason, None, f"1er créneau libre, 90 j, service de {members} praticiens",
         0.030, "≤ 5× ; ≤ 30 ms p95"),
    ):  # fmt: skip

        def creneau(reason=reason, ids=ids):
            return agenda.first_free_slot(reason.id, today, last, ids)

        def floor(reason=reason, ids=ids):
            return floors.first_free(raw, reason.id, ids, today, last, now)

        found, expected = creneau(), floor()
        assert (found and (found.practitioner_id, found.start)) == (
            expected and (expected.practitioner_id, expected.start)
        ), f"{key}: Créneau and the floor disagree"
        when = f"trouvé le {found.start:%Y-%m-%d}" if found else "aucun"
        figure = Figure(
            key, label, timed(creneau, repeat), timed(floor, repeat), 5.0, max_p95, target,
            f"{when} (même résultat que le plancher)", profile=creneau,
        )  # fmt: skip
        figure.judge()
        figures.append(figure)
    return figures


def _p4(services: Services, raw, repeat: int) -> Figure:
    turn = iter(range(10**9))

    def creneau():
        return services.patients.search(PREFIXES[next(turn) % len(PREFIXES)])

    def floor():
        return floors.name_prefix(raw, PREFIXES[next(turn) % len(PREFIXES)])

    creneau_samples = timed(creneau, repeat)
    turn = iter(range(10**9))
    figure = Figure(
        "P4", "recherche de patient par préfixe (1–4 lettres)", creneau_samples,
        timed(floor, repeat), 5.0, 0.002, "≤ 5× ; ≤ 2 ms p95 (SQL)",
        "préfixes " + ", ".join(PREFIXES) + " ; le temps frappe → affichage (interface) n'est "
        "pas mesuré ici",
        profile=creneau,
    )  # fmt: skip
    figure.judge()
    return figure


def _p5(path: Path, now: datetime, repeat: int) -> Figure:
    copy = path.with_name("bench-p5.sqlite3")
    copy_database(path, copy)
    try:
        db = Database(f"sqlite:///{copy}")
        services = Services.create(db, FixedClock(now))
        with db.read() as s:
            reason = repo.visit_reason_by_code(s, BENCH_DEPARTMENT_REASON)
            today = calendar_of(s).local(now).date()
        slots = services.agenda.free_slots(
            reason.id, today + timedelta(days=30), today + timedelta(days=SEARCH_DAYS)
        )
        queue = iter(slots)
        booked = []

        def creneau():
            for slot in queue:
                try:
                    booked.append(
                        services.booking.book(ACTOR, slot.practitioner_id, reason.id, 1, slot.start)
                    )
                    return
                except SlotConflict:
                    continue
            raise RuntimeError("P5: plus de créneau libre à réserver")

        samples = timed(creneau, repeat)
        db.dispose()
        raw = floors.connect(copy)
        far = timedelta(days=365 * 30)
        rows = iter(
            (a.practitioner_id, a.visit_reason_id, 1, a.site_id, utc_text(a.start + far),
             utc_text(a.end + far), utc_text(now), utc_text(now))
            for a in booked + booked
        )  # fmt: skip

        def floor():
            floors.insert_commit(raw, next(rows))

        floor_samples = timed(floor, min(repeat, len(booked) * 2 - 1))
        raw.close()
        figure = Figure(
            "P5", "réserver un rendez-vous, audit compris, synchronous=FULL", samples,
            floor_samples, 5.0, 0.005, "≤ 5× ; ≤ 5 ms p95", "sur une copie de la base",
        )  # fmt: skip
        if figure.judge() == "MANQUÉ":
            db = Database(f"sqlite:///{copy}")
            services = Services.create(db, FixedClock(now))
            figure.profile = profile_text(creneau, runs=10)
            db.dispose()
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
    return figure
