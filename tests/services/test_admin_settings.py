"""Shared settings from the administration services, on both engines: publication and
reminders kept as JSON, and the overbooking right (a refused overbooking changes nothing and is
audited)."""

from __future__ import annotations

from datetime import time

import pytest

from desktop.domain.errors import InvalidInput, PermissionDenied
from desktop.domain.model import Role
from desktop.domain.settings import GatewayKind
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, PHYSICIAN, SECRETARY, small_hospital
from tests.services.admin_helpers import (
    NEXT_MONDAY,
    a_patient,
    at,
    audit_count,
    ids_of,
    last_audit,
    state,
)


@pytest.fixture
def services(any_url):
    services = small_hospital(any_url, TEST_NOW)
    yield services
    services.db.dispose()


def test_publication_and_reminder_settings_are_kept(services):
    settings = services.administration.settings
    assert settings.publication().horizon_weeks == 8
    assert settings.publication().booking_url == "https://hopital.example/rendez-vous"
    saved = settings.save_publication(
        ADMIN, "https://creneaux.hopital.example", "https://hopital.example/rdv", 12, "0149282001"
    )
    assert saved.secretariat_phone == "+33149282001"
    assert settings.publication() == saved
    assert services.structure.hospital().booking_url == "https://hopital.example/rdv"
    assert settings.reminders().gateway is GatewayKind.FILE
    reminders = settings.save_reminders(
        ADMIN, "http", "", "https://sms.hopital.example/send", "21:00", "07:30", False
    )
    assert settings.reminders() == reminders
    assert (reminders.quiet_start, reminders.quiet_end) == (time(21), time(7, 30))
    entry = last_audit(services)
    assert (entry.action, entry.after["key"], entry.after["gateway"]) == (
        "setting.update",
        "reminders",
        "http",
    )


def test_a_refused_overbooking_changes_nothing_and_is_audited(services):
    ids = ids_of(services)
    patient = a_patient(services)
    settings = services.administration.settings
    assert settings.overbooking_roles() == frozenset(Role)
    settings.save_overbooking_roles(ADMIN, [Role.ADMIN, Role.PHYSICIAN])
    assert settings.overbooking_roles() == {Role.ADMIN, Role.PHYSICIAN}
    dupont, first = ids.practitioners["DUPONT"], ids.reasons["CARDIO-1"]
    services.booking.book(SECRETARY, dupont, first, patient, at(NEXT_MONDAY, "10:00"))
    before, audits = state(services), audit_count(services)
    with pytest.raises(PermissionDenied, match="surbooking"):
        services.booking.book(
            SECRETARY, dupont, first, patient, at(NEXT_MONDAY, "10:00"),
            force=True, overbooking_reason="Urgence",
        )  # fmt: skip
    assert state(services) == before
    assert audit_count(services) == audits + 1
    refusal = last_audit(services)
    assert (refusal.action, refusal.actor, refusal.after) == (
        "refused",
        SECRETARY.login,
        {"action": "overbook", "practitioner_id": dupont},
    )
    forced = services.booking.book(
        PHYSICIAN, dupont, first, patient, at(NEXT_MONDAY, "10:00"),
        force=True, overbooking_reason="Urgence",
    )  # fmt: skip
    assert forced.overbooked
    # Every role may again once the setting says so.
    settings.save_overbooking_roles(ADMIN, list(Role))
    again = services.booking.book(
        SECRETARY, dupont, first, patient, at(NEXT_MONDAY, "10:15"),
        force=True, overbooking_reason="Urgence",
    )  # fmt: skip
    assert again.overbooked


def test_unknown_role_for_overbooking_is_refused(services):
    with pytest.raises(InvalidInput, match="Rôle inconnu"):
        services.administration.settings.save_overbooking_roles(ADMIN, ["chef"])
    assert services.administration.settings.overbooking_roles() == frozenset(Role)


def test_the_short_forms_keep_the_other_stored_settings(services):
    settings = services.administration.settings
    settings.save_reminders(
        ADMIN, "http", "", "https://sms.example/send", "21:00", "08:00", True,
        days_before=2, auth_header="X-Cle", auth_value="secret-de-passerelle",
    )  # fmt: skip
    settings.save_reminders(ADMIN, "http", "", "https://sms.example/v2", "20:00", "08:00", True)
    kept = settings.reminders()
    assert (kept.gateway_url, kept.days_before, kept.auth_value) == (
        "https://sms.example/v2",
        2,
        "secret-de-passerelle",
    )
    assert "secret-de-passerelle" not in str(last_audit(services))
    settings.save_publication(ADMIN, "", "", 8, "", hold_minutes=60)
    settings.save_publication(ADMIN, "https://x.example", "", 10, "")
    assert settings.publication().hold_minutes == 60
