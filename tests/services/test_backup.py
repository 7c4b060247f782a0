"""Backups while others keep booking, and restores that check everything or keep nothing.

SQLite through its online backup API (a thread books meanwhile: the copy holds every booking
committed before the backup began, none committed after its snapshot), PostgreSQL through
``pg_dump`` and the JSON-lines export, each restored into a fresh database of the same engine.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.backup import snapshot
from db.backup_pg import reflect
from db.engine import make_engine, sqlite_path
from db.migrate import head_revision
from db.tables import AppointmentRow, AuditRow
from desktop.domain.backups import Manifest, check_schedule
from desktop.domain.errors import InvalidBackup, PermissionDenied
from desktop.services.backup import write_archive
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from desktop.services.patients import PatientInput
from desktop.services.restore import read_manifest, restore_archive
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, SECRETARY, small_hospital

WAIT_S = 60


def _patient(services: Services, family: str = "Dupuis", given: str = "Anaïs") -> int:
    data = PatientInput(family, given, date(1980, 5, 17), phones=("06 12 34 56 78",))
    return services.patients.create(SECRETARY, data, allow_duplicate=True).id


def _slots(services: Services, weeks: int = 52):
    reason = next(r.id for r in services.agenda.visit_reasons() if r.code == "CARDIO-SUIVI")
    start = TEST_NOW.date() + timedelta(days=1)
    return reason, services.agenda.free_slots(reason, start, start + timedelta(weeks=weeks))


def table_rows(url: str, skip: tuple[str, ...] = ()) -> dict[str, list[tuple]]:
    """Every row of every table in key order: what two databases share after a restore."""
    engine = make_engine(url)
    try:
        with engine.connect() as c:
            metadata = reflect(c)
            return {
                t.name: c.execute(select(t).order_by(*t.primary_key.columns)).all()
                for t in metadata.sorted_tables
                if t.name not in skip
            }
    finally:
        engine.dispose()


def appointment_ids(url: str) -> set[int]:
    engine = make_engine(url)
    try:
        with engine.connect() as c:
            return set(c.scalars(select(AppointmentRow.id)))
    finally:
        engine.dispose()


def last_audit(services: Services) -> tuple:
    with services.db.read() as s:
        row = s.scalars(select(AuditRow).order_by(AuditRow.id.desc())).first()
        return row.action, row.object_type, row.actor, row.after


def rewrite(archive: Path, out: Path, *, data=None, manifest=None) -> Path:
    """A copy of ``archive`` with its data file and/or manifest changed."""
    with zipfile.ZipFile(archive) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    meta = json.loads(members["manifest.json"])
    if data is not None:
        members[meta["data_file"]] = data(members[meta["data_file"]])
    if manifest is not None:
        members["manifest.json"] = json.dumps(manifest(meta)).encode()
    with zipfile.ZipFile(out, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return out


class Booker(threading.Thread):
    """Books one slot after another through its own services until told to stop."""

    def __init__(self, url: str, reason: int, patient: int, slots) -> None:
        super().__init__(daemon=True)
        self.services = Services.open(url, FixedClock(TEST_NOW))
        self.reason, self.patient, self.slots = reason, patient, slots
        self.committed: list[int] = []
        self.changed = threading.Condition()
        self.halt = threading.Event()
        self.error: Exception | None = None

    def run(self) -> None:
        try:
            for slot in self.slots:
                if self.halt.is_set():
                    break
                booked = self.services.booking.book(
                    SECRETARY, slot.practitioner_id, self.reason, self.patient, slot.start
                )
                with self.changed:
                    self.committed.append(booked.id)
                    self.changed.notify_all()
        except Exception as exc:
            self.error = exc
        finally:
            self.services.db.dispose()
            with self.changed:
                self.changed.notify_all()

    def wait_for(self, count: int) -> None:
        with self.changed:
            assert self.changed.wait_for(
                lambda: len(self.committed) >= count or not self.is_alive(), WAIT_S
            )
        assert len(self.committed) >= count, self.error


def test_a_backup_taken_while_another_thread_books_holds_what_was_committed_before(
    sqlite_url, tmp_path
):
    services = small_hospital(sqlite_url, TEST_NOW)
    reason, slots = _slots(services)
    booker = Booker(sqlite_url, reason, _patient(services), slots)
    booker.start()
    booker.wait_for(10)
    during: list[int] = []

    def progress(percent: int, text: str) -> None:
        # Inside the copy's read transaction: the others must be able to go on committing.
        if text.startswith("Copie") and percent > 0 and not during:
            with booker.changed:
                during.append(len(booker.committed))
            booker.wait_for(during[0] + 3)

    before = set(booker.committed)
    report = services.backup.backup(ADMIN, tmp_path / "pendant.zip", progress=progress)
    booker.halt.set()
    booker.join(WAIT_S)
    assert booker.error is None
    after_snapshot = set(booker.committed[during[0] :])
    assert len(after_snapshot) >= 3

    target = f"sqlite:///{tmp_path / 'restauree.sqlite3'}"
    restore_archive(report.path, target)
    restored = appointment_ids(target)
    assert before <= restored  # every booking committed before the backup began
    assert not restored & after_snapshot  # one snapshot: nothing committed after it began
    assert report.manifest.row_counts["appointment"] == len(restored)
    with sqlite3.connect(sqlite_path(target)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    services.db.dispose()


def test_the_manifest_counts_rows_and_checksums_the_data(sqlite_url, tmp_path):
    services = small_hospital(sqlite_url, TEST_NOW)
    _patient(services)
    report = services.backup.backup(ADMIN, tmp_path / "sauvegarde.zip")
    with zipfile.ZipFile(report.path) as zf:
        assert sorted(zf.namelist()) == ["creneau.sqlite3", "manifest.json"]
        data = zf.read("creneau.sqlite3")
        written = json.loads(zf.read("manifest.json"))
    manifest = report.manifest
    assert written == manifest.to_json()
    assert read_manifest(report.path) == manifest
    assert manifest.data_sha256 == hashlib.sha256(data).hexdigest()
    assert manifest.data_size == len(data)
    assert (manifest.engine, manifest.method) == ("sqlite", "sqlite-backup-api")
    assert manifest.revision == head_revision()
    assert manifest.created_at == TEST_NOW
    assert manifest.source == sqlite_url
    source = table_rows(sqlite_url, skip=("alembic_version",))
    # The backup's own audit record is written after the copy.
    assert manifest.row_counts == {t: len(r) for t, r in source.items()} | {
        "audit": len(source["audit"]) - 1
    }
    assert manifest.row_counts["patient"] == 1
    action, object_type, actor, after = last_audit(services)
    assert (action, object_type, actor) == ("backup", "database", ADMIN.login)
    assert after["sha256"] == manifest.data_sha256
    services.db.dispose()


def test_a_password_never_reaches_the_manifest():
    from db.backup import masked_url

    assert masked_url("postgresql://creneau:s3cret@db.hopital/creneau") == (
        "postgresql://creneau:***@db.hopital/creneau"
    )


def test_a_restore_checks_and_reports(sqlite_url, tmp_path):
    services = small_hospital(sqlite_url, TEST_NOW)
    _patient(services, "Nguyễn", "Thị Mai")
    report = services.backup.backup(ADMIN, tmp_path / "b.zip")
    target = f"sqlite:///{tmp_path / 'nouveau' / 'restauree.sqlite3'}"
    restored = restore_archive(report.path, target, clock=FixedClock(TEST_NOW))
    assert restored.target == target
    assert restored.manifest == report.manifest
    assert restored.revision_after == head_revision() and not restored.migrated
    skip = ("audit", "audit_head", "alembic_version")
    assert table_rows(target, skip) == table_rows(sqlite_url, skip)
    again = Services.open(target, FixedClock(TEST_NOW))
    assert [p.family_name for p in again.patients.search("nguyen")] == ["Nguyễn"]
    action, _type, _actor, after = last_audit(again)
    assert (action, after["archive"]) == ("restore", "b.zip")
    again.db.dispose()
    assert [p.name for p in (tmp_path / "nouveau").iterdir()] == ["restauree.sqlite3"]
    services.db.dispose()


@pytest.fixture
def archive(sqlite_url, tmp_path) -> Path:
    services = small_hospital(sqlite_url, TEST_NOW)
    _patient(services)
    path = services.backup.backup(ADMIN, tmp_path / "bonne.zip").path
    services.db.dispose()
    return path


def _flip(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda a, out: rewrite(a, out, data=_flip), "somme de contrôle"),
        (
            lambda a, out: out.write_bytes(a.read_bytes()[: a.stat().st_size // 2]) and out,
            "pas une archive de sauvegarde lisible",
        ),
        (lambda a, out: out.write_bytes(b"ceci n'est pas une archive") and out, "lisible"),
        (
            lambda a, out: rewrite(
                a, out, manifest=lambda m: m | {"row_counts": m["row_counts"] | {"patient": 7}}
            ),
            "ne correspondent pas au manifeste",
        ),
        (
            lambda a, out: rewrite(a, out, manifest=lambda m: m | {"alembic_revision": "9999"}),
            "version plus récente",
        ),
        (lambda a, out: rewrite(a, out, manifest=lambda m: {"x": 1}), "pas une sauvegarde"),
        (lambda a, out: rewrite(a, out, data=lambda d: d + b"x"), "taille annoncée"),
    ],
)
def test_a_damaged_or_tampered_archive_is_refused_and_leaves_nothing(
    archive, tmp_path, damage, message
):
    bad = damage(archive, tmp_path / "abimee.zip")
    folder = tmp_path / "cible"
    folder.mkdir()
    with pytest.raises(InvalidBackup, match=message):
        restore_archive(bad, f"sqlite:///{folder / 'restauree.sqlite3'}")
    assert list(folder.iterdir()) == []


def test_a_missing_archive_is_refused(tmp_path):
    with pytest.raises(InvalidBackup, match="introuvable"):
        read_manifest(tmp_path / "absente.zip")
    with pytest.raises(InvalidBackup, match="dossier"):
        read_manifest(tmp_path)


def test_a_target_holding_data_is_refused_and_left_alone(archive, tmp_path, sqlite_url):
    before = Path(sqlite_path(sqlite_url)).read_bytes()
    with pytest.raises(InvalidBackup, match="contient déjà des données"):
        restore_archive(archive, sqlite_url)
    assert Path(sqlite_path(sqlite_url)).read_bytes() == before
    junk = tmp_path / "autre.bin"
    junk.write_bytes(b"des octets quelconques" * 100)
    with pytest.raises(InvalidBackup, match="contient déjà des données"):
        restore_archive(archive, f"sqlite:///{junk}")


def test_an_empty_file_or_schema_is_a_fine_target(archive, tmp_path):
    empty = tmp_path / "vide.sqlite3"
    empty.touch()
    assert restore_archive(archive, f"sqlite:///{empty}").manifest.row_counts["patient"] == 1
    schema_only = tmp_path / "schema.sqlite3"
    sqlite3.connect(schema_only).close()
    restore_archive(archive, f"sqlite:///{schema_only}")


def test_a_journal_left_by_a_vanished_database_is_set_aside(archive, tmp_path):
    target = tmp_path / "perdue.sqlite3"
    stale = tmp_path / "perdue.sqlite3-wal"
    stale.write_bytes(b"old journal")
    restore_archive(archive, f"sqlite:///{target}", clock=FixedClock(TEST_NOW))
    assert not stale.exists()
    assert (tmp_path / "perdue.sqlite3-wal.orphelin-20270315-090000").read_bytes() == (
        b"old journal"
    )
    assert appointment_ids(f"sqlite:///{target}") == set()


def test_an_older_backup_is_migrated_when_restored(tmp_path):
    from alembic import command
    from alembic.config import Config

    from db.migrate import MIGRATIONS

    old = tmp_path / "ancienne.sqlite3"
    engine = make_engine(f"sqlite:///{old}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    engine.dispose()
    work = tmp_path / "travail"
    work.mkdir()
    snap = snapshot(f"sqlite:///{old}", work)
    assert snap.revision == "0002"
    manifest = Manifest(
        snap.engine,
        snap.method,
        snap.data_name,
        "0" * 64,
        0,
        snap.revision,
        TEST_NOW,
        "sqlite:///ancienne",
        snap.row_counts,
    )
    write_archive(tmp_path / "ancienne.zip", work / snap.data_name, manifest)
    target = f"sqlite:///{tmp_path / 'a-jour.sqlite3'}"
    report = restore_archive(tmp_path / "ancienne.zip", target)
    assert report.migrated and report.revision_after == head_revision()
    Services.open(target).db.dispose()


def test_only_an_administrator_backs_up_and_a_refusal_is_audited(sqlite_url, tmp_path):
    services = small_hospital(sqlite_url, TEST_NOW)
    with pytest.raises(PermissionDenied, match="sauvegarder"):
        services.backup.backup(SECRETARY, tmp_path / "non.zip")
    assert not (tmp_path / "non.zip").exists()
    with pytest.raises(PermissionDenied):
        services.backup.set_schedule(SECRETARY, check_schedule(str(tmp_path), 24, 3))
    with services.db.read() as s:
        refusals = s.scalar(
            select(func.count()).select_from(AuditRow).where(AuditRow.action == "refused")
        )
    assert refusals == 2
    assert services.backup.schedule() == check_schedule("", 0, 7)
    services.db.dispose()


def test_a_backup_into_a_missing_folder_is_refused(sqlite_url, tmp_path):
    services = small_hospital(sqlite_url, TEST_NOW)
    with pytest.raises(Exception, match="n'existe pas"):
        services.backup.backup(ADMIN, tmp_path / "nulle-part" / "b.zip")
    services.db.dispose()


def test_scheduled_backups_keep_the_newest_and_leave_other_files(sqlite_url, tmp_path):
    services = small_hospital(sqlite_url, TEST_NOW)
    folder = tmp_path / "sauvegardes"
    assert not services.backup.backup_due()
    assert services.backup.run_scheduled() is None  # turned off
    services.backup.set_schedule(ADMIN, check_schedule(str(folder), 6, 3))
    assert services.backup.schedule().keep == 3
    assert services.backup.backup_due()
    written = []
    for hours in range(0, 30, 6):
        now = TEST_NOW + timedelta(hours=hours)
        report = services.backup.run_scheduled(now)
        assert report is not None and report.path.parent == folder
        written.append(report.path.name)
        assert services.backup.run_scheduled(now + timedelta(hours=5)) is None
        if hours == 0:
            (folder / "manuelle.zip").write_bytes(b"pas a moi")
            (folder / "notes.txt").write_text("à garder")
    assert written[0] == "creneau-20270315-090000.zip"
    assert report.pruned == (written[1],)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [*written[-3:], "manuelle.zip", "notes.txt"]
    )
    assert services.backup.last_scheduled() == TEST_NOW + timedelta(hours=24)
    assert services.backup.next_due() == TEST_NOW + timedelta(hours=30)
    listed = services.backup.list_backups(folder)
    assert [b.path.name for b in listed if b.manifest][:3] == written[-3:][::-1]
    assert [b.error for b in listed if b.manifest is None] == [
        "« manuelle.zip » n'est pas une archive de sauvegarde lisible (fichier tronqué, "
        "endommagé ou d'un autre type)."
    ]
    assert services.backup.list_backups(tmp_path / "absent") == []
    services.db.dispose()


# --- PostgreSQL ---------------------------------------------------------------------------------


def _busy_hospital(url: str) -> Services:
    services = small_hospital(url, TEST_NOW)
    reason, slots = _slots(services, weeks=3)
    patients = [_patient(services, "Łukasz", "Zoë"), _patient(services, "O'Brien", "Ana")]
    for number, slot in enumerate(slots[:6]):
        booked = services.booking.book(
            SECRETARY, slot.practitioner_id, reason, patients[number % 2], slot.start
        )
        if number == 2:
            services.booking.cancel(SECRETARY, booked.id, booked.version, "à la demande")
    return services


@pytest.mark.postgres
@pytest.mark.parametrize("method", ["pg_dump", "jsonl"])
def test_a_postgresql_backup_restores_into_a_fresh_database(
    postgres_url, postgres_blank_url, tmp_path, method
):
    services = _busy_hospital(postgres_url)
    report = services.backup.backup(ADMIN, tmp_path / "pg.zip", pg_method=method)
    assert (report.manifest.engine, report.manifest.method) == ("postgresql", method)
    assert report.manifest.source.startswith("postgresql")
    restored = restore_archive(report.path, postgres_blank_url)
    assert restored.revision_after == head_revision()
    skip = ("audit", "audit_head", "alembic_version")
    assert table_rows(postgres_blank_url, skip) == table_rows(postgres_url, skip)
    source_audit = table_rows(postgres_url)["audit"][: report.manifest.row_counts["audit"]]
    assert table_rows(postgres_blank_url)["audit"][: len(source_audit)] == source_audit
    again = Services.open(postgres_blank_url, FixedClock(TEST_NOW))
    _patient(again, "Après", "Restauration")  # the sequences follow the restored ids
    again.db.dispose()
    with pytest.raises(InvalidBackup, match="contient déjà des données"):
        restore_archive(report.path, postgres_blank_url)
    services.db.dispose()


@pytest.fixture
def absent_pg_url(postgres_blank_url):
    from sqlalchemy.engine import make_url

    from db.backup_pg import drop_database

    url = make_url(postgres_blank_url)
    absent = url.set(database=f"{url.database}_neuve").render_as_string(hide_password=False)
    yield absent
    drop_database(absent)


@pytest.mark.postgres
def test_a_postgresql_restore_creates_an_absent_database_and_drops_it_on_failure(
    postgres_url, absent_pg_url, tmp_path
):
    from db.backup import target_state

    services = _busy_hospital(postgres_url)
    report = services.backup.backup(ADMIN, tmp_path / "pg.zip", pg_method="jsonl")
    services.db.dispose()
    lying = rewrite(
        report.path,
        tmp_path / "menteuse.zip",
        manifest=lambda m: m | {"row_counts": m["row_counts"] | {"appointment": 99}},
    )
    assert target_state(absent_pg_url) == "absent"
    with pytest.raises(InvalidBackup, match="table « appointment »"):
        restore_archive(lying, absent_pg_url)
    assert target_state(absent_pg_url) == "absent"
    restore_archive(report.path, absent_pg_url)
    assert appointment_ids(absent_pg_url) == appointment_ids(postgres_url)


@pytest.mark.postgres
def test_a_backup_restores_only_into_its_own_engine(archive, postgres_blank_url):
    with pytest.raises(InvalidBackup, match="que dans une base SQLite"):
        restore_archive(archive, postgres_blank_url)
