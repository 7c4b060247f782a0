"""``creneau reminders run --outbox DIR`` writes exactly the messages due, each once, with E.164
numbers and French texts; ``creneau reminders list`` shows the queue."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from desktop.cli import main
from desktop.services.patients import PatientInput
from tests.conftest import ROOT, TEST_NOW
from tests.fakes import SECRETARY, small_hospital

PARIS = ZoneInfo("Europe/Paris")
MONDAY = date(2027, 3, 22)
HEALTH = ("Dupont", "Cardiologie", "consultation", "suivi")


@pytest.fixture
def queue(sqlite_url) -> str:
    """Four patients booked on Monday 22 March: three mobiles (France, Réunion, Belgium) and a
    landline; the confirmations are due now (TEST_NOW), the reminders on Sunday at 10:00."""
    services = small_hospital(sqlite_url, TEST_NOW)
    practitioner = next(p.id for p in services.agenda.practitioners() if p.code == "DUPONT")
    reason = next(r.id for r in services.agenda.visit_reasons() if r.code == "CARDIO-1")
    for i, (family, phone) in enumerate(
        (
            ("Bernard", "06 12 34 56 78"),
            ("Payet", "0692 12 34 56"),
            ("Peeters", "+32 470 12 34 56"),
            ("Moreau", "01 49 28 20 02"),
        )
    ):
        patient = services.patients.create(
            SECRETARY, PatientInput(family, "Camille", date(1970, 1, 1), phones=(phone,))
        )
        start = datetime.combine(MONDAY, time(9 + i), tzinfo=PARIS)
        services.booking.book(SECRETARY, practitioner, reason, patient.id, start)
    services.db.dispose()
    return sqlite_url


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def messages(folder) -> dict[str, dict]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in folder.iterdir()}


def test_run_writes_exactly_the_due_messages_each_once(capsys, queue, tmp_path):
    outbox = tmp_path / "sortants"
    code, out, err = run(
        capsys, "--db", queue, "--now", "2027-03-15T10:05", "reminders", "run", "--outbox",
        str(outbox),
    )  # fmt: skip
    assert (code, out, err) == (0, "3 SMS envoyés.\n", "")
    sent = messages(outbox)
    assert sorted(m["to"] for m in sent.values()) == [
        "+262692123456",
        "+32470123456",
        "+33612345678",
    ]
    for name, message in sent.items():
        assert name == f"{message['id']}.json" and "-confirmation-" in name
        assert message["text"].startswith("Rendez-vous confirmé le lundi 22/03 à ")
        assert not any(word.lower() in message["text"].lower() for word in HEALTH)
    again = run(capsys, "--db", queue, "--now", "2027-03-15T10:06", "reminders", "run",
                "--outbox", str(outbox))  # fmt: skip
    assert again == (0, "0 SMS envoyé.\n", "")
    assert messages(outbox) == sent
    early = run(capsys, "--db", queue, "--now", "2027-03-21T09:59", "reminders", "run",
                "--outbox", str(outbox))  # fmt: skip
    assert early[1] == "0 SMS envoyé.\n"
    code, out, _ = run(capsys, "--db", queue, "--now", "2027-03-21T10:00", "reminders", "run",
                       "--outbox", str(outbox))  # fmt: skip
    assert (code, out) == (0, "3 SMS envoyés.\n")
    reminders = [m for n, m in messages(outbox).items() if "-day_before-" in n]
    assert len(reminders) == 3
    assert all(m["text"].startswith("Rappel : rendez-vous le lundi 22/03") for m in reminders)


def test_list_shows_the_queue_with_the_reasons(capsys, queue, tmp_path):
    code, out, _ = run(capsys, "--db", queue, "reminders", "list", "--json", "--status", "failed")
    assert code == 0
    failed = json.loads(out)
    assert [(r["kind"], r["to"]) for r in failed] == [("day_before", ""), ("confirmation", "")]
    assert all("fixe" in r["reply"] for r in failed)
    code, out, _ = run(capsys, "--db", queue, "reminders", "list", "--limit", "3")
    assert code == 0 and len(out.splitlines()) == 3 and "En attente" in out


def test_an_outbox_that_is_a_file_is_refused_in_french(capsys, queue, tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_text("x", encoding="utf-8")
    code, out, err = run(capsys, "--db", queue, "reminders", "run", "--outbox", str(blocker))
    assert (code, out) == (1, "")
    assert err == f"creneau : {blocker} n'est pas un dossier.\n"


def test_run_as_a_scheduled_task_would(queue, tmp_path):
    """The real command in its own process, as a scheduled task runs it."""
    outbox = tmp_path / "sortants"
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", queue, "--now", "2027-03-15T10:05:00+01:00",
         "reminders", "run", "--outbox", str(outbox)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert (done.returncode, done.stdout, done.stderr) == (0, "3 SMS envoyés.\n", "")
    assert len(messages(outbox)) == 3
