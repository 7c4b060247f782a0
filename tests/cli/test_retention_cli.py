"""``creneau purge [--dry-run]``: French counts, the audit trail still verifies afterwards."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.cli import main
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from tests.conftest import TEST_NOW
from tests.fakes import small_hospital


@pytest.fixture
def url(sqlite_url):
    """A small hospital whose structure was imported (and audited) three years ago."""
    small_hospital(sqlite_url, TEST_NOW - timedelta(days=3 * 365)).db.dispose()
    return sqlite_url


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def audit_count(url: str) -> int:
    services = Services.open(url, FixedClock(TEST_NOW))
    try:
        return services.audit.verify().checked
    finally:
        services.db.dispose()


def test_dry_run_changes_nothing_then_purge_removes_and_verifies(capsys, url):
    before = audit_count(url)
    now = TEST_NOW.isoformat()
    code, out, err = run(capsys, "--db", url, "--now", now, "purge", "--dry-run")
    assert code == 0, err
    assert "journal d'audit 12 mois, rendez-vous 20 ans" in out
    assert f"seraient supprimés : {before - 1}." in out  # the chain's last record stays
    assert audit_count(url) == before

    code, out, err = run(capsys, "--db", url, "--now", now, "purge")
    assert code == 0, err
    assert f"supprimés : {before - 1}." in out and "Rendez-vous terminés avant le" in out
    code, out, err = run(capsys, "--db", url, "audit", "verify")
    assert code == 0, err
    assert "Journal d'audit intègre" in out
    assert audit_count(url) == 2  # the last old record, then the purge's own


def test_help_is_french(capsys):
    with pytest.raises(SystemExit):
        main(["purge", "--help"])
    assert "sans rien changer" in capsys.readouterr().out
