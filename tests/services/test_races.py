"""Workstations racing through the real BookingService, in separate processes, on both engines.

Eight spawned processes each open their own ``Services`` on one database and start every round at
the same instant (a shared barrier). Afterwards the database is checked in SQL: no two active,
non-overbooked appointments of a practitioner overlap; every refusal was a ``SlotConflict`` (or a
``StaleEdit`` for concurrent edits of one appointment), never "database is locked" or another
error; every success a worker was told about is in the database, and nothing else is.
"""

from __future__ import annotations

import multiprocessing
import queue
from collections import Counter
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text

from db.tables import AppointmentRow
from desktop.services.patients import PatientInput
from tests.conftest import TEST_NOW
from tests.fakes import SECRETARY, small_hospital
from tests.services import race_worker

pytestmark = pytest.mark.slow

PARIS = ZoneInfo("Europe/Paris")
WORKERS = 8
# Mondays without a public holiday, in winter and in summer time.
BOOKING_DAYS = [date(2027, 3, 22), date(2027, 4, 5)]
CANCEL_DAYS = [date(2027, 3, 22), date(2027, 4, 5)]
MOVE_DAYS = [date(2027, 4, 12), date(2027, 4, 19)]
EDIT_DAYS = [date(2027, 4, 26), date(2027, 5, 3)]
WEDNESDAY = date(2027, 3, 24)
REPORT_TIMEOUT_S = 300

OVERLAPS = text(
    "SELECT count(*) FROM appointment a JOIN appointment b "
    "ON a.practitioner_id = b.practitioner_id AND a.id < b.id "
    "AND a.start_at < b.end_at AND b.start_at < a.end_at "
    "WHERE a.status <> 'cancelled' AND b.status <> 'cancelled' "
    "AND NOT a.overbooked AND NOT b.overbooked"
)
BOOK_AUDITS = text(
    "SELECT object_id, count(*) FROM audit WHERE action = 'appointment.book' GROUP BY object_id"
)


def at(day: date, hhmm: str) -> str:
    """A local wall time as an ISO instant (what crosses the process boundary)."""
    return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=PARIS).isoformat()


class Race:
    """A small hospital on one database, one patient per worker, and the checks of a race."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.services = small_hospital(url, TEST_NOW)
        practitioners = {p.code: p.id for p in self.services.agenda.practitioners()}
        self.dupont, self.martin = practitioners["DUPONT"], practitioners["MARTIN"]
        reasons = {r.code: r.id for r in self.services.agenda.visit_reasons()}
        self.first, self.followup = reasons["CARDIO-1"], reasons["CARDIO-SUIVI"]  # 30, 15 min
        self.patients = [
            self.services.patients.create(
                SECRETARY, PatientInput(f"Course{i}", "Patient", date(1980, 1, 1 + i))
            ).id
            for i in range(WORKERS)
        ]

    def book(self, day: date, hhmm: str) -> int:
        start = datetime.fromisoformat(at(day, hhmm))
        return self.services.booking.book(
            SECRETARY, self.dupont, self.first, self.patients[0], start
        ).id

    def run(self, plans: list[list[list[tuple]]]) -> list[tuple]:
        """One process per plan (its rounds of operations); every (round, op, outcome, login)."""
        self.services.db.dispose()  # the parent holds no connection while the workers race
        context = multiprocessing.get_context("spawn")
        barrier = context.Barrier(len(plans))
        results = context.Queue()
        # Refused by the rules (no opening on Wednesday night): books nothing.
        warmup = ("book", self.dupont, self.first, self.patients[0], at(WEDNESDAY, "03:00"))
        processes = [
            context.Process(
                target=race_worker.play,
                args=(self.url, TEST_NOW.isoformat(), f"poste{i}", warmup, plan, barrier, results),
            )
            for i, plan in enumerate(plans)
        ]
        for process in processes:
            process.start()
        reports = []
        try:
            for _ in processes:
                reports.append(results.get(timeout=REPORT_TIMEOUT_S))
        except queue.Empty:
            pytest.fail(f"only {len(reports)} of {len(processes)} workers reported")
        finally:
            for process in processes:
                process.join(timeout=60)
                if process.is_alive():
                    process.kill()
        assert [r["fatal"] for r in reports] == [None] * len(plans)
        assert {r["warmup"][:2] for r in reports} == {("error", "OutsideOpening")}
        assert [p.exitcode for p in processes] == [0] * len(plans)
        return [(n, op, out, r["login"]) for r in reports for n, op, out in r["outcomes"]]

    def rows(self, day: date | None = None) -> list:
        columns = (
            AppointmentRow.id,
            AppointmentRow.practitioner_id,
            AppointmentRow.start_at,
            AppointmentRow.end_at,
            AppointmentRow.status,
            AppointmentRow.overbooked,
            AppointmentRow.version,
        )
        with self.services.db.engine.connect() as c:
            rows = c.execute(select(*columns).order_by(AppointmentRow.id)).all()
        return [r for r in rows if day is None or r.start_at.astimezone(PARIS).date() == day]

    def check(self, outcomes: list[tuple], preexisting: set[int], allowed: set[str]) -> None:
        """The promises every race keeps."""
        errors = [out for _, _, out, _ in outcomes if out[0] == "error"]
        assert [e for e in errors if e[1] not in allowed] == []
        assert not [e for e in errors if "locked" in e[2] or "verrouill" in e[2]]
        booked = [
            out[1] for _, op, out, _ in outcomes if out[0] == "ok" and op[0] in ("book", "rebook")
        ]
        assert len(booked) == len(set(booked)), "an id was reported twice"
        ids = {row.id for row in self.rows()}
        assert set(booked) <= ids, "a booking a worker was told about is missing"
        assert ids == preexisting | set(booked), "a booking nobody was told about exists"
        with self.services.db.engine.connect() as c:
            assert c.execute(OVERLAPS).scalar_one() == 0
            audited = dict(c.execute(BOOK_AUDITS).all())
        assert audited == dict.fromkeys(ids, 1), "one audit record per booking"

    def close(self) -> None:
        self.services.db.dispose()


@pytest.fixture
def race(any_url):
    hospital = Race(any_url)
    yield hospital
    hospital.close()


def test_eight_workstations_book_the_same_slots(race):
    starts = [f"{9 + q // 4:02d}:{q % 4 * 15:02d}" for q in range(13)]  # 09:00 … 12:00
    plans = []
    for worker in range(WORKERS):
        # Even workers try the hours and half hours first, odd ones the quarters (30-minute
        # appointments shifted by 15 minutes overlap); each begins at another place.
        own = starts[worker % 2 :: 2] + starts[1 - worker % 2 :: 2]
        own = own[worker:] + own[:worker]
        operations = [
            ("book", race.dupont, race.first, race.patients[worker], at(day, hhmm))
            for day in BOOKING_DAYS
            for hhmm in own
        ]
        plans.append([operations])
    outcomes = race.run(plans)
    race.check(outcomes, set(), {"SlotConflict"})
    results = Counter(out[0] for _, _, out, _ in outcomes)
    assert results["ok"] > 0 and results["error"] > 0
    # Every worker tried every start, and a refusal only comes from a real conflict: the
    # mornings are full, with 4 to 7 appointments of 30 minutes, none overbooked.
    for day in BOOKING_DAYS:
        assert race.services.agenda.free_slots(race.first, day, day, [race.dupont]) == []
        rows = race.rows(day)
        assert 4 <= len(rows) <= 7
        assert not any(r.overbooked for r in rows)


def _cancel_and_rebook(race: Race, original: int, day: date) -> list[tuple]:
    """Worker 0 cancels; the others book as soon as it is cancelled, on times that overlap."""
    operations = [("cancel", original, 1, "Annulé par le patient")]
    for worker in range(1, WORKERS):
        patient = race.patients[worker]
        if worker % 3 == 0:  # 10:15–10:30
            op = ("rebook", original, race.dupont, race.followup, patient, [at(day, "10:15")])
        else:  # 10:00–10:30 or 10:15–10:45
            starts = [at(day, "10:00"), at(day, "10:15")][:: 1 if worker % 2 else -1]
            op = ("rebook", original, race.dupont, race.first, patient, starts)
        operations.append(op)
    return operations


def _move_versus_book(race: Race, moved: int, day: date) -> list[tuple]:
    """Worker 0 moves an appointment to 11:00; the others book; all hold 11:15–11:30."""
    operations = [("move", moved, 1, at(day, "11:00"), None)]
    for worker in range(1, WORKERS):
        reason, hhmm = [(race.first, "11:00"), (race.followup, "11:15"), (race.first, "11:15")][
            worker % 3
        ]
        operations.append(("book", race.dupont, reason, race.patients[worker], at(day, hhmm)))
    return operations


def _edit_versus_edit(race: Race, edited: int, day: date) -> list[tuple]:
    """Every worker moves the same appointment, read at version 1, to a different free time."""
    targets = [(race.dupont, hhmm) for hhmm in ("09:30", "10:00", "10:30", "11:00")]
    targets += [(race.martin, hhmm) for hhmm in ("09:00", "09:30", "10:00", "10:30")]
    return [("move", edited, 1, at(day, hhmm), pid) for pid, hhmm in targets]


def test_contended_changes_have_one_winner(race):
    """Cancel-and-rebook, move-versus-book, and two users saving one appointment at once."""
    scenarios = []  # (round kind, appointment id, day, one operation per worker)
    for day in CANCEL_DAYS:
        original = race.book(day, "10:00")
        scenarios.append(("cancel", original, day, _cancel_and_rebook(race, original, day)))
    for day in MOVE_DAYS:
        moved = race.book(day, "09:00")
        scenarios.append(("move", moved, day, _move_versus_book(race, moved, day)))
    for day in EDIT_DAYS:
        edited = race.book(day, "09:00")
        scenarios.append(("edit", edited, day, _edit_versus_edit(race, edited, day)))
    plans = [[[ops[worker]] for _, _, _, ops in scenarios] for worker in range(WORKERS)]
    outcomes = race.run(plans)
    race.check(outcomes, {s[1] for s in scenarios}, {"SlotConflict", "StaleEdit"})

    for number, (kind, appointment, day, _) in enumerate(scenarios):
        played = [(op, out, login) for n, op, out, login in outcomes if n == number]
        winners = [(op, login) for op, out, login in played if out[0] == "ok"]
        losses = [out for _, out, _ in played if out[0] == "error"]
        rows = {r.id: r for r in race.rows()}
        row = rows[appointment]
        local = row.start_at.astimezone(PARIS).strftime("%H:%M")
        active = [r.id for r in race.rows(day) if r.status != "cancelled"]
        if kind == "cancel":
            assert [out for op, out, _ in played if op[0] == "cancel"] == [("ok", appointment)]
            rebooked = [out[1] for op, out, _ in played if op[0] == "rebook" and out[0] == "ok"]
            assert len(rebooked) == 1, played
            assert {e[1] for e in losses} <= {"SlotConflict"}
            assert (row.status, row.version) == ("cancelled", 2)
            assert active == rebooked
        elif kind == "move":
            assert len(winners) == 1, played
            assert {e[1] for e in losses} <= {"SlotConflict"}
            ((op, _),) = winners
            if op[0] == "move":
                assert (local, row.version) == ("11:00", 2)
                assert active == [appointment]
            else:
                assert (local, row.version) == ("09:00", 1)
                assert len(active) == 2
        else:
            assert len(winners) == 1, played
            ((op, login),) = winners
            assert {e[1] for e in losses} == {"StaleEdit"}
            assert all(login in e[2] for e in losses), "the refusal names who saved first"
            assert row.version == 2
            assert row.start_at == datetime.fromisoformat(op[3])
            assert row.practitioner_id == op[4]
