"""The audit trail in the database, on both engines: appends are chained (also under concurrent
writers), the triggers keep it append-only, and an attacker who removes them to edit or delete a
record is caught by the verification, which names the first broken record. Migration 0004 chains
the records written before it exactly as the live code does."""

from __future__ import annotations

import threading
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from db.engine import writer
from db.migrate import _config
from db.repositories import audit
from desktop.domain.audit_chain import GENESIS_HASH, BreakKind
from desktop.domain.errors import PermissionDenied
from desktop.domain.permissions import Action
from desktop.services.guard import guarded
from desktop.services.patients import PatientInput
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, PHYSICIAN, SECRETARY, small_hospital

PARIS = ZoneInfo("Europe/Paris")
MONDAY = date(2027, 3, 22)


def at(hhmm: str, day: date = MONDAY) -> datetime:
    return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=PARIS)


class Trail:
    """A small hospital with a few audited changes on one database."""

    def __init__(self, url: str) -> None:
        self.services = small_hospital(url, TEST_NOW)
        s = self.services
        self.dupont, self.martin = (
            {p.code: p.id for p in s.agenda.practitioners()}[c] for c in ("DUPONT", "MARTIN")
        )
        self.reason = next(r.id for r in s.agenda.visit_reasons() if r.code == "CARDIO-SUIVI")
        self.patient = s.patients.create(SECRETARY, PatientInput("Alpha", "Ana", date(1970, 1, 2)))
        self.other = s.patients.create(SECRETARY, PatientInput("Beta", "Bo", date(1971, 3, 4)))
        self.booked = self.book("09:00")
        s.booking.cancel(SECRETARY, self.booked.id, self.booked.version, "Erreur de saisie")
        self.book("09:30", self.martin, self.other.id)

    def book(self, hhmm: str, practitioner: int | None = None, patient: int | None = None):
        return self.services.booking.book(
            SECRETARY,
            practitioner or self.dupont,
            self.reason,
            patient or self.patient.id,
            at(hhmm),
        )

    @property
    def sqlite(self) -> bool:
        return self.services.db.sqlite

    def sql(self, statement: str, **params):
        with self.services.db.engine.begin() as c:
            return c.execute(text(statement), params)

    def drop_guard(self) -> None:
        """What an attacker with database access does first."""
        if self.sqlite:
            self.sql("DROP TRIGGER tr_audit_no_update")
            self.sql("DROP TRIGGER tr_audit_no_delete")
        else:
            self.sql("DROP TRIGGER tr_audit_append_only ON audit")

    def count(self) -> int:
        return self.sql("SELECT count(*) FROM audit").scalar_one()

    def verify(self):
        return self.services.audit.verify(batch_size=3)


@pytest.fixture
def trail(any_url):
    t = Trail(any_url)
    yield t
    t.services.db.dispose()


def test_untouched_trail_verifies_in_batches(trail):
    report = trail.verify()
    assert report.ok and report.checked == trail.count() >= 6
    with trail.services.db.read() as s:
        head = audit.head(s)
        first = next(audit.chain_batches(s, 0, 1))[0]
    assert first.prev_hash == GENESIS_HASH and head.last_id == trail.count()


def test_records_know_their_patient_and_practitioner(trail):
    with trail.services.db.read() as s:
        mine = audit.entries_for_patient(s, trail.patient.id)
        by_dupont = audit.search(s, practitioner_id=trail.dupont)
        cancels = audit.search(s, action="appointment.cancel")
        family = audit.search(s, action="appointment.")
    assert [(e.action, e.object_id) for e in mine] == [
        ("patient.create", trail.patient.id),
        ("appointment.book", trail.booked.id),
        ("appointment.cancel", trail.booked.id),
    ]
    assert all(e.practitioner_id in (None, trail.dupont) for e in mine)
    assert {e.action for e in by_dupont} == {"appointment.book", "appointment.cancel"}
    assert [e.object_id for e in cancels] == [trail.booked.id]
    assert len(family) == 3 and family[0].id > family[-1].id  # newest first


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit SET actor = 'intrus' WHERE id = 2", "DELETE FROM audit WHERE id = 2"],
)
def test_update_and_delete_are_refused_by_the_database(trail, statement):
    before = trail.count()
    with pytest.raises(DBAPIError, match="audit_append_only"):
        trail.sql(statement)
    assert trail.count() == before and trail.verify().ok


def test_the_chain_head_cannot_be_deleted_nor_the_trail_truncated(trail):
    with pytest.raises(DBAPIError, match="audit_append_only"):
        trail.sql("DELETE FROM audit_head")
    if not trail.sqlite:
        with pytest.raises(DBAPIError, match="audit_append_only"):
            trail.sql("TRUNCATE audit")
    assert trail.verify().ok


def test_raw_edit_of_a_past_record_is_detected_and_named(trail):
    trail.drop_guard()
    trail.sql("UPDATE audit SET after = NULL WHERE id = 3")
    report = trail.verify()
    assert not report.ok and report.checked == 2
    assert (report.broken.record_id, report.broken.kind) == (3, BreakKind.EDITED)
    assert "n° 3" in report.broken.message


def test_deleted_middle_record_is_detected(trail):
    trail.drop_guard()
    trail.sql("DELETE FROM audit WHERE id = 4")
    report = trail.verify()
    assert (report.broken.record_id, report.broken.kind) == (5, BreakKind.DELETED)


def test_deleted_last_record_is_detected_through_the_head(trail):
    last = trail.count()
    trail.drop_guard()
    trail.sql("DELETE FROM audit WHERE id = :id", id=last)
    report = trail.verify()
    assert report.checked == last - 1
    assert (report.broken.record_id, report.broken.kind) == (last, BreakKind.DELETED)


def test_swapped_records_are_reported_reordered(trail):
    trail.drop_guard()
    big = 1_000_000
    trail.sql("UPDATE audit SET id = :big WHERE id = 3", big=big)
    trail.sql("UPDATE audit SET id = 3 WHERE id = 4")
    trail.sql("UPDATE audit SET id = 4 WHERE id = :big", big=big)
    report = trail.verify()
    assert (report.broken.record_id, report.broken.kind) == (3, BreakKind.REORDERED)


def test_the_refused_action_is_audited_and_chained(trail):
    before = trail.count()
    with pytest.raises(PermissionDenied):
        guarded(
            trail.services.db,
            trail.services.clock,
            PHYSICIAN,
            Action.SEE_AUDIT,
            "audit",
        )
    with trail.services.db.read() as s:
        refused = audit.search(s, action="refused", limit=5)
    assert trail.count() == before + 1
    assert refused[-1].after == {"action": "see_audit"} and refused[-1].actor == PHYSICIAN.login
    assert trail.verify().ok


def test_purge_moves_the_anchor_and_the_chain_still_verifies(trail):
    total = trail.count()
    with trail.services.db.uow() as s:
        assert audit.purge_through(s, 3) == 3
        audit.record(s, ADMIN, TEST_NOW, "audit.purge", "audit", None, None, {"through": 3})
    with pytest.raises(DBAPIError, match="audit_append_only"):
        trail.sql("DELETE FROM audit WHERE id = 4")
    report = trail.verify()
    assert report.ok and report.checked == total - 3 + 1


def test_migration_chains_existing_records_as_the_live_code_does(trail):
    query = "SELECT id, patient_id, practitioner_id, prev_hash, hash FROM audit ORDER BY id"
    live = trail.sql(query).all()
    from alembic import command

    config = _config()
    for target, step in (("0003", command.downgrade), ("head", command.upgrade)):
        with writer(trail.services.db.engine).begin() as connection:
            config.attributes["connection"] = connection
            step(config, target)
    assert trail.sql(query).all() == live
    assert trail.verify().ok
    with pytest.raises(DBAPIError, match="audit_append_only"):
        trail.sql("DELETE FROM audit WHERE id = 1")


def test_concurrent_writers_leave_one_valid_chain(trail):
    """Four workstations book at once (on PostgreSQL the head row lock orders them)."""
    slots = [f"{h:02d}:{m:02d}" for h in (10, 11) for m in (0, 15, 30, 45)]
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []
    before = trail.count()

    def workstation(k: int) -> None:
        try:
            barrier.wait(timeout=30)
            for hhmm in slots[k::4]:
                trail.book(hhmm, trail.dupont if k % 2 else trail.martin)
            trail.services.patients.create(
                SECRETARY, PatientInput(f"Course{k}", "Zoé", date(1980, 1, 1 + k))
            )
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=workstation, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert trail.count() == before + len(slots) + 4
    report = trail.verify()
    assert report.ok and report.checked == trail.count()
    ids = [r[0] for r in trail.sql("SELECT id FROM audit ORDER BY id").all()]
    links = trail.sql("SELECT prev_hash, hash FROM audit ORDER BY id").all()
    assert all(links[i].prev_hash == links[i - 1].hash for i in range(1, len(ids)))
