"""The database's own guard: overlapping active, non-overbooked appointments of one practitioner
are refused even from raw SQL that bypasses every check of the code — by the exclusion constraint
``ex_appointment_no_overlap`` on PostgreSQL, by triggers raising the same name on SQLite.
Intervals are half-open.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from db.base import utc_text
from desktop.services.patients import PatientInput
from tests.conftest import TEST_NOW
from tests.fakes import SECRETARY, small_hospital

INSERT = text(
    "INSERT INTO appointment (practitioner_id, visit_reason_id, patient_id, site_id, start_at, "
    "end_at, status, channel, overbooked, overbooking_reason, notes, cancel_reason, created_by, "
    "created_at, updated_by, updated_at) VALUES (:practitioner, :reason, :patient, :site, "
    ":start, :end, :status, 'phone', :overbooked, '', '', '', 'sql', :now, 'sql', :now) "
    "RETURNING id"
)


@pytest.fixture
def hospital(any_url):
    services = small_hospital(any_url, TEST_NOW)
    patient = services.patients.create(SECRETARY, PatientInput("Sqlbrut", "Ana", date(1970, 5, 4)))
    by_code = {p.code: p.id for p in services.agenda.practitioners()}
    reason = next(r.id for r in services.agenda.visit_reasons() if r.code == "CARDIO-1")
    with services.db.engine.connect() as c:
        site = c.execute(text("SELECT id FROM site")).scalar_one()
    ids = {"patient": patient.id, "reason": reason, "site": site, **by_code}
    yield services, ids
    services.db.dispose()


def _utc(hh: int, mm: int) -> datetime:
    return datetime(2027, 3, 22, hh, mm, tzinfo=UTC)


def _insert(services, ids, start, end, *, practitioner="DUPONT", status="booked", overbooked=False):
    """One raw INSERT in its own transaction; returns the new id."""
    with services.db.engine.begin() as c:
        return c.execute(
            INSERT,
            {
                "practitioner": ids[practitioner],
                "reason": ids["reason"],
                "patient": ids["patient"],
                "site": ids["site"],
                "start": _bind(services, start),
                "end": _bind(services, end),
                "status": status,
                "overbooked": overbooked,
                "now": _bind(services, TEST_NOW),
            },
        ).scalar_one()


def _bind(services, instant: datetime):
    """Raw SQL binds what the column type would: ISO text with Z on SQLite."""
    return utc_text(instant) if services.db.sqlite else instant


def _count(services) -> int:
    with services.db.engine.connect() as c:
        return c.execute(text("SELECT count(*) FROM appointment")).scalar_one()


def test_the_constraint_exists_after_migration(hospital):
    services, _ = hospital
    if services.db.sqlite:
        with services.db.engine.connect() as c:
            names = c.scalars(
                text(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                    "AND tbl_name = 'appointment' ORDER BY name"
                )
            ).all()
        assert names == ["tr_appointment_no_overlap_insert", "tr_appointment_no_overlap_update"]
        return
    with services.db.engine.connect() as c:
        definition = c.execute(
            text(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conname = 'ex_appointment_no_overlap' AND contype = 'x'"
            )
        ).scalar_one()
    assert "tstzrange(start_at, end_at, '[)'::text) WITH &&" in definition
    assert "practitioner_id WITH =" in definition


def test_raw_overlapping_insert_is_refused_by_the_database(hospital):
    services, ids = hospital
    _insert(services, ids, _utc(8, 0), _utc(8, 30))
    for start, end in [
        (_utc(8, 15), _utc(8, 45)),  # overlaps the end
        (_utc(7, 45), _utc(8, 15)),  # overlaps the start
        (_utc(8, 0), _utc(8, 30)),  # the same interval
        (_utc(8, 10), _utc(8, 20)),  # inside
        (_utc(7, 0), _utc(9, 0)),  # around
    ]:
        with pytest.raises(IntegrityError, match="ex_appointment_no_overlap"):
            _insert(services, ids, start, end)
    assert _count(services) == 1


def test_half_open_intervals_adjacent_appointments_both_fit(hospital):
    services, ids = hospital
    _insert(services, ids, _utc(8, 0), _utc(8, 30))  # 09:00–09:30 local
    _insert(services, ids, _utc(8, 30), _utc(9, 0))  # 09:30–10:00 local
    _insert(services, ids, _utc(7, 30), _utc(8, 0))  # 08:30–09:00 local
    assert _count(services) == 3


def test_cancelled_overbooked_and_other_practitioner_rows_may_overlap(hospital):
    services, ids = hospital
    _insert(services, ids, _utc(8, 0), _utc(8, 30))
    _insert(services, ids, _utc(8, 0), _utc(8, 30), status="cancelled")
    _insert(services, ids, _utc(8, 15), _utc(8, 45), overbooked=True)
    _insert(services, ids, _utc(8, 0), _utc(8, 30), practitioner="MARTIN")
    assert _count(services) == 4
    for status in ("confirmed", "arrived", "seen", "no_show"):  # every other status is active
        with pytest.raises(IntegrityError, match="ex_appointment_no_overlap"):
            _insert(services, ids, _utc(8, 15), _utc(8, 45), status=status)
    assert _count(services) == 4


def test_updates_into_an_overlap_are_refused_too(hospital):
    services, ids = hospital
    _insert(services, ids, _utc(8, 0), _utc(8, 30))
    cancelled = _insert(services, ids, _utc(8, 0), _utc(8, 30), status="cancelled")
    overbooked = _insert(services, ids, _utc(8, 15), _utc(8, 45), overbooked=True)
    later = _insert(services, ids, _utc(10, 0), _utc(10, 30))
    for statement, row in [
        ("UPDATE appointment SET status = 'booked' WHERE id = :id", cancelled),
        ("UPDATE appointment SET overbooked = false WHERE id = :id", overbooked),
        (
            "UPDATE appointment SET start_at = :start, end_at = :end WHERE id = :id",
            later,
        ),
    ]:
        with (
            pytest.raises(IntegrityError, match="ex_appointment_no_overlap"),
            services.db.engine.begin() as c,
        ):
            c.execute(
                text(statement),
                {
                    "id": row,
                    "start": _bind(services, _utc(8, 0)),
                    "end": _bind(services, _utc(8, 30)),
                },
            )
    with services.db.engine.connect() as c:
        rows = c.execute(
            text("SELECT id, status, overbooked, start_at FROM appointment ORDER BY id")
        ).all()
    assert [(r.status, r.overbooked) for r in rows] == [
        ("booked", False),
        ("cancelled", False),
        ("booked", True),
        ("booked", False),
    ]
    assert rows[3].start_at == _bind(services, _utc(10, 0))
