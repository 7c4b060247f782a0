"""AuditService: verification of a real trail, role-guarded search and CSV export (refusals
audited, formulas neutralised), and no patient identity anywhere in the trail."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from db.tables import AuditRow
from desktop.domain.errors import InvalidInput, PermissionDenied
from desktop.domain.model import Status
from desktop.domain.spreadsheet import BOM
from desktop.services.audit import AuditFilter
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from desktop.services.demo import build_demo
from desktop.services.patients import PatientInput
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, PHYSICIAN, SECRETARY, small_hospital

PARIS = ZoneInfo("Europe/Paris")
MONDAY = date(2027, 3, 22)
TODAY = TEST_NOW.astimezone(PARIS).date()
NIR = "280037512345642"
CANARY = {
    "family": "Canarivert",
    "given": "Zéphyrine",
    "birth_name": "Oiseaubleu",
    "phone_local": "06 98 76 54 31",
    "phone_e164": "+33698765431",
    "other_phone": "+33698765432",
    "email": "zephyrine.canarivert@example.org",
    "nir": NIR,
    "birth": "1980-03-12",
    "notes": "Allergie pénicilline Canarinote",
}


def at(hhmm: str, day: date = MONDAY) -> datetime:
    return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=PARIS)


@pytest.fixture
def services(any_url):
    s = small_hospital(any_url, TEST_NOW)
    yield s
    s.db.dispose()


def ids(services: Services) -> tuple[int, int]:
    dupont = next(p.id for p in services.agenda.practitioners() if p.code == "DUPONT")
    reason = next(r.id for r in services.agenda.visit_reasons() if r.code == "CARDIO-SUIVI")
    return dupont, reason


def audit_count(services: Services) -> int:
    with services.db.read() as s:
        return len(s.scalars(select(AuditRow.id)).all())


def test_a_fresh_demo_database_verifies(sqlite_url):
    services = Services.open(sqlite_url, FixedClock(TEST_NOW))
    build_demo(services.db, scale="small", seed=1, now=TEST_NOW)
    patient = services.patients.create(SECRETARY, PatientInput("Essai", "Ana", date(1990, 1, 1)))
    services.patients.update(SECRETARY, patient.id, PatientInput("Essai", "Anne", date(1990, 1, 1)))
    report = services.audit.verify()
    assert report.ok and report.checked == audit_count(services) >= 4
    services.db.dispose()


@pytest.mark.parametrize("actor", [SECRETARY, PHYSICIAN])
def test_search_is_refused_without_the_right_and_the_refusal_is_audited(services, actor):
    before = audit_count(services)
    with pytest.raises(PermissionDenied, match="consulter le journal d'audit"):
        services.audit.search(actor)
    with pytest.raises(PermissionDenied):
        services.audit.export_csv(actor)
    assert audit_count(services) == before + 2
    last = services.audit.search(ADMIN, AuditFilter(action="refused"))
    assert [(e.actor, e.object_type, e.after) for e in last[:2]] == [
        (actor.login, "audit", {"action": "see_audit"})
    ] * 2
    assert services.audit.verify().ok


def test_search_filters_by_user_patient_practitioner_action_and_period(services):
    dupont, reason = ids(services)
    ana = services.patients.create(SECRETARY, PatientInput("Alpha", "Ana", date(1970, 1, 2)))
    bob = services.patients.create(SECRETARY, PatientInput("Beta", "Bob", date(1971, 1, 2)))
    first = services.booking.book(SECRETARY, dupont, reason, ana.id, at("09:00"))
    services.booking.set_status(PHYSICIAN, first.id, first.version, Status.CONFIRMED)
    services.booking.book(SECRETARY, dupont, reason, bob.id, at("09:15"))
    search = services.audit.search

    assert {e.actor for e in search(ADMIN, AuditFilter(actor=PHYSICIAN.login))} == {PHYSICIAN.login}
    assert [e.action for e in search(ADMIN, AuditFilter(patient_id=ana.id))] == [
        "appointment.status",
        "appointment.book",
        "patient.create",
    ]
    assert len(search(ADMIN, AuditFilter(practitioner_id=dupont))) == 3
    assert len(search(ADMIN, AuditFilter(action="appointment."))) == 3
    assert len(search(ADMIN, AuditFilter(action="appointment.book", patient_id=bob.id))) == 1
    assert search(ADMIN, AuditFilter(first_day=TODAY, last_day=TODAY))
    assert search(ADMIN, AuditFilter(first_day=TODAY + timedelta(days=1))) == []
    assert search(ADMIN, AuditFilter(last_day=TODAY - timedelta(days=1))) == []
    assert len(search(ADMIN, AuditFilter(limit=2))) == 2
    with pytest.raises(InvalidInput, match="période est inversée"):
        search(ADMIN, AuditFilter(first_day=TODAY, last_day=TODAY - timedelta(days=1)))
    with pytest.raises(InvalidInput):
        search(ADMIN, AuditFilter(limit=0))


def test_export_is_a_spreadsheet_csv_with_formulas_neutralised_and_is_audited(services):
    dupont, reason = ids(services)
    patient = services.patients.create(SECRETARY, PatientInput("Alpha", "Ana", date(1970, 1, 2)))
    rogue = replace(SECRETARY, workstation='=HYPERLINK("http://evil.example","x")')
    services.booking.book(rogue, dupont, reason, patient.id, at("09:00"))
    with pytest.raises(PermissionDenied):  # may export, may not see the audit trail
        services.audit.export_csv(SECRETARY)

    text = services.audit.export_csv(ADMIN, AuditFilter(patient_id=patient.id))
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text[len(BOM) :], newline=""), delimiter=";"))
    assert rows[0][:5] == ["N°", "Date et heure", "Utilisateur", "Poste", "Action"]
    assert [r[5] for r in rows[1:]] == ["patient.create", "appointment.book"]  # oldest first
    assert rows[2][3] == "'" + rogue.workstation
    assert rows[2][1] == "15/03/2027 10:00:00"  # the hospital's time
    assert rows[2][8] == str(patient.id) and rows[2][9] == str(dupont)
    assert json.loads(rows[2][11])["patient_id"] == patient.id
    exported = services.audit.search(ADMIN, AuditFilter(action="audit.export"))
    assert exported[0].after == {"records": 2, "patient_id": patient.id}
    assert services.audit.verify().ok


def test_no_patient_identity_ever_reaches_the_audit_trail(services):
    """Canary patient: created, edited, booked, moved, noted, waitlisted, cancelled; then every
    column of every audit record is scanned for their name, phones, e-mail, NIR, birth date."""
    dupont, reason = ids(services)
    c = CANARY
    patient = services.patients.create(
        SECRETARY,
        PatientInput(
            c["family"],
            c["given"],
            date.fromisoformat(c["birth"]),
            "F",
            birth_name=c["birth_name"],
            phones=(c["phone_local"],),
            email=c["email"],
            nir=c["nir"],
        ),
    )
    services.patients.update(
        ADMIN,
        patient.id,
        PatientInput(
            c["family"] + "-Bis",
            c["given"],
            date.fromisoformat(c["birth"]),
            "F",
            phones=(c["phone_local"], c["other_phone"]),
            email=c["email"],
        ),
    )
    booked = services.booking.book(
        SECRETARY, dupont, reason, patient.id, at("09:00"), notes=c["notes"]
    )
    moved = services.booking.move(SECRETARY, booked.id, booked.version, at("09:30"))
    noted = services.booking.set_notes(PHYSICIAN, moved.id, moved.version, c["notes"] + " 2")
    services.waitlist.add(SECRETARY, patient.id, reason, practitioner_id=dupont, notes=c["notes"])
    services.booking.cancel(SECRETARY, noted.id, noted.version, "Empêchement")
    with pytest.raises(PermissionDenied):
        services.patients.update(PHYSICIAN, patient.id, PatientInput("X", "Y", date(1990, 1, 1)))

    with services.db.read() as s:
        rows = s.scalars(select(AuditRow).order_by(AuditRow.id)).all()
        dumped = json.dumps(
            [
                [r.actor, r.workstation, r.action, r.object_type, r.object_id, r.before, r.after]
                for r in rows
            ],
            ensure_ascii=False,
        ).casefold()
        assert {r.action for r in rows} >= {
            "patient.create",
            "patient.update",
            "appointment.book",
            "appointment.move",
            "appointment.notes",
            "waitlist.add",
            "appointment.cancel",
        }
    secrets = [c["family"], c["given"], c["birth_name"], c["email"], c["nir"], c["birth"]]
    secrets += [c["phone_local"], c["phone_e164"], c["other_phone"], "698765431", "canarinote"]
    secrets += ["12/03/1980", "1980-03-12"]
    for secret in secrets:
        assert secret.casefold() not in dumped, secret
    assert services.audit.export_csv(ADMIN).casefold().count("canari") == 0
    assert services.audit.verify().ok
