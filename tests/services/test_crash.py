"""Killing the application at random moments while it books loses no booking it confirmed.

A child process (``python -m tests.services.race_worker crash …``) finds the first free slot and
books it through the real services, again and again, printing each id, flushed, right after
``book()`` returns: that line is "the user was told it was saved". The test kills it with SIGKILL
at random moments, many times, then checks that every printed id is in the database and that
SQLite finds the file intact.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date

import pytest

from db.engine import sqlite_path
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from desktop.services.patients import PatientInput
from tests.conftest import ROOT, TEST_NOW
from tests.fakes import SECRETARY, small_hospital

pytestmark = pytest.mark.slow

KILLS = 20
READY_TIMEOUT_S = 30


def _start(url: str, reason: int, patient: int, practitioners: list[int]) -> subprocess.Popen:
    command = [sys.executable, "-m", "tests.services.race_worker", "crash", url]
    command += [TEST_NOW.isoformat(), str(reason), str(patient), *map(str, practitioners)]
    return subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _confirmed(stdout: str) -> list[int]:
    """The ids on complete lines (a line cut by the kill confirms nothing)."""
    lines = stdout.split("\n")[:-1]
    return [int(line) for line in lines if line.isdigit()]


def test_killed_while_booking_loses_nothing_it_confirmed(sqlite_url):
    services = small_hospital(sqlite_url, TEST_NOW)
    patient = services.patients.create(SECRETARY, PatientInput("Crash", "Test", date(1975, 6, 1)))
    practitioners = [p.id for p in services.agenda.practitioners()]
    reason = next(r.id for r in services.agenda.visit_reasons() if r.code == "CARDIO-SUIVI")
    services.db.dispose()

    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    confirmed: list[int] = []
    for kill in range(KILLS):
        child = _start(sqlite_url, reason, patient.id, practitioners)
        try:
            if kill % 5 == 4:
                # Now and then while it starts: imports, opening, the migration check.
                time.sleep(rng.uniform(0.0, 1.0))
            else:
                assert child.stdout.readline() == "ready\n", child.stderr.read()
                time.sleep(rng.uniform(0.0, 0.6))  # somewhere in the booking loop
            child.send_signal(signal.SIGKILL)
            stdout, stderr = child.communicate(timeout=READY_TIMEOUT_S)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        assert child.returncode == -signal.SIGKILL, f"seed {seed}: it stopped by itself: {stderr}"
        confirmed += _confirmed(stdout)

    assert len(confirmed) >= KILLS // 2, f"seed {seed}: too few bookings to mean anything"
    assert len(confirmed) == len(set(confirmed))

    path = sqlite_path(sqlite_url)
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = {row[0] for row in connection.execute("SELECT id FROM appointment")}
        missing = sorted(set(confirmed) - stored)
        assert missing == [], f"seed {seed}: confirmed then lost: {missing}"
        # Each stored booking came with its audit record, in the same transaction.
        audited = dict(
            connection.execute(
                "SELECT object_id, count(*) FROM audit WHERE action = 'appointment.book' "
                "GROUP BY object_id"
            ).fetchall()
        )
        assert audited == dict.fromkeys(stored, 1)
        overlaps = connection.execute(
            "SELECT count(*) FROM appointment a JOIN appointment b "
            "ON a.practitioner_id = b.practitioner_id AND a.id < b.id "
            "AND a.start_at < b.end_at AND b.start_at < a.end_at"
        ).fetchone()
        assert overlaps == (0,)
    finally:
        connection.close()

    # The application opens the file again and books on.
    reopened = Services.open(sqlite_url, FixedClock(TEST_NOW))
    try:
        slot = reopened.agenda.first_free_slot(
            reason, date(2027, 3, 15), date(2028, 3, 1), practitioners
        )
        booked = reopened.booking.book(
            SECRETARY, slot.practitioner_id, reason, patient.id, slot.start
        )
        assert booked.id not in stored
    finally:
        reopened.db.dispose()
