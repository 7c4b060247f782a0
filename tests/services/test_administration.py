"""The administrator's structure services on both engines: each create and edit, refusals that
change nothing (bad input and roles, the latter audited), the structure file exported and loaded
back.

Openings and closures: test_admin_openings.py; accounts: test_admin_users.py; settings and the
overbooking right: test_admin_settings.py.
"""

from __future__ import annotations

from datetime import date, time

import pytest

from desktop.domain.errors import InvalidInput, NotFound, PermissionDenied, StructureError
from desktop.domain.model import Opening
from desktop.domain.structure import parse_structure
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, PHYSICIAN, SECRETARY, small_hospital
from tests.services.admin_helpers import (
    NEXT_MONDAY,
    at,
    audit_count,
    audit_trail,
    ids_of,
    last_audit,
    state,
)


@pytest.fixture
def services(any_url):
    services = small_hospital(any_url, TEST_NOW)
    yield services
    services.db.dispose()


def test_a_department_is_set_up_from_an_empty_database(sqlite_url):
    services = Services.open(sqlite_url, FixedClock(TEST_NOW))
    admin = services.administration
    hospital = admin.structure.save_hospital(
        ADMIN, "Hôpital Neuf", "Europe/Paris", "FR", "https://neuf.example/rdv", "01 49 28 20 00"
    )
    assert hospital.phone == "+33149282000"
    site = admin.structure.save_site(ADMIN, "NEUF", "Site neuf", "1 rue Neuve, Paris")
    department = admin.structure.save_department(ADMIN, "DERMATO", "Dermatologie", site.id)
    practitioner = admin.structure.save_practitioner(
        ADMIN, "LEROY", "Dr Anne Leroy", department.id, "10003456789"
    )
    reason = admin.structure.save_visit_reason(
        ADMIN, "DERMATO-1", department.id, "Première consultation", 20, online=True,
        min_notice_hours=24, color="#aa5500", instructions="Venir à jeun.",
    )  # fmt: skip
    opening = admin.openings.save_opening(
        ADMIN,
        Opening(0, practitioner.id, site.id, 0, time(9), time(10), 20, frozenset({reason.id})),
    )
    assert opening.id > 0 and opening.visit_reason_ids == {reason.id}
    slots = services.agenda.free_slots(reason.id, NEXT_MONDAY, NEXT_MONDAY)
    assert [s.start for s in slots] == [at(NEXT_MONDAY, h) for h in ("09:00", "09:20", "09:40")]
    actions = [e.action for e in audit_trail(services)]
    assert actions == [
        "hospital.update",
        "site.create",
        "department.create",
        "practitioner.create",
        "visit_reason.create",
        "opening.create",
    ]
    services.db.dispose()


def test_each_object_is_edited_with_its_before_and_after_audited(services):
    admin, ids = services.administration.structure, ids_of(services)
    site = admin.save_site(ADMIN, "SAT2", "Saint-Antoine", "Rue X", site_id=ids.sites["SAT"])
    assert (site.code, site.name) == ("SAT2", "Saint-Antoine")
    entry = last_audit(services)
    assert (entry.action, entry.object_id) == ("site.update", site.id)
    assert entry.before["code"] == "SAT" and entry.after["code"] == "SAT2"

    other = admin.save_site(ADMIN, "NORD", "Site nord")
    department = admin.save_department(
        ADMIN, "CARDIO", "Cardiologie B", other.id, department_id=ids.departments["CARDIO"]
    )
    assert (department.name, department.site_id) == ("Cardiologie B", other.id)

    practitioner = admin.save_practitioner(
        ADMIN, "DUPONT", "Dr Marie Dupont-Leroy", ids.departments["CARDIO"], "10003456789",
        practitioner_id=ids.practitioners["DUPONT"],
    )  # fmt: skip
    assert practitioner.rpps == "10003456789"
    reason = admin.save_visit_reason(
        ADMIN, "CARDIO-1", ids.departments["CARDIO"], "Première consultation", 45,
        online=False, new_patients=False, min_notice_hours=48, color="#123456",
        instructions="Apporter l'ordonnance.", visit_reason_id=ids.reasons["CARDIO-1"],
    )  # fmt: skip
    assert (reason.duration_min, reason.online, reason.new_patients) == (45, False, False)
    assert (reason.min_notice_hours, reason.color) == (48, "#123456")
    entry = last_audit(services)
    assert entry.before["duration_min"] == 30 and entry.after["duration_min"] == 45


def test_deactivating_a_practitioner_and_a_visit_reason_hides_them_from_booking(services):
    admin, ids = services.administration.structure, ids_of(services)
    admin.set_practitioner_active(ADMIN, ids.practitioners["MARTIN"], False)
    assert "MARTIN" not in {p.code for p in services.agenda.practitioners()}
    assert not {p.code: p for p in admin.practitioners()}["MARTIN"].active
    assert last_audit(services).action == "practitioner.deactivate"
    admin.set_practitioner_active(ADMIN, ids.practitioners["MARTIN"], True)
    assert "MARTIN" in {p.code for p in services.agenda.practitioners()}

    admin.set_visit_reason_active(ADMIN, ids.reasons["CARDIO-SUIVI"], False)
    assert "CARDIO-SUIVI" not in {v.code for v in services.agenda.visit_reasons()}
    assert not {v.code: v for v in admin.visit_reasons()}["CARDIO-SUIVI"].active


BAD_INPUTS = [
    (lambda a, i: a.structure.save_site(ADMIN, "", "Nom"), "Code : à remplir."),
    (lambda a, i: a.structure.save_site(ADMIN, "A B", "Nom"), "Code : code invalide"),
    (lambda a, i: a.structure.save_site(ADMIN, "SAT", "Doublon"), "est déjà pris (site n°"),
    (lambda a, i: a.structure.save_site(ADMIN, "X", "   "), "Nom : à remplir."),
    (lambda a, i: a.structure.save_department(ADMIN, "D", "Dep", 9999), "Site inconnu"),
    (
        lambda a, i: a.structure.save_practitioner(
            ADMIN, "P", "Dr P", i.departments["CARDIO"], "123"
        ),
        "N° RPPS : numéro RPPS invalide",
    ),
    (
        lambda a, i: a.structure.save_visit_reason(ADMIN, "V", i.departments["CARDIO"], "L", 0),
        "Durée (min) : 0 hors des bornes",
    ),
    (
        lambda a, i: a.structure.save_visit_reason(
            ADMIN, "V", i.departments["CARDIO"], "L", 15, color="rouge"
        ),
        "Couleur : couleur invalide",
    ),
    (
        lambda a, i: a.structure.save_hospital(ADMIN, "H", "Europe/Atlantide", None, "", ""),
        "Fuseau horaire : fuseau horaire inconnu",
    ),
    (
        lambda a, i: a.structure.save_hospital(ADMIN, "H", "Europe/Paris", "ZZ", "", ""),
        "Jours fériés : pays inconnu",
    ),
    (
        lambda a, i: a.structure.save_hospital(ADMIN, "H", "Europe/Paris", None, "ftp://x", ""),
        "Adresse de réservation : adresse invalide",
    ),
    (
        lambda a, i: a.structure.save_hospital(ADMIN, "H", "Europe/Paris", None, "", "12"),
        "Téléphone",
    ),
    (
        lambda a, i: a.settings.save_publication(ADMIN, "https://x.fr", "", 0, ""),
        "Horizon de publication : 0 semaines hors des bornes",
    ),
    (
        lambda a, i: a.settings.save_reminders(ADMIN, "file", "", "", "20:00", "08:00", True),
        "Dossier d'envoi : à remplir",
    ),
    (
        lambda a, i: a.settings.save_reminders(ADMIN, "http", "", "", "20:00", "08:00", True),
        "Adresse de la passerelle : à remplir.",
    ),
    (
        lambda a, i: a.settings.save_reminders(ADMIN, "file", "/tmp", "", "20:00", "20:00", True),
        "le début et la fin doivent différer",
    ),
    (
        lambda a, i: a.structure.save_practitioner(
            ADMIN, "DUPONT", "Dr", i.departments["CARDIO"], practitioner_id=9999
        ),
        "Praticien inconnu",
    ),
]


@pytest.mark.parametrize(("call", "message"), BAD_INPUTS)
def test_bad_input_is_refused_in_french_and_changes_nothing(services, call, message):
    ids = ids_of(services)
    before, audits = state(services), audit_count(services)
    with pytest.raises((InvalidInput, NotFound)) as refused:
        call(services.administration, ids)
    assert message in refused.value.message
    assert state(services) == before
    assert audit_count(services) == audits


ROLE_CALLS = [
    lambda a, i: a.structure.save_site(SECRETARY, "NORD", "Site nord"),
    lambda a, i: a.structure.save_hospital(PHYSICIAN, "H", "Europe/Paris", None, "", ""),
    lambda a, i: a.structure.set_practitioner_active(SECRETARY, i.practitioners["MARTIN"], False),
    lambda a, i: a.structure.save_visit_reason(SECRETARY, "V", i.departments["CARDIO"], "L", 15),
    lambda a, i: a.openings.delete_opening(SECRETARY, a.openings.openings()[0].id),
    lambda a, i: a.openings.add_closure(PHYSICIAN, i.sites["SAT"], NEXT_MONDAY, NEXT_MONDAY),
    lambda a, i: a.settings.save_publication(SECRETARY, "", "", 8, ""),
    lambda a, i: a.settings.save_overbooking_roles(SECRETARY, ["secretary"]),
    lambda a, i: a.users.create_user(SECRETARY, "x", "X", "admin", "Motdepasse-Sur-2027!"),
    lambda a, i: a.export_toml(SECRETARY),
    lambda a, i: a.import_toml(PHYSICIAN, "[[sites]]\ncode='X'\nname='X'\n"),
]


@pytest.mark.parametrize("call", ROLE_CALLS)
def test_a_refused_role_changes_nothing_and_is_audited(services, call):
    ids = ids_of(services)
    before, audits = state(services), audit_count(services)
    with pytest.raises(PermissionDenied, match="Votre rôle ne permet pas"):
        call(services.administration, ids)
    assert state(services) == before
    assert audit_count(services) == audits + 1
    assert last_audit(services).action == "refused"


def test_holidays_can_be_turned_off_and_the_hospital_renamed(services):
    easter_monday = date(2027, 3, 29)
    assert services.structure.calendar().holiday_name(easter_monday)
    admin = services.administration.structure
    admin.save_hospital(ADMIN, "Hôpital renommé", "Europe/Paris", None, "", "")
    assert services.structure.calendar().holiday_name(easter_monday) is None
    assert services.structure.hospital().name == "Hôpital renommé"
    entry = last_audit(services)
    assert entry.before["country_holidays"] == "FR" and entry.after["country_holidays"] is None


# --- structure file ------------------------------------------------------------------------------

EXTRA = """
[[visit_reasons]]
code = "CARDIO-ECHO"
department = "CARDIO"
label = "Échographie \\"cardiaque\\""
duration_min = 45
min_notice_hours = 48
color = "#2f9e6e"
instructions = "Ligne 1\\nLigne 2"

[[practitioners]]
code = "LEROY"
name = "Dr Anne Leroy"
department = "CARDIO"
rpps = "10003456789"

[[openings]]
practitioner = "LEROY"
site = "SAT"
weekday = "thursday"
start = "14:00"
end = "18:00"
step_min = 15
visit_reasons = ["CARDIO-ECHO", "CARDIO-1"]
weeks = "even"
valid_from = "2027-01-04"
valid_to = "2027-12-31"

[[absences]]
practitioner = "LEROY"
start = "2027-10-31T02:30+02:00"
end = "2027-11-02T00:00+01:00"
reason = "Congrès"

[[closures]]
site = "SAT"
from = "2027-12-24"
to = "2027-12-26"
reason = "Noël"
"""


def test_the_exported_structure_loads_back_to_the_same_structure(any_url, tmp_path):
    source = small_hospital(any_url, TEST_NOW)
    source.structure.import_text(ADMIN, EXTRA, "extra.toml")
    text = source.administration.export_toml(ADMIN)
    spec = parse_structure(text, "export.toml")
    assert {o.practitioner for o in spec.openings} == {"DUPONT", "MARTIN", "LEROY"}
    assert [a.reason for a in spec.absences] == ["Congrès"]
    assert spec.hospital.country_holidays == "FR"
    # Loaded again over itself: nothing changes but the openings' ids (they are replaced).
    before = _without_openings(state(source))
    source.administration.import_toml(ADMIN, text, "export.toml")
    assert _without_openings(state(source)) == before
    assert source.administration.export_toml(ADMIN) == text
    # Loaded into a new database: the same structure, exported identically.
    target = Services.open(f"sqlite:///{tmp_path / 'copie.sqlite3'}", FixedClock(TEST_NOW))
    counts = target.administration.import_toml(ADMIN, text, "export.toml")
    assert counts["plages"] == 3 and counts["fermetures"] == 1
    assert target.administration.export_toml(ADMIN) == text
    source.db.dispose()
    target.db.dispose()


def _without_openings(tables: dict) -> dict:
    return {k: v for k, v in tables.items() if k not in ("opening", "opening_visit_reason")}


def test_an_import_error_names_the_line_and_the_key(services):
    before = state(services)
    text = "[[sites]]\ncode = 'NORD'\nname = 'Nord'\n\n[[departments]]\ncode = 'X'\nname = 'X'\n"
    with pytest.raises(StructureError) as refused:
        services.administration.import_toml(ADMIN, text, "nord.toml")
    assert refused.value.message.startswith(
        "nord.toml, ligne 5, [[departments]] n° 1, clé « site »"
    )
    assert state(services) == before


def test_deactivated_objects_stay_out_of_the_export(services):
    ids = ids_of(services)
    services.administration.structure.set_practitioner_active(
        ADMIN, ids.practitioners["MARTIN"], False
    )
    spec = parse_structure(services.administration.export_toml(ADMIN))
    assert [p.code for p in spec.practitioners] == ["DUPONT"]
    assert {o.practitioner for o in spec.openings} == {"DUPONT"}
