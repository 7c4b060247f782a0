"""The request receiver over a real socket on 127.0.0.1, and ``creneau requests import/list/serve``.

The receiver runs in a thread of the test (``make_receiver`` on a free port) or, for ``serve``,
in a ``creneau`` process of its own; requests are sent with ``http.client``.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from desktop.cli import main
from desktop.cli.request_server import make_receiver
from desktop.domain.booking_requests import MAX_BODY_BYTES, RequestStatus
from tests.conftest import ROOT, TEST_NOW
from tests.fakes import SECRETARY, small_hospital
from tests.services.request_helpers import NEXT_MONDAY, at, free_starts, ids, request_body

NINE = at(NEXT_MONDAY, "09:00")
SITE = "https://www.hopital.example"
NOW_ARG = ["--now", TEST_NOW.isoformat()]


@pytest.fixture
def services(sqlite_url):
    services = small_hospital(sqlite_url, TEST_NOW)
    yield services
    services.db.dispose()


@pytest.fixture
def receiver(services):
    server = make_receiver(services, per_hour=4, allowed_origins=[SITE])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def send(url: str, body: bytes, method: str = "POST", **headers) -> tuple[int, dict, dict]:
    """Status, headers and JSON answer of one request."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request(
            method, "/demandes", body=body, headers={"Content-Type": "application/json", **headers}
        )
        response = connection.getresponse()
        raw = response.read()
        answer = json.loads(raw) if raw else {}
        return response.status, dict(response.getheaders()), answer
    finally:
        connection.close()


def test_a_valid_request_is_held_and_answered_in_french(services, receiver):
    status, headers, answer = send(receiver.url, request_body(services, NINE), Origin=SITE)
    assert status == 201
    assert answer["ok"] is True
    assert "L'hôpital vous confirmera le rendez-vous" in answer["message"]
    assert headers["Access-Control-Allow-Origin"] == SITE
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    assert NINE not in free_starts(services)
    assert services.requests.inbox(SECRETARY)[0].request.status is RequestStatus.HELD


def test_the_browser_preflight_is_answered_for_the_hospital_site_only(receiver):
    status, headers, _ = send(receiver.url, b"", "OPTIONS", Origin=SITE)
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == SITE
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert headers["Access-Control-Allow-Headers"] == "Content-Type"
    _, elsewhere, _ = send(receiver.url, b"", "OPTIONS", Origin="https://ailleurs.example")
    assert "Access-Control-Allow-Origin" not in elsewhere


def test_an_invalid_request_gets_its_field_errors_and_is_kept(services, receiver):
    body = request_body(services, NINE, phone="06 12", birth_date="2030-01-01")
    status, _, answer = send(receiver.url, body)
    assert status == 422
    assert answer["ok"] is False
    assert set(answer["errors"]) == {"birth_date", "phone"}
    assert answer["message"].startswith("Demande invalide")
    status, _, answer = send(receiver.url, b"pas du json")
    assert (status, answer["errors"]) == (400, {})
    kept = services.requests.inbox(SECRETARY, [RequestStatus.REJECTED])
    assert "pas du json" in {e.request.raw_body for e in kept}
    assert NINE in free_starts(services)


def test_an_oversized_request_is_refused_without_reading_it_all(services, receiver):
    status, headers, answer = send(receiver.url, b"{" + b" " * (MAX_BODY_BYTES * 3))
    assert status == 413
    assert "trop volumineuse" in answer["message"]
    assert headers.get("Connection") == "close"
    kept = services.requests.inbox(SECRETARY, [RequestStatus.REJECTED])
    assert len(kept) == 1 and len(kept[0].request.raw_body) < 2100


def test_too_many_requests_from_one_address_get_429(services, receiver):
    for n in range(4):
        status, _, _ = send(receiver.url, request_body(services, at(NEXT_MONDAY, f"1{n}:00")))
        assert status in (201, 409)
    status, headers, answer = send(receiver.url, request_body(services, NINE))
    assert status == 429
    assert int(headers["Retry-After"]) > 3500
    assert "Trop de demandes" in answer["message"]
    # Behind the hospital's proxy on this machine, the patient's address is X-Forwarded-For's.
    status, _, _ = send(
        receiver.url, request_body(services, NINE), **{"X-Forwarded-For": "203.0.113.9"}
    )
    assert status == 201


def test_a_slot_taken_meanwhile_is_refused_with_409(services, receiver):
    assert send(receiver.url, request_body(services, NINE))[0] == 201
    status, _, answer = send(receiver.url, request_body(services, NINE, family_name="Roux"))
    assert status == 409
    assert answer["message"] == "Ce créneau n'est plus disponible : choisissez-en un autre."


def test_hold_expiry_over_the_socket(services, receiver):
    assert send(receiver.url, request_body(services, NINE))[0] == 201
    services.clock.instant = TEST_NOW + timedelta(minutes=119)
    assert send(receiver.url, request_body(services, NINE, family_name="Roux"))[0] == 409
    services.clock.instant = TEST_NOW + timedelta(minutes=121)
    status, _, answer = send(receiver.url, request_body(services, NINE, family_name="Roux"))
    assert status == 201 and answer["ok"]
    waiting = services.requests.inbox(SECRETARY)
    assert [e.request.family_name for e in waiting] == ["Roux"]


def test_the_server_releases_expired_holds_on_its_own(services):
    server = make_receiver(services, per_hour=10)
    try:
        assert send_body_directly(services, NINE).held
        services.clock.instant = TEST_NOW + timedelta(hours=3)
        server.start_releasing(every=3600)  # the first round runs at once
    finally:
        server.server_close()  # stops and joins the releasing thread
    assert services.requests.pending_count() == 0
    assert NINE in free_starts(services)


def send_body_directly(services, start):
    return services.requests.receive(request_body(services, start), "127.0.0.1")


def test_other_methods_are_answered_clearly(receiver):
    status, headers, answer = send(receiver.url, b"", "GET")
    assert status == 405 and headers["Allow"] == "POST, OPTIONS"
    assert "POST" in answer["message"]


# --- the commands --------------------------------------------------------------------------------


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_import_moves_each_file_to_done_or_refused_with_its_reason(services, sqlite_url, tmp_path,
                                                                    capsys):  # fmt: skip
    inbox = tmp_path / "demandes"
    inbox.mkdir()
    write(inbox, "a.json", request_body(services, NINE))
    write(inbox, "b.json", request_body(services, NINE, family_name="Roux"))
    write(inbox, "c.json", b'{"slot": 12}')
    write(inbox, "d.json", b"{" + b" " * MAX_BODY_BYTES)
    write(inbox, "notes.txt", b"pas une demande")
    services.db.dispose()
    assert main(["--db", sqlite_url, *NOW_ARG, "requests", "import", str(inbox)]) == 0
    out = capsys.readouterr()
    assert "1 demande(s) enregistrée(s), 3 refusée(s)." in out.out
    assert "b.json : refusée — Ce créneau n'est plus disponible" in out.err
    assert sorted(p.name for p in inbox.iterdir()) == ["notes.txt", "refusés", "traités"]
    assert [p.name for p in (inbox / "traités").iterdir()] == ["a.json"]
    refused = inbox / "refusés"
    assert sorted(p.name for p in refused.iterdir()) == [
        "b.json", "b.json.raison.txt", "c.json", "c.json.raison.txt", "d.json",
        "d.json.raison.txt",
    ]  # fmt: skip
    reason = (refused / "c.json.raison.txt").read_text(encoding="utf-8")
    assert reason.startswith("Demande invalide")
    assert "- Le champ « créneau » doit être un texte." in reason
    assert "trop volumineuse" in (refused / "d.json.raison.txt").read_text(encoding="utf-8")
    # A second file of the same name is not overwritten.
    write(inbox, "c.json", b"[]")
    assert main(["--db", sqlite_url, *NOW_ARG, "requests", "import", str(inbox)]) == 0
    assert (refused / "c-2.json").exists() and (refused / "c-2.json.raison.txt").exists()


def test_import_of_a_missing_folder_is_refused(sqlite_url, tmp_path, capsys):
    assert main(["--db", sqlite_url, "requests", "import", str(tmp_path / "absent")]) == 1
    assert "Dossier introuvable" in capsys.readouterr().err


def test_list_shows_the_waiting_requests(services, sqlite_url, capsys):
    services.requests.receive(request_body(services, NINE), "a")
    services.requests.receive(b"[]", "a")
    services.db.dispose()
    assert main(["--db", sqlite_url, *NOW_ARG, "requests", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    assert "22/03/2027 09:00\tDr Marie Dupont" in lines[0] and "DURAND Léa" in lines[0]
    assert main(["--db", sqlite_url, *NOW_ARG, "requests", "list", "--all"]) == 0
    assert "(illisible)" in capsys.readouterr().out


def test_serve_runs_until_interrupted(services, sqlite_url):
    body = request_body(services, NINE)
    services.db.dispose()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--db", sqlite_url, *NOW_ARG, "requests", "serve",
         "--port", "0", "--allow-origin", SITE],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
    )  # fmt: skip
    try:
        first = process.stdout.readline()
        assert first.startswith("Réception des demandes sur http://127.0.0.1:")
        assert SITE in first
        url = first.split(" sur ")[1].split(" ")[0]
        status, headers, answer = send(url, body, Origin=SITE)
        assert status == 201 and answer["ok"]
        assert headers["Access-Control-Allow-Origin"] == SITE
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "Arrêt de la réception des demandes." in out
    reopened = small_hospital_reopened(sqlite_url)
    assert reopened.requests.pending_count() == 1
    reopened.db.dispose()


def small_hospital_reopened(url: str):
    from desktop.services.clock import FixedClock
    from desktop.services.container import Services

    return Services.open(url, FixedClock(TEST_NOW))


def test_serve_refuses_a_bad_port(sqlite_url, capsys):
    assert main(["--db", sqlite_url, "requests", "serve", "--port", "70000"]) == 1
    assert "Port invalide" in capsys.readouterr().err


def test_the_ids_used_here_name_the_small_hospital(services):
    practitioners, reasons = ids(services)
    assert {"DUPONT", "MARTIN"} <= set(practitioners) and "CARDIO-1" in reasons
