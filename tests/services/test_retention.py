"""RetentionService: old audit records and long-ended appointments go, recent ones stay, the
chain still verifies, the purge is audited, a secretary is refused (and audited)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from db.tables import AppointmentRow, AuditRow, ReminderRow, WaitingEntryRow
from desktop.domain.errors import InvalidInput, PermissionDenied
from desktop.domain.settings import RetentionSettings, check_retention, retention_from_json
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from desktop.services.patients import PatientInput
from desktop.services.retention import months_before
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, SECRETARY, small_hospital

OLD = TEST_NOW - timedelta(days=3 * 365)


@pytest.fixture
def services(any_url):
    old = small_hospital(any_url, OLD)  # the structure import is audited three years ago
    s = Services.create(old.db, FixedClock(TEST_NOW))
    yield s
    s.db.dispose()


def add_appointment(services: Services, patient_id: int, end: datetime, reminder: bool) -> int:
    def work(s):
        practitioner = services.agenda.practitioners()[0]
        reason = services.agenda.visit_reasons()[0]
        row = AppointmentRow(
            practitioner_id=practitioner.id,
            visit_reason_id=reason.id,
            patient_id=patient_id,
            site_id=1,
            start_at=end - timedelta(minutes=30),
            end_at=end,
            status="seen",
            created_by="test",
            created_at=end,
            updated_by="test",
            updated_at=end,
        )
        s.add(row)
        s.flush()
        if reminder:
            s.add(
                ReminderRow(
                    appointment_id=row.id,
                    kind="day_before",
                    text="Rappel",
                    due_at=end,
                    next_attempt_at=end,
                    idempotency_key=f"test-{row.id}",
                    created_at=end,
                    updated_at=end,
                )
            )
        return row.id

    return services.db.run(work)


def last_audit(services: Services) -> tuple[str, str, str, dict | None]:
    with services.db.read() as s:
        row = s.scalars(select(AuditRow).order_by(AuditRow.id.desc())).first()
        return row.action, row.actor, row.object_type, row.after


def count(services: Services, table) -> int:
    with services.db.read() as s:
        return s.scalar(select(func.count()).select_from(table))


def test_purge_removes_what_is_old_and_keeps_the_chain_valid(services):
    patient = services.patients.create(SECRETARY, PatientInput("Essai", "Ana", date(1990, 1, 1)))
    old_id = add_appointment(services, patient.id, TEST_NOW - timedelta(days=21 * 366), True)
    recent_id = add_appointment(services, patient.id, TEST_NOW - timedelta(days=365), False)
    with services.db.read() as s:
        old_audit = s.scalar(
            select(func.count()).where(AuditRow.at < TEST_NOW - timedelta(days=400))
        )
    assert old_audit > 0

    preview = services.retention.preview(ADMIN)
    assert (preview.audit_records, preview.appointments, preview.reminders) == (old_audit, 1, 1)
    assert count(services, AppointmentRow) == 2  # a preview changes nothing

    done = services.retention.purge(ADMIN)
    assert (done.audit_records, done.appointments, done.reminders) == (old_audit, 1, 1)
    with services.db.read() as s:
        ids = set(s.scalars(select(AppointmentRow.id)))
        oldest = s.scalar(select(func.min(AuditRow.at)))
    action, actor, _type, after = last_audit(services)
    assert ids == {recent_id} and old_id not in ids
    assert count(services, ReminderRow) == 0
    assert oldest.astimezone(UTC) >= months_before(TEST_NOW, 12)
    assert action == "retention.purge" and actor == ADMIN.login
    assert after["audit_records"] == old_audit and after["appointments"] == 1
    assert "Essai" not in str(after)
    report = services.audit.verify()
    assert report.ok, report

    again = services.retention.purge(ADMIN)  # nothing left to purge; still verifies
    assert (again.audit_records, again.appointments) == (0, 0)
    assert services.audit.verify().ok


def test_the_link_of_a_waiting_entry_is_cleared(services):
    patient = services.patients.create(SECRETARY, PatientInput("Essai", "Bea", date(1990, 1, 1)))
    old_id = add_appointment(services, patient.id, TEST_NOW - timedelta(days=21 * 366), False)

    def wait(s):
        reason = services.agenda.visit_reasons()[0]
        s.add(
            WaitingEntryRow(
                patient_id=patient.id,
                visit_reason_id=reason.id,
                department_id=1,
                status="booked",
                appointment_id=old_id,
                created_by="t",
                created_at=TEST_NOW,
                updated_by="t",
                updated_at=TEST_NOW,
            )
        )

    services.db.run(wait)
    services.retention.purge(ADMIN)
    with services.db.read() as s:
        assert s.scalar(select(WaitingEntryRow.appointment_id)) is None


def test_settings_change_the_windows_and_are_checked(services):
    settings = services.administration.settings
    assert settings.retention() == RetentionSettings(12, 20)
    settings.save_retention(ADMIN, 48, 5)
    assert services.retention.settings() == RetentionSettings(48, 5)
    assert services.retention.preview(ADMIN).audit_records == 0  # three years < 48 months
    with pytest.raises(InvalidInput, match="Conservation du journal d'audit"):
        settings.save_retention(ADMIN, 0, 5)
    with pytest.raises(InvalidInput, match="Conservation des rendez-vous"):
        settings.save_retention(ADMIN, 12, "vingt")
    with pytest.raises(PermissionDenied):
        settings.save_retention(SECRETARY, 12, 20)
    assert services.retention.settings() == RetentionSettings(48, 5)


def test_a_secretary_is_refused_and_the_refusal_is_audited(services):
    before = count(services, AppointmentRow), count(services, AuditRow)
    with pytest.raises(PermissionDenied):
        services.retention.purge(SECRETARY)
    with pytest.raises(PermissionDenied):
        services.retention.preview(SECRETARY)
    assert count(services, AppointmentRow) == before[0]
    assert last_audit(services)[:3] == ("refused", SECRETARY.login, "retention")


def test_domain_rules():
    assert check_retention(12, 20) == RetentionSettings()
    with pytest.raises(InvalidInput):
        check_retention(True, 20)
    assert retention_from_json({"audit_months": "x", "appointment_years": 3}) == RetentionSettings(
        12, 3
    )
    assert retention_from_json(None) == RetentionSettings()
    assert months_before(datetime(2027, 3, 31, tzinfo=UTC), 1) == datetime(2027, 2, 28, tzinfo=UTC)
