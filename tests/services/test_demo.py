"""The demonstration data sets: believable, valid, never overlapping, deterministic."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text

from db.engine import sqlite_path
from db.repositories import agenda as agenda_repo
from db.repositories import structure as repo
from db.tables import AuditRow, PatientRow, UserRow
from desktop.domain.errors import CreneauError, InvalidInput
from desktop.domain.model import Role
from desktop.domain.phones import parse_phone
from desktop.domain.scheduling import find_opening
from desktop.domain.text import search_key
from desktop.services.auth import AuthService
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from desktop.services.demo import DEMO_PASSWORD, build_demo
from desktop.services.demo_hospital import (
    BENCH_DEPARTMENT,
    BENCH_DEPARTMENT_FULL_DAYS,
    BENCH_DEPARTMENT_REASON,
    FULL_DAYS,
    FULL_PRACTITIONER,
    FULL_VISIT_REASON,
    HospitalSize,
    build_hospital,
)
from desktop.services.structure import calendar_of
from desktop.services.uow import Database
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, SMALL_TOML

# Active, non-overbooked appointments of a practitioner starting before the latest end of those
# that start before them (in start order): an overlap. A window keeps it O(n log n).
OVERLAPS = text(
    "SELECT count(*) FROM (SELECT start_at, max(end_at) OVER (PARTITION BY practitioner_id "
    "ORDER BY start_at, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_end "
    "FROM appointment WHERE status != 'cancelled' AND NOT overbooked) "
    "WHERE start_at < before_end"
)
SMALL_HOSPITAL = HospitalSize(practitioners=100, patients=4000, appointments=30_000, days=400)


@pytest.fixture(scope="module")
def small_db(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite3'}"
    db = Database(url)
    counts = build_demo(db, seed=1, now=TEST_NOW)
    yield db, counts
    db.dispose()


@pytest.fixture(scope="module")
def hospital_db(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('hospital') / 'hospital.sqlite3'}"
    db = Database(url)
    counts = build_hospital(db, seed=3, now=TEST_NOW, size=SMALL_HOSPITAL)
    yield db, counts
    db.dispose()


def _first_names(db: Database, n: int = 20) -> list[tuple[str, str, str]]:
    with db.read() as s:
        rows = s.execute(
            select(PatientRow.family_name, PatientRow.given_names, PatientRow.birth_name)
            .order_by(PatientRow.id)
            .limit(n)
        )
        return [tuple(r) for r in rows]


def _sample_inside_openings(db: Database, size: int, seed: int) -> int:
    """Check that a sample of active, non-overbooked appointments lies inside openings."""
    with db.read() as s:
        calendar = calendar_of(s)
        reasons = {r.id: r for r in repo.visit_reasons(s)}
        ids = [p.id for p in repo.practitioners(s)]
        openings = repo.openings(s, ids)
        all_ids = list(
            s.scalars(text("SELECT id FROM appointment WHERE NOT overbooked ORDER BY id"))
        )
        checked = 0
        for appointment_id in random.Random(seed).sample(all_ids, min(size, len(all_ids))):
            a = agenda_repo.appointment(s, appointment_id)
            opening = find_opening(
                openings[a.practitioner_id], reasons[a.visit_reason_id], calendar, a.start, a.end
            )
            assert opening.site_id == a.site_id
            checked += 1
        return checked


def test_small_demo_counts(small_db):
    db, counts = small_db
    assert counts["sites"] == 2
    assert counts["services"] == 6
    assert counts["praticiens"] == 25
    assert 35 <= counts["motifs"] <= 45
    assert counts["patients"] == 2000
    assert counts["utilisateurs"] == 3
    with db.read() as s:
        assert len(repo.sites(s)) == 2
        assert len(repo.departments(s)) == 6
        assert len(repo.practitioners(s)) == 25
        assert 35 <= len(repo.visit_reasons(s)) <= 45
        assert s.scalar(select(func.count()).select_from(PatientRow)) == 2000
        hospital = repo.hospital(s)
        assert hospital.name == "Centre hospitalier Saint-Martin"
        assert hospital.timezone == "Europe/Paris" and hospital.country_holidays == "FR"
        assert hospital.booking_url.startswith("https://")
        assert len(repo.closures(s)) == 1
        actions = list(s.scalars(select(AuditRow.action)))
        assert actions.count("demo.build") == 1
        weeks = {o.weeks.value for ops in repo.openings(s, range(1, 26)).values() for o in ops}
        assert "even" in weeks and "odd" in weeks
        assert all(p.name.startswith("Dr ") for p in repo.practitioners(s))


def test_small_demo_appointments_around_now(small_db):
    db, counts = small_db
    with db.read() as s:
        rows = s.execute(text("SELECT status, start_at, channel FROM appointment")).all()
    assert len(rows) == counts["rendez-vous"] > 5000
    now = TEST_NOW.strftime("%Y-%m-%dT%H:%M:%SZ")
    past = {status for status, start, _ in rows if start < now}
    future = {status for status, start, _ in rows if start > now}
    assert {"seen", "no_show", "cancelled"} <= past
    assert future <= {"booked", "confirmed", "cancelled"} and {"booked", "confirmed"} <= future
    assert {"phone", "desk", "online", "internal"} <= {c for *_, c in rows}
    first, last = min(r[1] for r in rows), max(r[1] for r in rows)
    assert first < (TEST_NOW - timedelta(days=80)).isoformat() < now
    assert last > (TEST_NOW + timedelta(days=80)).isoformat()


def test_small_demo_never_overlaps(small_db):
    db, _ = small_db
    with db.read() as s:
        assert s.scalar(OVERLAPS) == 0
        assert s.scalar(text("SELECT count(*) FROM appointment WHERE overbooked")) == 2
        hits = s.scalar(
            text(
                "SELECT count(*) FROM appointment a JOIN absence b "
                "ON a.practitioner_id = b.practitioner_id "
                "AND a.start_at < b.end_at AND b.start_at < a.end_at "
                "WHERE a.status != 'cancelled'"
            )
        )
        assert hits == 0


def test_small_demo_appointments_inside_openings(small_db):
    db, _ = small_db
    assert _sample_inside_openings(db, 400, seed=5) == 400


def test_small_demo_phones_and_identities_are_valid(small_db):
    db, _ = small_db
    with db.read() as s:
        phones = s.execute(text("SELECT e164, kind FROM patient_phone")).all()
        patients = s.execute(
            select(
                PatientRow.family_name,
                PatientRow.given_names,
                PatientRow.birth_name,
                PatientRow.birth_date,
                PatientRow.search_key,
                PatientRow.birth_search_key,
            )
        ).all()
    assert len(phones) > 1500
    for e164, kind in phones:
        parsed = parse_phone(e164)
        assert (parsed.e164, parsed.kind.value) == (e164, kind)
    prefixes = {e164[:4] for e164, _ in phones}
    assert {"+336", "+337"} <= prefixes and any(p.startswith("+26") for p in prefixes)
    for family, given, birth_name, birth_date, key, birth_key in patients:
        assert date(1900, 1, 1) <= birth_date <= TEST_NOW.date()
        assert key == search_key(f"{family} {given}")
        assert birth_key == (search_key(f"{birth_name} {given}") if birth_name else "")
    names = {p[0] for p in patients}
    assert any("'" in n for n in names) and any("-" in n or " " in n for n in names)
    assert sum(1 for p in patients if p[2]) > 100  # birth names of married women


def test_small_demo_users_sign_in_with_the_demo_password(small_db):
    db, _ = small_db
    auth = AuthService(db, FixedClock(TEST_NOW))
    with db.read() as s:
        users = {
            login: (role, practitioner_id, password_hash)
            for login, role, practitioner_id, password_hash in s.execute(
                select(UserRow.login, UserRow.role, UserRow.practitioner_id, UserRow.password_hash)
            )
        }
    assert {u[0] for u in users.values()} == {r.value for r in Role}
    assert users["medecin"][1] is not None
    assert all(u[2].startswith("$argon2id$") and "Demo" not in u[2] for u in users.values())
    for login in ("admin", "secretaire", "medecin"):
        assert auth.authenticate(login, DEMO_PASSWORD).login == login


def test_small_demo_is_deterministic(small_db, sqlite_url):
    db, counts = small_db
    again = Database(sqlite_url)
    try:
        assert build_demo(again, seed=1, now=TEST_NOW) == counts
        assert _first_names(again) == _first_names(db)
        with again.read() as s:
            first = s.execute(text("SELECT * FROM appointment ORDER BY id LIMIT 50")).all()
        with db.read() as s:
            assert s.execute(text("SELECT * FROM appointment ORDER BY id LIMIT 50")).all() == first
    finally:
        again.dispose()


def test_another_seed_gives_other_people(small_db, tmp_path):
    db, _ = small_db
    other = Database(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    try:
        build_demo(other, seed=2, now=TEST_NOW)
        assert _first_names(other) != _first_names(db)
    finally:
        other.dispose()


def test_demo_refuses_a_database_with_a_structure(sqlite_url):
    services = Services.open(sqlite_url, FixedClock(TEST_NOW))
    services.structure.import_text(ADMIN, SMALL_TOML, "essai.toml")
    for scale in ("small", "hospital"):
        with pytest.raises(InvalidInput, match="déjà une structure"):
            build_demo(services.db, scale=scale, now=TEST_NOW)
    with services.db.read() as s:
        assert s.scalar(select(func.count()).select_from(PatientRow)) == 0
    services.db.dispose()


def test_demo_refuses_an_unknown_scale(sqlite_url):
    db = Database(sqlite_url)
    with pytest.raises(InvalidInput, match="Échelle inconnue"):
        build_demo(db, scale="énorme", now=TEST_NOW)
    db.dispose()


def test_hospital_scale_needs_sqlite():
    class NotSqlite:
        sqlite = False

    with pytest.raises(InvalidInput, match="SQLite"):
        build_hospital(NotSqlite(), now=TEST_NOW)  # type: ignore[arg-type]


def test_hospital_counts_and_indexes(hospital_db, tmp_path):
    db, counts = hospital_db
    assert counts["rendez-vous"] == SMALL_HOSPITAL.appointments
    assert counts["patients"] == SMALL_HOSPITAL.patients
    assert counts["praticiens"] == SMALL_HOSPITAL.practitioners
    assert counts["sites"] == 4 and counts["motifs"] == 34 * counts["services"]
    fresh = Database(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    fresh.dispose()
    query = "SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name"
    with sqlite3.connect(sqlite_path(fresh.url)) as empty:
        expected = empty.execute(query).fetchall()
    with sqlite3.connect(sqlite_path(db.url)) as loaded:
        assert loaded.execute(query).fetchall() == expected
        assert loaded.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert loaded.execute("PRAGMA foreign_key_check").fetchall() == []
        assert loaded.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with db.read() as s:
        assert s.scalar(OVERLAPS) == 0
        assert s.scalar(select(func.count()).select_from(AuditRow)) == 1


def test_hospital_appointments_inside_openings(hospital_db):
    db, _ = hospital_db
    assert _sample_inside_openings(db, 300, seed=7) == 300


def test_hospital_rows_use_the_orm_formats(hospital_db):
    db, _ = hospital_db
    with db.read() as s:
        patients = s.execute(
            select(PatientRow).order_by(PatientRow.id).limit(500)
        ).scalars().all()  # fmt: skip
        for p in patients:  # the ORM reads the bulk-written dates, keys and phones back
            assert p.search_key == search_key(f"{p.family_name} {p.given_names}")
            assert p.given_search_key == search_key(f"{p.given_names} {p.family_name}")
            if p.birth_name:
                assert p.birth_search_key == search_key(f"{p.birth_name} {p.given_names}")
            assert date(1900, 1, 1) <= p.birth_date <= TEST_NOW.date()
            for phone in p.phones:
                assert parse_phone(phone.e164).kind.value == phone.kind
        future = agenda_repo.appointments(
            s, [1, 2, 3], TEST_NOW, TEST_NOW + timedelta(days=5), include_cancelled=True
        )
        assert future and all(a.start.tzinfo is not None for a in future)


def test_hospital_fixed_points_for_the_benchmark(hospital_db):
    db, _ = hospital_db
    services = Services.create(db, FixedClock(TEST_NOW))
    today = TEST_NOW.date()
    with db.read() as s:
        full = repo.practitioner_by_code(s, FULL_PRACTITIONER)
        reason = repo.visit_reason_by_code(s, FULL_VISIT_REASON)
        department = repo.department_by_code(s, BENCH_DEPARTMENT)
        bench_reason = repo.visit_reason_by_code(s, BENCH_DEPARTMENT_REASON)
        members = repo.practitioners(s, department.id)
    assert len(members) == 30
    last_full = today + timedelta(days=FULL_DAYS - 1)
    agenda = services.agenda
    assert agenda.first_free_slot(reason.id, today, last_full, [full.id]) is None
    later = agenda.first_free_slot(reason.id, today, today + timedelta(days=95), [full.id])
    assert later is not None and later.start.date() > last_full
    busy_until = today + timedelta(days=BENCH_DEPARTMENT_FULL_DAYS - 1)
    assert agenda.first_free_slot(bench_reason.id, today, busy_until) is None
    assert agenda.first_free_slot(bench_reason.id, today, today + timedelta(days=90)) is not None


def test_hospital_is_deterministic(hospital_db, sqlite_url):
    db, _ = hospital_db
    again = Database(sqlite_url)
    try:
        size = HospitalSize(practitioners=40, patients=300, appointments=8000, days=200)
        first = build_hospital(again, seed=3, now=TEST_NOW, size=size)
        assert first["rendez-vous"] == 8000
        with again.read() as s:
            rows = s.execute(text("SELECT * FROM patient ORDER BY id LIMIT 30")).all()
        with db.read() as s:  # patients do not depend on the structure's size
            assert s.execute(text("SELECT * FROM patient ORDER BY id LIMIT 30")).all() == rows
    finally:
        again.dispose()
    with pytest.raises(CreneauError):
        build_hospital(db, seed=3, now=TEST_NOW, size=SMALL_HOSPITAL)
