"""Start-up safety with real files: a database used before and now missing, read-only, locked,
truncated or made of random bytes is reported with a French message — never replaced by a
silent new empty database — and the restore puts a backup in its place.

Read-only files: tests often run as root, for whom ``chmod`` blocks nothing. Root gets the
immutable flag (``chattr +i``, which binds root too and which ``os.access`` reports); others
get ``chmod``. The test is skipped only when neither can make the file read-only.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from db.engine import sqlite_path
from desktop.domain.errors import DatabaseProblem, InvalidBackup
from desktop.services import startup
from desktop.services.clock import FixedClock
from desktop.services.startup import check_database, open_checked, recover
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, small_hospital


@contextlib.contextmanager
def read_only(path: Path):
    """Make ``path`` (a file or a folder) really read-only for this process, then restore it."""
    if os.geteuid() == 0:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"chattr +i is not possible here: {done.stderr.decode().strip()}")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)


@pytest.fixture
def used(sqlite_url):
    """A database opened once through the start-up path (so this user knows it), then closed."""
    services = small_hospital(sqlite_url, TEST_NOW)
    services.db.dispose()
    open_checked(sqlite_url, FixedClock(TEST_NOW)).db.dispose()
    assert startup.is_known(sqlite_path(sqlite_url))
    return sqlite_url


def problem_of(url: str, **options) -> DatabaseProblem:
    with pytest.raises(DatabaseProblem) as caught:
        check_database(url, **options)
    return caught.value


def test_a_first_start_creates_the_database_and_remembers_it(sqlite_url):
    path = sqlite_path(sqlite_url)
    assert not path.exists() and not startup.is_known(path)
    services = open_checked(sqlite_url, FixedClock(TEST_NOW))
    assert path.exists() and startup.is_known(path)
    assert services.structure.is_empty()
    services.db.dispose()
    state = json.loads(startup.state_file().read_text(encoding="utf-8"))
    assert state["databases"][str(path.resolve())]["first_opened"] == "2027-03-15T09:00:00Z"


def test_a_known_database_that_disappeared_is_not_recreated(used):
    path = sqlite_path(used)
    path.unlink()
    problem = problem_of(used)
    assert problem.kind == "missing" and problem.path == str(path)
    assert "a disparu" in problem.message and "Restaurez une sauvegarde" in problem.message
    with pytest.raises(DatabaseProblem):
        open_checked(used)
    assert not path.exists()
    # creneau init / demo may create it again, on purpose.
    open_checked(used, may_create=True).db.dispose()
    assert path.exists()


def test_a_journal_left_behind_also_tells_a_database_was_there(sqlite_url):
    path = sqlite_path(sqlite_url)
    path.with_name(path.name + "-wal").write_bytes(b"\0" * 32)
    assert problem_of(sqlite_url).kind == "missing"


def test_a_known_database_emptied_to_zero_bytes_is_refused(used):
    path = sqlite_path(used)
    path.write_bytes(b"")
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    problem = problem_of(used)
    assert problem.kind == "empty" and "fichier vide" in problem.message


def test_random_bytes_are_not_a_database(used):
    path = sqlite_path(used)
    path.write_bytes(os.urandom(8192))
    problem = problem_of(used)
    assert problem.kind == "not_a_database"
    assert "n'est pas une base de données lisible" in problem.message


def test_a_text_file_at_an_unknown_path_is_refused_too(tmp_path):
    text = tmp_path / "notes.sqlite3"
    text.write_text("pas une base")
    assert problem_of(f"sqlite:///{text}").kind == "not_a_database"
    assert text.read_text() == "pas une base"


def test_a_truncated_database_is_refused(used):
    path = sqlite_path(used)
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.truncate(size // 2)
    problem = problem_of(used)
    assert problem.kind == "truncated" and "tronquée" in problem.message


def test_a_database_with_a_damaged_page_fails_its_integrity_check(used):
    path = sqlite_path(used)
    with sqlite3.connect(path) as db:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'practitioner'")
        page = root.fetchone()[0]
    db.close()
    with path.open("r+b") as f:
        f.seek((page - 1) * page_size)
        f.write(b"\xff" * 64)
    problem = problem_of(used)
    assert problem.kind == "corrupted" and "endommagée" in problem.message


def test_another_programs_database_is_left_alone(tmp_path):
    other = tmp_path / "autre.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE recettes (nom TEXT)")
    db.close()
    before = other.read_bytes()
    problem = problem_of(f"sqlite:///{other}")
    assert problem.kind == "foreign" and "n'appartient pas à Créneau" in problem.message
    assert other.read_bytes() == before


def test_a_read_only_database_file_is_refused(used):
    path = sqlite_path(used)
    with read_only(path):
        problem = problem_of(used)
    assert problem.kind == "read_only" and "lecture seule" in problem.message
    check_database(used)  # writable again: fine


def test_a_read_only_folder_is_refused(used):
    path = sqlite_path(used)
    with read_only(path.parent):
        problem = problem_of(used)
    assert problem.kind == "read_only_folder" and str(path.parent) in problem.message


def test_a_database_locked_by_another_program_is_said_locked(used):
    holder = sqlite3.connect(sqlite_path(used), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        problem = problem_of(used, lock_timeout_s=0.2)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert problem.kind == "locked" and "verrouillée par un autre programme" in problem.message
    check_database(used)


def test_postgresql_and_in_memory_urls_are_not_probed():
    check_database("postgresql://nobody@127.0.0.1:1/absent")
    check_database("sqlite://")


def test_a_damaged_state_file_is_ignored(sqlite_url):
    startup.state_file().parent.mkdir(parents=True, exist_ok=True)
    startup.state_file().write_text("{pas du json")
    open_checked(sqlite_url).db.dispose()
    assert startup.is_known(sqlite_path(sqlite_url))


@pytest.fixture
def backup_of(used, tmp_path):
    services = open_checked(used, FixedClock(TEST_NOW))
    archive = services.backup.backup(ADMIN, tmp_path / "veille.zip").path
    services.db.dispose()
    return archive


def test_recover_sets_the_damaged_file_aside_and_restores_in_its_place(used, backup_of):
    path = sqlite_path(used)
    path.write_bytes(os.urandom(4096))
    damaged = path.read_bytes()
    problem = problem_of(used)
    report = recover(problem, backup_of, clock=FixedClock(TEST_NOW + timedelta(days=1)))
    assert report.manifest.row_counts["practitioner"] == 2
    aside = path.with_name(f"{path.name}.endommagee-20270316-090000")
    assert aside.read_bytes() == damaged
    check_database(used)
    services = open_checked(used)
    assert [p.code for p in services.agenda.practitioners()] == ["DUPONT", "MARTIN"]
    services.db.dispose()


def test_recover_restores_a_missing_database(used, backup_of):
    sqlite_path(used).unlink()
    recover(problem_of(used), backup_of)
    check_database(used)


def test_a_bad_archive_moves_nothing(used, tmp_path):
    path = sqlite_path(used)
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(200))
    before = path.read_bytes()
    bad = tmp_path / "abimee.zip"
    bad.write_bytes(b"PK\x03\x04 tronque")
    with pytest.raises(InvalidBackup, match="lisible"):
        recover(problem_of(used), bad)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir() if "endommagee" in p.name) == []


def test_a_failed_restore_puts_the_damaged_file_back(used, backup_of, tmp_path):
    path = sqlite_path(used)
    path.write_bytes(os.urandom(4096))
    before = path.read_bytes()
    problem = problem_of(used)
    lying = tmp_path / "menteuse.zip"
    import zipfile

    with zipfile.ZipFile(backup_of) as src, zipfile.ZipFile(lying, "w") as dst:
        for name in src.namelist():
            content = src.read(name)
            if name == "manifest.json":
                meta = json.loads(content)
                meta["row_counts"]["site"] = 5
                content = json.dumps(meta).encode()
            dst.writestr(name, content)
    with pytest.raises(InvalidBackup, match="table « site »"):
        recover(problem, lying)
    assert path.read_bytes() == before


def test_a_locked_database_is_not_replaced(used, backup_of):
    problem = DatabaseProblem("verrouillée", "locked", str(sqlite_path(used)))
    with pytest.raises(InvalidBackup, match="autre programme"):
        recover(problem, backup_of)


def test_the_backup_folder_is_remembered_for_the_restore_screen(used, tmp_path):
    from desktop.domain.backups import check_schedule

    services = open_checked(used)
    services.backup.set_schedule(ADMIN, check_schedule(str(tmp_path / "s"), 24, 3))
    services.db.dispose()
    open_checked(used).db.dispose()
    assert startup.backup_folder(sqlite_path(used)) == str(tmp_path / "s")
