"""``creneau backup``, ``backup-schedule`` and ``restore``, and the start-up refusal of a
database that disappeared — in-process, and once as a real process for the exit code."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from db.engine import sqlite_path
from desktop.cli import main
from tests.conftest import ROOT
from tests.services.test_backup import appointment_ids, table_rows

NOW = "2027-03-15T10:00:00+01:00"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def demo(capsys, sqlite_url):
    """A demonstration hospital made by the command line (a database this user has used)."""
    assert main(["--db", sqlite_url, "--now", NOW, "demo", "--seed", "3"]) == 0
    capsys.readouterr()
    return sqlite_url


def test_backup_then_restore_beside_the_archive(capsys, demo, tmp_path):
    out = tmp_path / "sauvegarde.zip"
    code, text, err = run(capsys, "--db", demo, "backup", "--out", str(out))
    assert code == 0 and f"Sauvegarde écrite : {out}" in text
    assert "Copie de la base…" in err  # the progress, on stderr
    code, text, _ = run(capsys, "--db", demo, "restore", str(out))
    restored = tmp_path / "sauvegarde-restauree.sqlite3"
    assert code == 0, text
    assert "restaurée dans" in text and "Contrôles conformes" in text
    assert f"creneau --db sqlite:///{restored} gui" in text
    skip = ("audit", "audit_head", "alembic_version")
    assert table_rows(f"sqlite:///{restored}", skip) == table_rows(demo, skip)
    # Never over the first one: a second restore takes a new name.
    assert run(capsys, "--db", demo, "restore", str(out))[0] == 0
    assert (tmp_path / "sauvegarde-restauree-2.sqlite3").exists()


def test_restore_puts_back_a_database_that_disappeared(capsys, demo, tmp_path):
    out = tmp_path / "veille.zip"
    assert run(capsys, "--db", demo, "backup", "--out", str(out))[0] == 0
    before = appointment_ids(demo)
    path = sqlite_path(demo)
    path.unlink()
    code, _, err = run(capsys, "--db", demo, "free-slots", "--visit-reason", "X")
    assert code == 1 and "a disparu" in err and "Restaurez une sauvegarde" in err
    assert not path.exists()  # no silent new empty database
    code, text, _ = run(capsys, "--db", demo, "restore", str(out))
    assert code == 0 and "Pour l'utiliser" not in text
    assert appointment_ids(demo) == before
    assert run(capsys, "--db", demo, "init")[0] == 0


def test_restore_refuses_a_target_holding_data_and_a_tampered_archive(capsys, demo, tmp_path):
    out = tmp_path / "b.zip"
    assert run(capsys, "--db", demo, "backup", "--out", str(out))[0] == 0
    code, text, err = run(capsys, "restore", str(out), "--to", demo)
    assert code == 1 and text == ""
    assert "creneau : La base cible" in err and "contient déjà des données" in err
    tampered = tmp_path / "modifiee.zip"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(tampered, "w") as dst:
        for name in src.namelist():
            content = src.read(name)
            if name != "manifest.json":
                content = content[:5000] + bytes([content[5000] ^ 0xFF]) + content[5001:]
            dst.writestr(name, content)
    target = tmp_path / "cible.sqlite3"
    code, _, err = run(capsys, "restore", str(tampered), "--to", f"sqlite:///{target}")
    assert code == 1 and "somme de contrôle" in err
    assert not target.exists()


def test_scheduled_backups_from_the_command_line(capsys, demo, tmp_path):
    code, _, err = run(capsys, "--db", demo, "backup", "--scheduled")
    assert code == 1 and "ne sont pas réglées" in err
    folder = tmp_path / "auto"
    code, text, _ = run(
        capsys,
        "--db",
        demo,
        "backup-schedule",
        "--folder",
        str(folder),
        "--every",
        "24",
        "--keep",
        "2",
    )
    assert code == 0 and f"toutes les 24 h dans {folder}, 2 conservées" in text
    code, text, _ = run(capsys, "--db", demo, "--now", NOW, "backup", "--scheduled")
    assert code == 0 and "creneau-20270315-090000.zip" in text
    code, text, _ = run(capsys, "--db", demo, "--now", NOW, "backup", "--scheduled")
    assert code == 0 and "Aucune sauvegarde due (prochaine : 16/03/2027 09:00 UTC)" in text
    for day in ("16", "17"):
        now = f"2027-03-{day}T10:00:00+01:00"
        assert run(capsys, "--db", demo, "--now", now, "backup", "--scheduled")[0] == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "creneau-20270316-090000.zip",
        "creneau-20270317-090000.zip",
    ]
    code, text, _ = run(capsys, "--db", demo, "backup-schedule", "--every", "0")
    assert text.strip() == "Sauvegardes programmées : désactivées."
    code, _, err = run(capsys, "--db", demo, "backup-schedule", "--every", "-3")
    assert code == 1 and "Intervalle" in err


def test_a_postgresql_backup_needs_a_target(capsys, tmp_path):
    archive = tmp_path / "pg.zip"
    manifest = {
        "format": "creneau-backup",
        "format_version": 1,
        "engine": "postgresql",
        "method": "jsonl",
        "data_file": "creneau.jsonl",
        "data_sha256": "0" * 64,
        "data_size": 0,
        "alembic_revision": "0001",
        "created_at": "2027-03-15T09:00:00Z",
        "source": "postgresql://x",
        "row_counts": {},
    }
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        zf.writestr("creneau.jsonl", b"")
    code, _, err = run(capsys, "restore", str(archive))
    assert code == 1 and "--to postgresql://" in err


def test_the_real_command_exits_non_zero_on_a_vanished_database(capsys, demo, tmp_path):
    sqlite_path(demo).unlink()
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", demo, "backup", "--out", str(tmp_path / "x.zip")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("creneau : La base de données") and "a disparu" in done.stderr
    assert not Path(sqlite_path(demo)).exists()
