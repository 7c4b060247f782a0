"""The pure part of backups: the schedule setting, when a backup is due, archive names,
retention, and the manifest's checks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from desktop.domain.backups import (
    FORMAT_VERSION,
    MAX_INTERVAL_HOURS,
    BackupSchedule,
    Manifest,
    archive_name,
    archive_time,
    beyond_retention,
    check_schedule,
    is_due,
    manifest_from_json,
    next_due,
    schedule_from_json,
)
from desktop.domain.errors import InvalidBackup, InvalidInput

NOW = datetime(2027, 3, 15, 9, 0, tzinfo=UTC)


def test_a_schedule_is_checked_with_french_messages():
    assert check_schedule("  /sauvegardes ", 24, 7) == BackupSchedule("/sauvegardes", 24, 7)
    assert not check_schedule("", 0, 7).enabled
    assert check_schedule("/s", 1, 1).enabled
    with pytest.raises(InvalidInput, match="Choisissez le dossier"):
        check_schedule("", 24, 7)
    with pytest.raises(InvalidInput, match="Intervalle"):
        check_schedule("/s", -1, 7)
    with pytest.raises(InvalidInput, match="Intervalle"):
        check_schedule("/s", MAX_INTERVAL_HOURS + 1, 7)
    with pytest.raises(InvalidInput, match="conservées"):
        check_schedule("/s", 24, 0)
    with pytest.raises(InvalidInput, match="caractères au plus"):
        check_schedule("/" + "x" * 600, 24, 7)
    with pytest.raises(InvalidInput, match="contrôle"):
        check_schedule("/s\x00", 24, 7)


def test_a_stored_schedule_falls_back_to_off_when_damaged():
    good = BackupSchedule("/s", 12, 3)
    assert schedule_from_json(good.to_json()) == good
    for damaged in (None, "x", {}, {"interval_hours": "x", "keep": 3}, {"interval_hours": 5}):
        assert schedule_from_json(damaged) == BackupSchedule()
    assert schedule_from_json({"interval_hours": 5, "keep": 3}) == BackupSchedule()  # no folder


def test_due_after_the_interval_and_never_when_off():
    on = BackupSchedule("/s", 24, 7)
    assert next_due(on, None, NOW) == NOW
    assert is_due(on, None, NOW)
    last = NOW - timedelta(hours=23, minutes=59)
    assert not is_due(on, last, NOW)
    assert next_due(on, last, NOW) == last + timedelta(hours=24)
    assert is_due(on, NOW - timedelta(hours=24), NOW)
    off = BackupSchedule()
    assert next_due(off, None, NOW) is None
    assert not is_due(off, None, NOW)


def test_archive_names_are_utc_and_sort_in_time_order():
    paris_summer = timezone(timedelta(hours=2))
    assert archive_name(datetime(2027, 7, 1, 2, 30, 5, tzinfo=paris_summer)) == (
        "creneau-20270701-003005.zip"
    )
    assert archive_time("creneau-20270701-003005.zip") == datetime(2027, 7, 1, 0, 30, 5, tzinfo=UTC)
    for other in ("creneau-20271301-003005.zip", "notes.zip", "creneau-2027.zip"):
        assert archive_time(other) is None
    with pytest.raises(ValueError):
        archive_name(datetime(2027, 1, 1))


def test_retention_deletes_the_oldest_scheduled_archives_only():
    names = [
        "creneau-20270103-000000.zip",
        "creneau-20270101-000000.zip",
        "manuelle.zip",
        "creneau-20270102-000000.zip",
        "notes.txt",
    ]
    assert beyond_retention(names, 2) == ["creneau-20270101-000000.zip"]
    assert beyond_retention(names, 1) == [
        "creneau-20270101-000000.zip",
        "creneau-20270102-000000.zip",
    ]
    assert beyond_retention(names, 5) == []


def _manifest(**changes) -> dict:
    base = Manifest(
        engine="sqlite",
        method="sqlite-backup-api",
        data_file="creneau.sqlite3",
        data_sha256="a" * 64,
        data_size=10,
        revision="0003",
        created_at=NOW,
        source="sqlite:////x.db",
        row_counts={"patient": 2, "appointment": 3},
        app_version="1.0",
    ).to_json()
    return base | changes


def test_a_manifest_round_trips():
    manifest = manifest_from_json(_manifest())
    assert manifest.total_rows == 5
    assert manifest.created_at == NOW
    assert manifest.format_version == FORMAT_VERSION
    assert manifest_from_json(manifest.to_json()) == manifest
    assert manifest_from_json(_manifest(alembic_revision=None)).revision is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"format": "autre"}, "pas une sauvegarde Créneau"),
        ({"format_version": FORMAT_VERSION + 1}, "plus récente"),
        ({"format_version": "1"}, "plus récente"),
        ({"created_at": "hier"}, "illisible"),
        ({"row_counts": [1, 2]}, "illisible"),
        ({"data_size": "dix"}, "illisible"),
        ({"engine": "oracle"}, "incohérent"),
        ({"method": "copie"}, "incohérent"),
        ({"data_sha256": "xyz"}, "incohérent"),
        ({"data_file": "../../etc/passwd"}, "incohérent"),
        ({"data_file": "manifest.json"}, "incohérent"),
        ({"created_at": "2027-03-15T09:00:00"}, "incohérent"),
        ({"data_size": -1}, "incohérent"),
        ({"row_counts": {"patient": -1}}, "incohérent"),
    ],
)
def test_a_bad_manifest_is_refused(changes, message):
    with pytest.raises(InvalidBackup, match=message):
        manifest_from_json(_manifest(**changes))


def test_a_manifest_without_a_field_is_refused():
    value = _manifest()
    del value["source"]
    with pytest.raises(InvalidBackup, match="illisible"):
        manifest_from_json(value)
    with pytest.raises(InvalidBackup, match="pas une sauvegarde"):
        manifest_from_json(["not", "a", "dict"])
