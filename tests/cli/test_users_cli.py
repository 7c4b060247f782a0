"""``creneau users add``: the first administrator of an empty database, CNIL rule, French errors."""

from __future__ import annotations

import io

import pytest

from desktop.cli import main
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from tests.conftest import TEST_NOW
from tests.fakes import small_hospital

PASSWORD = "Tres-Solide-2027!"


@pytest.fixture
def url(sqlite_url):
    small_hospital(sqlite_url, TEST_NOW).db.dispose()
    return sqlite_url


def run(capsys, monkeypatch, stdin: str, *argv: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_adds_an_admin_who_can_sign_in(capsys, monkeypatch, url):
    code, out, err = run(
        capsys, monkeypatch, PASSWORD + "\n",
        "--db", url, "users", "add", "--login", "chef", "--name", "Dr Chef",
        "--role", "admin", "--password-stdin",
    )  # fmt: skip
    assert code == 0, err
    assert "Compte « chef » créé" in out
    services = Services.open(url, FixedClock(TEST_NOW))
    try:
        assert services.auth.authenticate("chef", PASSWORD).role.value == "admin"
    finally:
        services.db.dispose()


def test_a_weak_password_or_an_unknown_practitioner_is_refused(capsys, monkeypatch, url):
    code, _out, err = run(
        capsys, monkeypatch, "court\n",
        "--db", url, "users", "add", "--login", "x", "--name", "X", "--role", "admin",
        "--password-stdin",
    )  # fmt: skip
    assert code == 1 and "Mot de passe trop faible" in err
    code, _out, err = run(
        capsys, monkeypatch, PASSWORD + "\n",
        "--db", url, "users", "add", "--login", "doc", "--name", "Doc", "--role", "physician",
        "--practitioner", "NOBODY", "--password-stdin",
    )  # fmt: skip
    assert code == 1 and "Praticien inconnu" in err


def test_password_typed_twice_must_match(capsys, monkeypatch, url):
    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    code, _out, err = run(
        capsys, monkeypatch, "",
        "--db", url, "users", "add", "--login", "y", "--name", "Y", "--role", "secretary",
    )  # fmt: skip
    assert code == 1 and "diffèrent" in err
