"""The administration's pure rules: forms checked as the structure file, the JSON settings, the
structure file written back, and the appointments a change leaves outside every opening."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime, time

import pytest

from desktop.domain.errors import InvalidInput
from desktop.domain.model import Appointment, Opening, Role, Status, VisitReason
from desktop.domain.orphans import newly_outside
from desktop.domain.scheduling import AgendaCalendar
from desktop.domain.settings import (
    GatewayKind,
    PublicationSettings,
    ReminderSettings,
    check_publication,
    check_reminders,
    overbooking_roles_from_json,
    overbooking_roles_to_json,
    publication_from_json,
    publication_to_json,
    reminders_from_json,
    reminders_to_json,
)
from desktop.domain.structure import parse_structure
from desktop.domain.structure_export import structure_toml, toml_string
from desktop.domain.structure_forms import check_opening, check_site, check_visit_reason
from tests.conftest import product_example_toml


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: check_site("", "Nom"), "Code : à remplir."),
        (lambda: check_site("X" * 41, "Nom"), "Code : code invalide"),
        (
            lambda: check_site("X", "N" * 201),
            "Nom : texte trop long (201 caractères, 200 au plus).",
        ),
        (lambda: check_visit_reason("V", "D", "L", 721), "Durée (min) : 721 hors des bornes"),
        (
            lambda: check_opening("P", "S", 0, "09:00", "09:00", 15, ["V"]),
            "Fin : la fin (09:00) doit suivre le début (09:00).",
        ),
        (lambda: check_opening("P", "S", 0, "9h", "10:00", 15, ["V"]), "Début : heure invalide"),
    ],
)
def test_forms_say_which_field_is_wrong(call, message):
    with pytest.raises(InvalidInput) as refused:
        call()
    assert refused.value.message.startswith(message)


def test_a_form_accepts_what_the_file_accepts():
    spec = check_opening("P", "S", 4, time(14), time(18), 20, ["A", "B"], "odd", date(2027, 1, 1))
    assert (spec.weekday, spec.weeks, spec.visit_reasons) == (4, "odd", ("A", "B"))
    reason = check_visit_reason("V", "D", "  Libellé  ", 30, min_notice_hours=0)
    assert (reason.label, reason.min_notice_hours) == ("Libellé", None)


def test_settings_survive_a_missing_or_damaged_stored_value():
    assert publication_from_json(None) == PublicationSettings()
    assert publication_from_json({"horizon_weeks": "x"}).horizon_weeks == 8
    assert reminders_from_json("garbage") == ReminderSettings()
    assert reminders_from_json({"quiet_start": "25:00", "gateway": "fax"}) == ReminderSettings()
    assert overbooking_roles_from_json(None) == frozenset(Role)
    assert overbooking_roles_from_json(["admin", "chef"]) == {Role.ADMIN}
    assert overbooking_roles_from_json([]) == frozenset()


def test_settings_round_trip_through_json():
    publication = check_publication("https://x.example", "", 4, "+33 1 49 28 20 00")
    assert publication_from_json(publication_to_json(publication)) == publication
    reminders = check_reminders(GatewayKind.FILE, "/srv/sms", "", "19:30", "08:15", False)
    assert reminders_from_json(reminders_to_json(reminders)) == reminders
    roles = frozenset({Role.SECRETARY, Role.ADMIN})
    assert overbooking_roles_to_json(roles) == ["secretary", "admin"]


@pytest.mark.parametrize(
    "text", ['guillemets " et \\', "ligne\nsuivante\ttab", "del\x7f", "Nguyễn"]
)
def test_toml_strings_read_back_as_written(text):
    assert tomllib.loads(f"x = {toml_string(text)}")["x"] == text


def test_the_product_example_is_written_back_unchanged():
    spec = parse_structure(product_example_toml())
    assert parse_structure(structure_toml(spec)) == spec


PARIS = AgendaCalendar("Europe/Paris")
REASON = VisitReason(7, "V", 1, "Visite", 30)


def _appointment(id_, hour, status=Status.BOOKED):
    start = datetime(2027, 3, 22, hour, 0, tzinfo=UTC)
    return Appointment(id_, 1, 7, 1, 1, start, start.replace(minute=30), status)


def test_only_appointments_the_change_strands_are_listed():
    before = {1: [Opening(1, 1, 1, 0, time(9), time(13), 15, frozenset({7}))]}
    after = {1: [Opening(1, 1, 1, 0, time(9), time(11), 15, frozenset({7}))]}
    kept = _appointment(1, 8)  # 09:00 Paris
    stranded = _appointment(2, 10)  # 11:00 Paris
    cancelled = _appointment(3, 11, Status.CANCELLED)
    already_outside = _appointment(4, 13)  # 14:00 Paris
    found = newly_outside(
        [stranded, kept, cancelled, already_outside], {7: REASON}, before, after, PARIS
    )
    assert found == [stranded]
