"""Patients: checked creation, duplicate warnings, edition and the search a secretary types.

Each test runs on SQLite and on PostgreSQL (``any_url``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from db.tables import AuditRow, PatientPhoneRow, PatientRow
from desktop.domain.errors import (
    InvalidInput,
    InvalidNir,
    InvalidPhone,
    NotFound,
    PermissionDenied,
    PossibleDuplicate,
)
from desktop.domain.model import Phone, PhoneKind, Sex
from desktop.services.clock import FixedClock
from desktop.services.container import Services
from desktop.services.patients import PatientInput, parse_search_date
from tests.conftest import TEST_NOW
from tests.fakes import ADMIN, PHYSICIAN, SECRETARY

NIR = "280037512345642"  # a woman born in March 1980 in Paris: 97 - 2800375123456 % 97 = 42
# A man born in March 1980 in Corse-du-Sud: 2A counts as 19, 97 - 1800319123456 % 97 = 52.
NIR_CORSICA = "180032A12345652"


@pytest.fixture
def services(any_url):
    services = Services.open(any_url, FixedClock(TEST_NOW))
    yield services
    services.db.dispose()


def elodie(**changes) -> PatientInput:
    values = {
        "family_name": "DUPONT",
        "given_names": "Élodie",
        "birth_date": date(1980, 3, 12),
        "sex": "F",
        "birth_name": "MARTIN",
        "phones": ("06 12 34 56 78",),
        "email": "elodie.dupont@example.org",
        "nir": NIR,
    }
    values.update(changes)
    return PatientInput(**values)


def person(family: str, given: str, born: date = date(1975, 6, 1), **changes) -> PatientInput:
    return PatientInput(family_name=family, given_names=given, birth_date=born, **changes)


def row_counts(services: Services) -> tuple[int, int, int]:
    with services.db.read() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(t))
            for t in (PatientRow, PatientPhoneRow, AuditRow)
        )


def refused(services: Services, error: type[Exception], data: PatientInput, match: str) -> None:
    """Creating the patient is refused with a French message, and nothing is written."""
    before = row_counts(services)
    with pytest.raises(error, match=re.escape(match)):
        services.patients.create(SECRETARY, data)
    assert row_counts(services) == before


def found(services: Services, text: str) -> list[int]:
    return [p.id for p in services.patients.search(text)]


# --- creation -------------------------------------------------------------------------------


def test_create_checks_and_normalises_every_field(services) -> None:
    data = elodie(
        family_name="  DUPONT ",
        given_names=" Élodie   Marie ",
        phones=(
            "06 12 34 56 78",
            "+33 6 12 34 56 78",  # the same number: kept once
            "0692 12 34 56",  # a Réunion mobile: +262, not +33
            "01.49.28.20.00",
            "   ",  # an empty field is no number
        ),
        nir="2 80 03 75 123 456 42",
        email=" elodie.dupont@example.org ",
    )
    patient = services.patients.create(SECRETARY, data)
    assert (patient.family_name, patient.given_names) == ("DUPONT", "Élodie Marie")
    assert (patient.birth_name, patient.birth_date, patient.sex) == (
        "MARTIN",
        date(1980, 3, 12),
        Sex.F,
    )
    assert patient.phones == (
        Phone("+33612345678", PhoneKind.MOBILE),
        Phone("+262692123456", PhoneKind.MOBILE),
        Phone("+33149282000", PhoneKind.LANDLINE),
    )
    assert (patient.email, patient.nir) == ("elodie.dupont@example.org", NIR)
    assert patient.display_name == "DUPONT Élodie Marie (née MARTIN)"
    assert services.patients.get(patient.id) == patient
    with services.db.read() as s:
        row = s.get(PatientRow, patient.id)
        assert (row.search_key, row.birth_search_key, row.given_search_key) == (
            "dupont elodie marie",
            "martin elodie marie",
            "elodie marie dupont",
        )
        assert row.created_by == "secretaire-test"
        assert row.created_at == TEST_NOW


def test_minimal_patient(services) -> None:
    patient = services.patients.create(SECRETARY, person("Durand", "Paul"))
    assert (patient.sex, patient.birth_name, patient.phones) == (Sex.U, "", ())
    assert (patient.email, patient.nir) == ("", None)
    with services.db.read() as s:
        assert s.get(PatientRow, patient.id).birth_search_key == ""


def test_corsican_nir_is_accepted(services) -> None:
    patient = services.patients.create(
        SECRETARY, person("Santoni", "Ange", nir=NIR_CORSICA.lower())
    )
    assert patient.nir == NIR_CORSICA


@pytest.mark.parametrize(
    ("born", "match"),
    [
        (date(2027, 3, 16), "est dans le futur"),
        (date(2100, 1, 1), "est dans le futur"),
        (date(1899, 12, 31), "est antérieure à 1900"),
        (date(1066, 10, 14), "est antérieure à 1900"),
    ],
)
def test_impossible_birth_dates_are_refused(services, born: date, match: str) -> None:
    refused(services, InvalidInput, elodie(birth_date=born), match)


def test_birth_dates_at_the_bounds_are_accepted(services) -> None:
    services.patients.create(SECRETARY, person("Ancien", "Jean", date(1900, 1, 1)))
    services.patients.create(SECRETARY, person("Nouveau", "Né", date(2027, 3, 15)))  # today


@pytest.mark.parametrize("born", [None, "1980-03-12", datetime(1980, 3, 12, 8, 0)])
def test_a_birth_date_that_is_not_a_date_is_refused(services, born) -> None:
    refused(services, InvalidInput, elodie(birth_date=born), "date de naissance est obligatoire")


@pytest.mark.parametrize(
    "phone",
    ["06 12", "06 12 34 56 78 90 12", "06 CALL ME", "0612345678'; DROP TABLE patient;--", "+"],
)
def test_bad_phone_is_refused_and_nothing_is_written(services, phone: str) -> None:
    refused(services, InvalidPhone, elodie(phones=("06 12 34 56 78", phone)), "téléphone")


def test_more_than_four_phones_are_refused(services) -> None:
    phones = ("0612345678", "0612345679", "0612345670", "0612345671", "0612345672")
    refused(services, InvalidInput, elodie(phones=phones), "au plus 4 numéros")


@pytest.mark.parametrize(
    ("nir", "error", "match"),
    [
        ("280037512345643", InvalidNir, "La clé du NIR est fausse : 42 attendue, 43 saisie."),
        ("28003751234564", InvalidNir, "15 caractères"),
        ("980037512345642", InvalidNir, "15 caractères"),
        ("2800375123456AB", InvalidNir, "15 caractères"),
    ],
)
def test_nir_key_is_checked(services, nir: str, error, match: str) -> None:
    refused(services, error, elodie(nir=nir), match)


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"sex": "X"}, "Sexe inconnu « X »"),
        ({"sex": "f"}, "Sexe inconnu"),
        ({"email": "elodie@"}, "Adresse électronique invalide"),
        ({"email": "a b@example.org"}, "Adresse électronique invalide"),
        ({"email": "x" * 250 + "@example.org"}, "Adresse électronique invalide"),
        ({"family_name": "   "}, "« nom » est obligatoire"),
        ({"given_names": "\u202e\u0007"}, "« prénom » est obligatoire"),
        ({"family_name": "D" * 101}, "« nom » dépasse 100 caractères"),
        ({"given_names": "É" * 101}, "« prénom » dépasse 100 caractères"),
        ({"birth_name": "M" * 101}, "« nom de naissance » dépasse 100 caractères"),
    ],
)
def test_invalid_fields_are_refused(services, changes: dict, match: str) -> None:
    refused(services, InvalidInput, elodie(**changes), match)


def test_names_of_a_hundred_characters_are_accepted(services) -> None:
    # Composed or decomposed, "É" counts as one character.
    decomposed = unicodedata.normalize("NFD", "É") * 100
    patient = services.patients.create(SECRETARY, person("D" * 100, decomposed))
    assert patient.given_names == "É" * 100
    assert found(services, "d" * 100 + " e") == [patient.id]


def test_names_whose_search_key_grows_are_stored_and_found(services) -> None:
    # NFKD lengthens these (ß -> ss, a ligature -> two letters, Hangul -> jamo): the key would
    # outgrow its column (PostgreSQL refused the row); it is cut, and prefixes still match.
    patient = services.patients.create(SECRETARY, person("ß" * 100, "ﬀ" * 100))
    assert patient.family_name == "ß" * 100
    assert found(services, "ss" * 10) == [patient.id]
    assert found(services, "ß" * 100 + " " + "ff" * 100) == [patient.id]
    korean = services.patients.create(SECRETARY, person("김" * 90, "민준"))
    assert found(services, "김김") == [korean.id]
    assert found(services, "김" * 90) == [korean.id]


def test_control_characters_and_direction_overrides_are_stripped(services) -> None:
    patient = services.patients.create(
        SECRETARY,
        person(
            "Du\u202epont\u0007",
            "\u2066Élo\u200fdie\u2069\n",
            birth_name="Mar\u0000tin\u202d",
        ),
    )
    assert (patient.family_name, patient.given_names, patient.birth_name) == (
        "Dupont",
        "Élodie",
        "Martin",
    )
    assert found(services, "dupont elodie") == [patient.id]


def test_only_roles_that_edit_patients_may_create_or_update(services) -> None:
    with pytest.raises(PermissionDenied, match="créer ou modifier un patient"):
        services.patients.create(PHYSICIAN, elodie())
    assert row_counts(services) == (0, 0, 1)  # nothing but the refusal, in the audit trail
    patient = services.patients.create(ADMIN, elodie())
    with pytest.raises(PermissionDenied):
        services.patients.update(PHYSICIAN, patient.id, elodie(family_name="Autre"))
    assert services.patients.get(patient.id).family_name == "DUPONT"


def test_unknown_patient(services) -> None:
    with pytest.raises(NotFound, match=r"Patient inconnu : n° 999\."):
        services.patients.get(999)
    with pytest.raises(NotFound, match=r"Patient inconnu : n° 999\."):
        services.patients.update(SECRETARY, 999, elodie())
    assert row_counts(services) == (0, 0, 0)


# --- possible duplicates --------------------------------------------------------------------


def test_same_normalised_name_and_birth_date_is_a_possible_duplicate(services) -> None:
    first = services.patients.create(SECRETARY, elodie(family_name="DUPONT", given_names="Élodie"))
    twin = person("Dupont", "Elodie", date(1980, 3, 12), phones=("07 98 76 54 32",))
    before = row_counts(services)
    with pytest.raises(PossibleDuplicate) as info:
        services.patients.create(SECRETARY, twin)
    assert info.value.existing_ids == [first.id]
    assert info.value.message == (
        f"Doublon possible : DUPONT Élodie (née MARTIN), né(e) le 12/03/1980, existe déjà "
        f"(n° {first.id}). Vérifiez avant de créer."
    )
    assert row_counts(services) == before
    second = services.patients.create(SECRETARY, twin, allow_duplicate=True)
    assert second.id != first.id
    # A third one is warned about both.
    with pytest.raises(PossibleDuplicate) as info:
        services.patients.create(SECRETARY, person("dupont", "ÉLODIE", date(1980, 3, 12)))
    assert info.value.existing_ids == sorted([first.id, second.id])


@pytest.mark.parametrize(
    ("family", "given", "birth_name"),
    [
        ("DUPONT", "E\u0301lodie", ""),  # decomposed accent
        ("dupont", "élodie", "Martin"),
        ("Martin", "Élodie", ""),  # her birth name as a used name
        ("Durand", "Élodie", "Martin"),  # a married name now, born Martin like her
    ],
)
def test_duplicates_through_accents_and_birth_names(
    services, family: str, given: str, birth_name: str
) -> None:
    existing = services.patients.create(SECRETARY, elodie())
    with pytest.raises(PossibleDuplicate) as info:
        services.patients.create(
            SECRETARY, person(family, given, date(1980, 3, 12), birth_name=birth_name)
        )
    assert info.value.existing_ids == [existing.id]


def test_a_new_birth_name_matching_an_existing_used_name_is_a_possible_duplicate(
    services,
) -> None:
    existing = services.patients.create(SECRETARY, person("MARTIN", "Élodie", date(1980, 3, 12)))
    married = person("Durand", "Elodie", date(1980, 3, 12), birth_name="Martin")
    with pytest.raises(PossibleDuplicate) as info:
        services.patients.create(SECRETARY, married)
    assert info.value.existing_ids == [existing.id]


def test_a_hyphen_makes_another_name(services) -> None:
    services.patients.create(SECRETARY, elodie())
    # "du pont elodie" is not "dupont elodie": no warning.
    services.patients.create(SECRETARY, person("Du-Pont", "Élodie", date(1980, 3, 12)))


def test_same_name_other_birth_date_is_no_duplicate(services) -> None:
    services.patients.create(SECRETARY, elodie())
    other = services.patients.create(SECRETARY, elodie(birth_date=date(1980, 3, 13), nir=""))
    assert other.birth_date == date(1980, 3, 13)


def test_a_married_name_matching_a_birth_name_only_by_given_name_is_no_duplicate(services) -> None:
    services.patients.create(SECRETARY, person("Martin", "Élodie", date(1980, 3, 12)))
    services.patients.create(
        SECRETARY, person("Durand", "Élise", date(1980, 3, 12), birth_name="Martin")
    )


# --- search ---------------------------------------------------------------------------------


@pytest.fixture
def registry(services):
    """A few patients; returns their ids by a short name."""
    create = services.patients.create
    ids = {
        "elodie": create(
            SECRETARY,
            elodie(family_name="DUPONT", given_names="ÉLODIE", phones=("06 12 34 56 78",)),
        ).id,
        "dupuis": create(SECRETARY, person("Dupuis", "Marc", phones=("+262 692 12 34 56",))).id,
        "martinez": create(SECRETARY, person("Martinez", "Ana", date(1980, 3, 12))).id,
        "greek": create(SECRETARY, person("Παπαδόπουλος", "Νίκος")).id,
        "arabic": create(SECRETARY, person("حداد", "ليلى")).id,
        "chinese": create(SECRETARY, person("王", "小明")).id,
    }
    return ids


def test_search_ignores_case_and_accents(services, registry) -> None:
    assert found(services, "elodie") == [registry["elodie"]]
    assert found(services, "ÉLODIE") == [registry["elodie"]]
    assert found(services, "Élo") == [registry["elodie"]]
    assert found(services, unicodedata.normalize("NFD", "Élodie")) == [registry["elodie"]]
    assert found(services, "  DUPONT  ") == [registry["elodie"]]


def test_search_by_prefix_of_each_name_order(services, registry) -> None:
    assert found(services, "dup") == [registry["elodie"], registry["dupuis"]]  # by key
    assert found(services, "dupont el") == [registry["elodie"]]
    assert found(services, "elodie dup") == [registry["elodie"]]
    assert found(services, "dupont-élodie") == [registry["elodie"]]
    assert found(services, "dupont marc") == []


def test_search_by_birth_name(services, registry) -> None:
    # Used names come first, then birth names: Martinez, then Élodie née MARTIN.
    assert found(services, "martin") == [registry["martinez"], registry["elodie"]]
    assert found(services, "martin elo") == [registry["elodie"]]


def test_search_limit(services, registry) -> None:
    assert [p.id for p in services.patients.search("dup", limit=1)] == [registry["elodie"]]
    assert [p.id for p in services.patients.search("martin", limit=1)] == [registry["martinez"]]


@pytest.mark.parametrize("text", ["12/03/1980", "12-03-1980", "1980-03-12", "12.03.1980"])
def test_search_by_birth_date(services, registry, text: str) -> None:
    # Ordered by name key: "dupont elodie" before "martinez ana".
    assert found(services, text) == [registry["elodie"], registry["martinez"]]


def test_search_by_phone_in_national_and_international_notation(services, registry) -> None:
    for text in ("06 12 34 56 78", "0612345678", "+33 6 12 34 56 78", "0033 612 345 678"):
        assert found(services, text) == [registry["elodie"]], text
    for text in ("0692 12 34 56", "+262692123456"):
        assert found(services, text) == [registry["dupuis"]], text
    assert found(services, "06 12 34") == []  # not a whole number
    assert found(services, "07 12 34 56 78") == []


def test_search_non_latin_names(services, registry) -> None:
    assert found(services, "παπα") == [registry["greek"]]
    assert found(services, "ΠΑΠΑΔΟΠΟΥΛΟΣ") == [registry["greek"]]  # final sigma folds
    assert found(services, "νικος παπ") == [registry["greek"]]  # tonos ignored
    assert found(services, "حد") == [registry["arabic"]]
    assert found(services, "ليلى حداد") == [registry["arabic"]]
    assert found(services, "王") == [registry["chinese"]]
    assert found(services, "小明") == [registry["chinese"]]


@pytest.mark.parametrize("text", ["", "   ", "---", "''", None])
def test_empty_search_finds_nothing(services, registry, text) -> None:
    assert services.patients.search(text) == []


def test_special_characters_and_sql_fragments_match_literally(services) -> None:
    create = services.patients.create
    quoted = create(SECRETARY, person("O'Brien_x%", "Zoé")).id  # key "o brien_x% zoe"
    decoy = create(SECRETARY, person("OxBrienyx", "Zoé")).id  # what a LIKE "_" would match
    backslash = create(SECRETARY, person("Back\\slash", "Anne")).id
    percent = create(SECRETARY, person("100% Sûr", "Paul")).id
    patients_before = row_counts(services)[0]
    expectations = {
        "o'brien_x%": [quoted],
        "O’Brien_": [quoted],  # typographic apostrophe
        "o brien_x% z": [quoted],
        "o_brien": [],
        "o%brien": [],
        "ox": [decoy],
        "%": [],
        "_": [],
        "\\": [],
        "%%": [],
        "100%": [percent],
        "100_": [],
        "1%": [],
        "back\\": [backslash],
        "back\\s": [backslash],
        "back\\\\": [],
        "back%": [],
        "back_": [],
        "' OR 1=1 --": [],
        "' OR '1'='1": [],
        '" OR ""="': [],
        "'; DROP TABLE patient; --": [],
        "%' OR 1=1; --": [],
    }
    for text, ids in expectations.items():
        assert found(services, text) == ids, text
    assert row_counts(services)[0] == patients_before


def test_parse_search_date() -> None:
    assert parse_search_date(" 12/03/1980 ") == date(1980, 3, 12)
    assert parse_search_date("12031980") == date(1980, 3, 12)
    assert parse_search_date("31/02/1980") is None
    assert parse_search_date("dupont") is None


# --- update and audit -----------------------------------------------------------------------


def test_update_changes_fields_and_search_keys(services) -> None:
    patient = services.patients.create(SECRETARY, elodie())
    updated = services.patients.update(
        SECRETARY,
        patient.id,
        elodie(
            family_name="Lefèvre",
            given_names="Élodie",
            birth_name="",
            phones=("07 98 76 54 32",),
            email="",
            nir="",
            sex="U",
        ),
    )
    assert updated.id == patient.id
    assert (updated.family_name, updated.birth_name, updated.sex) == ("Lefèvre", "", Sex.U)
    assert updated.phones == (Phone("+33798765432", PhoneKind.MOBILE),)
    assert (updated.email, updated.nir) == ("", None)
    assert services.patients.get(patient.id) == updated
    assert found(services, "lefevre") == [patient.id]
    assert found(services, "elodie lef") == [patient.id]
    assert found(services, "dupont") == []
    assert found(services, "martin") == []
    assert found(services, "06 12 34 56 78") == []
    assert found(services, "07 98 76 54 32") == [patient.id]
    with services.db.read() as s:
        assert s.scalar(select(func.count()).select_from(PatientPhoneRow)) == 1


def test_update_validates_like_create(services) -> None:
    patient = services.patients.create(SECRETARY, elodie())
    before = row_counts(services)
    with pytest.raises(InvalidPhone):
        services.patients.update(SECRETARY, patient.id, elodie(phones=("12",)))
    with pytest.raises(InvalidNir):
        services.patients.update(SECRETARY, patient.id, elodie(nir="280037512345600"))
    assert row_counts(services) == before
    assert services.patients.get(patient.id) == patient


def test_audit_records_carry_no_identity(services) -> None:
    patient = services.patients.create(SECRETARY, elodie(phones=("06 12 34 56 78", "0149282000")))
    services.patients.update(
        ADMIN,
        patient.id,
        elodie(family_name="Lefèvre", phones=("07 98 76 54 32",), birth_name="", nir=""),
    )
    with services.db.read() as s:
        rows = s.scalars(select(AuditRow).order_by(AuditRow.id)).all()
        records = [
            {
                "actor": r.actor,
                "workstation": r.workstation,
                "action": r.action,
                "object_type": r.object_type,
                "object_id": r.object_id,
                "before": r.before,
                "after": r.after,
            }
            for r in rows
        ]
    assert [(r["action"], r["object_id"], r["actor"]) for r in records] == [
        ("patient.create", patient.id, "secretaire-test"),
        ("patient.update", patient.id, "admin-test"),
    ]
    assert records[0]["after"] == {"phones": 2}
    assert records[1]["before"] == {
        "phones": 2,
        "has_email": True,
        "has_nir": True,
        "has_birth_name": True,
    }
    assert records[1]["after"] == {
        "phones": 1,
        "has_email": True,
        "has_nir": False,
        "has_birth_name": False,
    }
    dumped = json.dumps(records, ensure_ascii=False).casefold()
    for secret in (
        "dupont",
        "lefèvre",
        "élodie",
        "elodie",
        "martin",
        "612345678",
        "149282000",
        "798765432",
        "example.org",
        NIR,
        "1980",
    ):
        assert secret not in dumped, secret
