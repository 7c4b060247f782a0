"""The structure file parser: every mistake names the file, the line and the key, in French.

``BASE`` is a small valid file whose line numbers are written out below; each test changes one
line (or removes it) and checks the exact line reported.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from desktop.domain.errors import InvalidInput, StructureError
from desktop.domain.structure import (
    AbsenceSpec,
    ClosureSpec,
    HospitalSpec,
    OpeningSpec,
    PractitionerSpec,
    SiteSpec,
    VisitReasonSpec,
    locate,
    parse_structure,
)
from tests.conftest import product_example_toml

SOURCE = "essai.toml"

# The numbers in the margin are the file's lines (checked by test_base_lines_are_as_numbered).
LINES = {
    1: "# Fichier d'essai",
    2: "[hospital]",
    3: 'name = "Hôpital d\'essai"',
    4: 'timezone = "Europe/Paris"',
    5: 'country_holidays = "FR"',
    6: 'booking_url = "https://hopital.example/rdv"',
    7: 'phone = "01 49 28 20 00"',
    8: "",
    9: "[[sites]]",
    10: 'code = "SAT"',
    11: 'name = "Site Saint-Antoine"',
    12: 'address = "184 rue du Faubourg Saint-Antoine"',
    13: "",
    14: "[[departments]]",
    15: 'code = "CARDIO"',
    16: 'name = "Cardiologie"',
    17: 'site = "SAT"',
    18: "",
    19: "[[visit_reasons]]",
    20: 'code = "C1"',
    21: 'department = "CARDIO"',
    22: 'label = "Première consultation"',
    23: "duration_min = 30",
    24: 'color = "#d94f4f"',
    25: "min_notice_hours = 24",
    26: "",
    27: "[[visit_reasons]]",
    28: 'code = "C2"',
    29: 'department = "CARDIO"',
    30: 'label = "Suivi"',
    31: "duration_min = 15",
    32: 'instructions = """',
    33: "[[practitioners]]",
    34: 'code = "un piège dans un texte"',
    35: '"""',
    36: "",
    37: "[[practitioners]]",
    38: 'code = "DUPONT"',
    39: 'name = "Dr Marie Dupont"',
    40: 'department = "CARDIO"',
    41: 'rpps = "10003456789"',
    42: "",
    43: "[[openings]]",
    44: 'practitioner = "DUPONT"',
    45: 'site = "SAT"',
    46: 'weekday = "monday"',
    47: 'start = "09:00"',
    48: 'end = "12:30"',
    49: "step_min = 15",
    50: 'visit_reasons = ["C1", "C2"]',
    51: 'weeks = "even"',
    52: 'valid_from = "2026-01-05"',
    53: 'valid_to = "2027-12-31"',
    54: "",
    55: "[[openings]]",
    56: 'practitioner = "DUPONT"',
    57: 'site = "SAT"',
    58: 'weekday = "Tuesday"',
    59: 'start = "14:00"',
    60: 'end = "17:00"',
    61: "step_min = 20",
    62: 'visit_reasons = ["C2"]',
    63: "",
    64: "[[absences]]",
    65: 'practitioner = "DUPONT"',
    66: 'start = "2027-08-02T00:00"',
    67: 'end = "2027-08-23T00:00"',
    68: 'reason = "Congés"',
    69: "",
    70: "[[closures]]",
    71: 'site = "SAT"',
    72: 'from = "2027-12-24"',
    73: 'to = "2027-12-26"',
    74: 'reason = "Fermeture"',
}
BASE = "\n".join(LINES[n] for n in sorted(LINES)) + "\n"


def edited(changes: dict[int, str | None]) -> str:
    """BASE with some lines replaced (None: the line removed, so later lines move up by one)."""
    lines = [changes[n] if n in changes else LINES[n] for n in sorted(LINES)]
    kept = [line for line in lines if line is not None]
    return "\n".join(kept) + "\n"


def refused(text: str) -> str:
    with pytest.raises(StructureError) as info:
        parse_structure(text, SOURCE)
    return info.value.message


def assert_refused(text: str, line: int, key: str, *fragments: str) -> str:
    """The file is refused naming SOURCE, the exact line and the key."""
    message = refused(text)
    assert message.startswith(f"{SOURCE}, ligne {line}, "), message
    assert f"clé « {key} »" in message, message
    for fragment in fragments:
        assert fragment in message, message
    assert message.endswith("."), message
    return message


# --- the valid file -------------------------------------------------------------------------


def test_base_lines_are_as_numbered() -> None:
    lines = BASE.splitlines()
    assert len(lines) == 74
    for number, content in LINES.items():
        assert lines[number - 1] == content


def test_base_is_parsed_into_specifications() -> None:
    spec = parse_structure(BASE, SOURCE)
    assert spec.hospital == HospitalSpec(
        name="Hôpital d'essai",
        timezone="Europe/Paris",
        country_holidays="FR",
        booking_url="https://hopital.example/rdv",
        phone="+33149282000",  # normalised to E.164 while parsing
    )
    assert spec.sites == (
        SiteSpec("SAT", "Site Saint-Antoine", "184 rue du Faubourg Saint-Antoine"),
    )
    assert [d.code for d in spec.departments] == ["CARDIO"]
    first, follow_up = spec.visit_reasons
    assert first == VisitReasonSpec(
        code="C1",
        department="CARDIO",
        label="Première consultation",
        duration_min=30,
        online=False,
        new_patients=True,
        min_notice_hours=24,
        color="#d94f4f",
        instructions="",
    )
    assert follow_up.color == "#4f7fd9"  # the default colour
    assert follow_up.min_notice_hours is None
    assert follow_up.instructions == '[[practitioners]]\ncode = "un piège dans un texte"'
    assert spec.practitioners == (
        PractitionerSpec("DUPONT", "Dr Marie Dupont", "CARDIO", "10003456789"),
    )
    monday, tuesday = spec.openings
    assert monday == OpeningSpec(
        practitioner="DUPONT",
        site="SAT",
        weekday=0,
        start=time(9, 0),
        end=time(12, 30),
        step_min=15,
        visit_reasons=("C1", "C2"),
        weeks="even",
        valid_from=date(2026, 1, 5),
        valid_to=date(2027, 12, 31),
    )
    assert tuesday.weekday == 1  # "Tuesday": case does not matter
    assert tuesday.weeks == "all"
    assert tuesday.valid_from == date(2000, 1, 1)
    assert tuesday.valid_to is None
    assert spec.absences == (
        AbsenceSpec("DUPONT", datetime(2027, 8, 2), datetime(2027, 8, 23), "Congés"),
    )
    assert spec.closures == (
        ClosureSpec("SAT", date(2027, 12, 24), date(2027, 12, 26), "Fermeture"),
    )


def test_product_example_parses_with_its_opening_naming_cardio_suivi() -> None:
    # The unknown code is the loader's business (it needs the database): the syntax is valid.
    spec = parse_structure(product_example_toml(), "PRODUCT.md")
    assert spec.openings[0].visit_reasons == ("CARDIO-1", "CARDIO-SUIVI")
    assert spec.visit_reasons[0].online is True
    assert spec.hospital is not None and spec.hospital.phone == "+33149282000"


def test_empty_file_is_an_empty_structure() -> None:
    spec = parse_structure("", SOURCE)
    assert spec.hospital is None
    assert spec.sites == spec.openings == spec.absences == ()


def test_native_toml_dates_and_datetimes_are_accepted() -> None:
    text = edited(
        {
            52: "valid_from = 2026-01-05",
            53: "valid_to = 2027-12-31",
            66: "start = 2027-08-02T00:00:00+02:00",
            67: "end = 2027-08-23T00:00:00+02:00",
            72: "from = 2027-12-24",
            73: "to = 2027-12-26",
        }
    )
    spec = parse_structure(text, SOURCE)
    assert spec.openings[0].valid_from == date(2026, 1, 5)
    paris_summer = timezone(timedelta(hours=2))
    assert spec.absences[0].start == datetime(2027, 8, 2, tzinfo=paris_summer)
    assert spec.closures[0].date_to == date(2027, 12, 26)


def test_offsets_in_absence_strings_are_kept() -> None:
    spec = parse_structure(
        edited({66: 'start = "2027-08-02T00:00+02:00"', 67: 'end = "2027-08-22T22:00Z"'}), SOURCE
    )
    assert spec.absences[0].start.utcoffset() == timedelta(hours=2)
    assert spec.absences[0].end.utcoffset() == timedelta(0)


def test_quoted_keys_and_optional_empty_values() -> None:
    spec = parse_structure(edited({10: '"code" = "SAT"', 5: 'country_holidays = ""'}), SOURCE)
    assert spec.sites[0].code == "SAT"
    assert spec.hospital is not None and spec.hospital.country_holidays is None


def test_hospital_without_phone_or_url() -> None:
    spec = parse_structure(edited({6: None, 7: None}), SOURCE)
    assert spec.hospital is not None
    assert (spec.hospital.booking_url, spec.hospital.phone) == ("", "")


# --- TOML syntax ----------------------------------------------------------------------------


def test_toml_syntax_error_gives_line_and_column() -> None:
    message = refused(edited({23: "duration_min = 30 30"}))
    assert message == (
        f"{SOURCE}, ligne 23, colonne 19 : syntaxe TOML invalide (fin de ligne attendue)."
    )


def test_toml_syntax_error_bad_value() -> None:
    message = refused(edited({63: "online = oui"}))
    assert message.startswith(f"{SOURCE}, ligne 63, colonne 10 : syntaxe TOML invalide")
    assert "valeur invalide" in message


def test_toml_syntax_error_at_end_of_document_names_the_last_line() -> None:
    message = refused(BASE + 'note = "pas fermé')
    assert message.startswith(f"{SOURCE}, ligne 75, colonne 18 : syntaxe TOML invalide")
    assert "texte non terminé" in message


def test_toml_syntax_error_of_an_unlisted_kind_is_still_french() -> None:
    message = refused(edited({74: 'reason = "a\\qb"'}))
    assert message.startswith(f"{SOURCE}, ligne 74, colonne")
    assert "syntaxe TOML invalide (erreur de syntaxe)" in message


def test_repeated_key_is_a_syntax_error_on_its_line() -> None:
    message = refused(edited({24: "duration_min = 45"}))
    assert message.startswith(f"{SOURCE}, ligne 24, ")
    assert "clé donnée deux fois" in message


# --- sections -------------------------------------------------------------------------------


def test_unknown_section_names_its_line() -> None:
    message = refused(edited({43: "[[opening]]"}))
    assert message.startswith(f"{SOURCE}, ligne 43, section « opening » : section inconnue")
    assert "openings" in message  # the allowed sections are listed


def test_unknown_top_level_key_names_its_line() -> None:
    message = refused(edited({1: 'version = "1"'}))
    assert message.startswith(f"{SOURCE}, ligne 1, section « version » : section inconnue")


def test_list_section_written_as_a_table() -> None:
    message = refused(edited({9: "[sites]"}))
    assert message == (
        f"{SOURCE}, ligne 9, section « sites » : "
        "elle doit s'écrire [[sites]], une fois par élément."
    )


def test_hospital_written_as_a_list() -> None:
    message = refused(edited({2: "[[hospital]]"}))
    assert message.startswith(f"{SOURCE}, ligne 2, [hospital] : ce doit être une table")


def test_element_that_is_not_a_table() -> None:
    message = refused('# sites\nsites = ["SAT"]\n')
    assert message == f"{SOURCE}, ligne 2, [[sites]] n° 1 : ce doit être une table."


# --- keys -----------------------------------------------------------------------------------


def test_unknown_key_typo() -> None:
    assert_refused(
        edited({49: "stepmin = 15"}),
        49,
        "stepmin",
        "[[openings]] n° 1",
        "clé inconnue",
        "step_min",  # the allowed keys are listed
    )


def test_unknown_key_in_the_second_element_of_a_section() -> None:
    assert_refused(edited({61: "step = 20"}), 61, "step", "[[openings]] n° 2", "clé inconnue")


def test_unknown_key_in_hospital() -> None:
    assert_refused(edited({5: 'holidays = "FR"'}), 5, "holidays", "[hospital]", "clé inconnue")


def test_unknown_sub_table_names_its_header_line() -> None:
    text = BASE + "[closures.extra]\nnote = 1\n"
    assert_refused(text, 75, "extra", "[[closures]] n° 1", "clé inconnue")


def test_unknown_dotted_key_names_its_line() -> None:
    assert_refused(edited({74: "reason.text = 'x'"}), 74, "reason", "du texte attendu")


@pytest.mark.parametrize(
    ("line", "content", "key", "expected"),
    [
        (23, 'duration_min = "30"', "duration_min", "un nombre entier attendu, pas « 30 »"),
        (23, "duration_min = 30.0", "duration_min", "un nombre entier attendu"),
        (23, "duration_min = true", "duration_min", "un nombre entier attendu, pas « true »"),
        (25, "min_notice_hours = false", "min_notice_hours", "un nombre entier attendu"),
        (24, "color = 3", "color", "du texte attendu, pas « 3 »"),
        (50, 'visit_reasons = "C1"', "visit_reasons", "une liste attendue, pas « C1 »"),
        (46, "weekday = 1", "weekday", "du texte attendu"),
        (52, "valid_from = 20260105", "valid_from", "une date ou un texte attendu"),
        (66, "start = 2027-08-02", "start", "une date ou un texte attendu"),
        (10, "code = 12", "code", "du texte attendu"),
    ],
)
def test_wrong_types(line: int, content: str, key: str, expected: str) -> None:
    assert_refused(edited({line: content}), line, key, expected)


def test_wrong_type_of_a_boolean() -> None:
    text = edited({24: 'online = "yes"'})
    assert_refused(text, 24, "online", "true ou false attendu, pas « yes »")


@pytest.mark.parametrize(
    ("removed", "header", "key", "section"),
    [
        (23, 19, "duration_min", "[[visit_reasons]] n° 1"),
        (30, 27, "label", "[[visit_reasons]] n° 2"),
        (20, 19, "code", "[[visit_reasons]] n° 1"),
        (3, 2, "name", "[hospital]"),
        (17, 14, "site", "[[departments]] n° 1"),
        (48, 43, "end", "[[openings]] n° 1"),
        (62, 55, "visit_reasons", "[[openings]] n° 2"),
        (73, 70, "to", "[[closures]] n° 1"),
    ],
)
def test_missing_required_key_names_the_table_header(
    removed: int, header: int, key: str, section: str
) -> None:
    # The header is above the removed line, so its number does not move.
    assert_refused(edited({removed: None}), header, key, section, "clé obligatoire absente")


def test_empty_required_text() -> None:
    assert_refused(edited({39: 'name = "   "'}), 39, "name", "valeur vide")


def test_too_long_texts_are_refused_with_their_length() -> None:
    long_name = "x" * 201
    assert_refused(
        edited({11: f'name = "{long_name}"'}), 11, "name", "texte trop long (201 caractères"
    )
    assert_refused(edited({68: f'reason = "{"y" * 201}"'}), 68, "reason", "200 au plus")
    assert_refused(edited({12: f'address = "{"z" * 501}"'}), 12, "address", "500 au plus")


@pytest.mark.parametrize(
    "code", ["SA T", "S@T", "é", "x" * 41, ""], ids=["space", "at", "accent", "long", "empty"]
)
def test_invalid_codes(code: str) -> None:
    message = assert_refused(edited({10: f'code = "{code}"'}), 10, "code")
    assert "code invalide" in message or "valeur vide" in message


# --- values ---------------------------------------------------------------------------------


@pytest.mark.parametrize("weekday", ["lundi", "mon", "", "mondays"])
def test_invalid_weekday(weekday: str) -> None:
    text = edited({46: f'weekday = "{weekday}"'})
    message = assert_refused(text, 46, "weekday")
    assert "jour inconnu" in message or "valeur vide" in message


@pytest.mark.parametrize(
    "value", ["9h", "09", "0900", "24:00", "12:60", "09:00:30", "09:00+01:00", "midi", "-1:00"]
)
def test_invalid_start_time(value: str) -> None:
    assert_refused(edited({47: f'start = "{value}"'}), 47, "start", "heure invalide", "HH:MM")


def test_offset_on_the_end_time_is_refused_not_a_crash() -> None:
    # A time with an offset used to reach the comparison with a naive start: TypeError.
    assert_refused(edited({48: 'end = "12:30+01:00"'}), 48, "end", "heure invalide")


def test_single_digit_hour_is_accepted() -> None:
    spec = parse_structure(edited({47: 'start = "9:05"'}), SOURCE)
    assert spec.openings[0].start == time(9, 5)


@pytest.mark.parametrize("end", ["09:00", "08:45"])
def test_end_not_after_start(end: str) -> None:
    assert_refused(
        edited({48: f'end = "{end}"'}), 48, "end", f"la fin ({end}) doit suivre le début (09:00)"
    )


@pytest.mark.parametrize("value", ["2026-02-30", "05/01/2026", "2026-13-01", "demain"])
def test_invalid_date(value: str) -> None:
    assert_refused(
        edited({52: f'valid_from = "{value}"'}), 52, "valid_from", "date invalide", "AAAA-MM-JJ"
    )


def test_native_datetime_where_a_date_is_expected() -> None:
    assert_refused(edited({72: "from = 2027-12-24T10:00:00"}), 72, "from", "date invalide")


def test_valid_to_before_valid_from() -> None:
    assert_refused(
        edited({53: 'valid_to = "2026-01-04"'}),
        53,
        "valid_to",
        "la fin de validité (04/01/2026) précède son début",
    )


def test_valid_to_equal_to_valid_from_is_one_day() -> None:
    spec = parse_structure(edited({53: 'valid_to = "2026-01-05"'}), SOURCE)
    assert spec.openings[0].valid_to == spec.openings[0].valid_from


@pytest.mark.parametrize("weeks", ["pair", "EVEN", "1"])
def test_invalid_weeks(weeks: str) -> None:
    assert_refused(edited({51: f'weeks = "{weeks}"'}), 51, "weeks", "valeur inconnue")


@pytest.mark.parametrize("value", ["[]", '["C1", 3]', '["C1", " "]'])
def test_invalid_visit_reason_lists(value: str) -> None:
    assert_refused(
        edited({50: f"visit_reasons = {value}"}), 50, "visit_reasons", "une liste non vide"
    )


@pytest.mark.parametrize(
    ("line", "content", "key"),
    [
        (23, "duration_min = 0", "duration_min"),
        (23, "duration_min = 721", "duration_min"),
        (23, "duration_min = -30", "duration_min"),
        (49, "step_min = 0", "step_min"),
        (25, "min_notice_hours = 0", "min_notice_hours"),
        (25, "min_notice_hours = 8761", "min_notice_hours"),
    ],
)
def test_numbers_out_of_bounds(line: int, content: str, key: str) -> None:
    assert_refused(edited({line: content}), line, key, "hors des bornes")


@pytest.mark.parametrize("color", ["red", "#d94f4", "#d94f4fa", "d94f4f", "#gggggg"])
def test_invalid_colour(color: str) -> None:
    assert_refused(edited({24: f'color = "{color}"'}), 24, "color", "couleur invalide", "#RRVVBB")


@pytest.mark.parametrize("rpps", ["1234", "1000345678A", "100034567890", "1000 3456789"])
def test_invalid_rpps(rpps: str) -> None:
    assert_refused(edited({41: f'rpps = "{rpps}"'}), 41, "rpps", "numéro RPPS invalide")


def test_empty_rpps_is_no_rpps() -> None:
    assert parse_structure(edited({41: 'rpps = ""'}), SOURCE).practitioners[0].rpps is None


@pytest.mark.parametrize(
    ("line", "content", "key", "expected"),
    [
        (4, 'timezone = "Europe/Pariss"', "timezone", "fuseau horaire inconnu"),
        (4, 'timezone = "europe/paris"', "timezone", "fuseau horaire inconnu"),
        (5, 'country_holidays = "XX"', "country_holidays", "pays inconnu « XX »"),
        (7, 'phone = "01 49 28"', "phone", "n'est pas un numéro de téléphone valide"),
        (7, 'phone = "call us"', "phone", "n'est pas un numéro de téléphone"),
        (6, 'booking_url = "hopital.example"', "booking_url", "adresse invalide"),
        (6, 'booking_url = "https://a b"', "booking_url", "adresse invalide"),
        (6, 'booking_url = "javascript:alert(1)"', "booking_url", "adresse invalide"),
    ],
)
def test_invalid_hospital_settings(line: int, content: str, key: str, expected: str) -> None:
    assert_refused(edited({line: content}), line, key, "[hospital]", expected)


# --- duplicates -----------------------------------------------------------------------------


def test_duplicate_visit_reason_code_names_the_second() -> None:
    assert_refused(
        edited({28: 'code = "C1"'}),
        28,
        "code",
        "[[visit_reasons]] n° 2",
        "le code « C1 » apparaît deux fois",
    )


@pytest.mark.parametrize(
    ("section", "block", "line"),
    [
        ("sites", '[[sites]]\ncode = "SAT"\nname = "Autre"\n', 77),
        ("departments", '[[departments]]\ncode = "CARDIO"\nname = "Bis"\nsite = "SAT"\n', 77),
        (
            "practitioners",
            '[[practitioners]]\ncode = "DUPONT"\nname = "Homonyme"\ndepartment = "CARDIO"\n',
            77,
        ),
    ],
)
def test_duplicate_codes_in_each_section(section: str, block: str, line: int) -> None:
    assert_refused(BASE + "\n" + block, line, "code", f"[[{section}]] n° 2", "apparaît deux fois")


# --- absences and closures ------------------------------------------------------------------


@pytest.mark.parametrize("end", ["2027-08-01T00:00", "2027-08-02T00:00"])
def test_absence_end_not_after_start(end: str) -> None:
    assert_refused(
        edited({67: f'end = "{end}"'}),
        67,
        "end",
        "[[absences]] n° 1",
        "la fin de l'absence doit suivre son début",
    )


def test_absence_with_and_without_offset_is_refused() -> None:
    assert_refused(edited({67: 'end = "2027-08-23T00:00+02:00"'}), 67, "end", "avec ou sans fuseau")


@pytest.mark.parametrize("value", ["2027-08-32T00:00", "2 août", "2027-08-02T25:00"])
def test_absence_invalid_moment(value: str) -> None:
    assert_refused(edited({66: f'start = "{value}"'}), 66, "start", "date et heure invalides")


def test_absence_of_a_whole_day_given_as_dates() -> None:
    spec = parse_structure(edited({66: 'start = "2027-08-02"', 67: 'end = "2027-08-03"'}), SOURCE)
    assert spec.absences[0].start == datetime(2027, 8, 2)


def test_closure_to_before_from() -> None:
    assert_refused(
        edited({73: 'to = "2027-12-23"'}),
        73,
        "to",
        "[[closures]] n° 1",
        "la fin (23/12/2027) précède le début (24/12/2027)",
    )


def test_closure_of_one_day() -> None:
    spec = parse_structure(edited({73: 'to = "2027-12-24"'}), SOURCE)
    assert spec.closures[0].date_from == spec.closures[0].date_to


# --- line numbers ---------------------------------------------------------------------------


def test_text_in_a_multi_line_string_is_not_taken_for_a_table() -> None:
    # Lines 33-34 hold "[[practitioners]]" and "code = …" inside a string: the real
    # practitioner's rpps is on line 41, not in the "table" the text seems to open.
    assert_refused(edited({41: 'rpps = "12"'}), 41, "rpps", "[[practitioners]] n° 1")
    # And when the key is missing, the real header is named.
    assert_refused(edited({39: None}), 37, "name", "clé obligatoire absente")


def test_interleaved_sections_are_counted_per_section() -> None:
    text = BASE + '\n[[sites]]\ncode = "SITE 2"\nname = "Deux"\n'
    assert_refused(text, 77, "code", "[[sites]] n° 2", "code invalide")


def test_single_quoted_multi_line_strings_are_skipped_too() -> None:
    text = edited({32: "instructions = '''", 35: "'''"})
    assert_refused(text.replace('rpps = "10003456789"', 'rpps = "1"'), 41, "rpps")


def test_locate() -> None:
    assert locate(BASE, "openings", 1, "step_min") == 61
    assert locate(BASE, "openings", 1, "missing") == 55  # the header
    assert locate(BASE, "openings", 1, "") == 55
    assert locate(BASE, "openings", 2, "step_min") is None  # no third opening
    assert locate(BASE, "hospital", 0, "phone") == 7
    assert locate(BASE, "absences", 0, "reason") == 68
    # A key of the next table is not taken for a missing one of this table.
    assert locate(BASE, "absences", 0, "site") == 64
    assert locate('# c\nsites = [{ code = "A" }]\n', "sites", 0, "code") == 2
    # A sub-table of the element is part of it; a key absent from both gives the header.
    with_sub_table = BASE + "[closures.extra]\nnote = 1\n"
    assert locate(with_sub_table, "closures", 0, "missing") == 70
    assert locate(with_sub_table, "closures", 0, "extra") == 75


def test_unknown_section_whose_line_cannot_be_found_still_names_the_file() -> None:
    message = refused('"\\u0061b" = 1\n')  # an escaped key: "ab"
    assert message.startswith(f"{SOURCE}, section « ab » : section inconnue")


def test_errors_are_invalid_input() -> None:
    # The user-facing hierarchy: a structure error is a bad-input refusal.
    with pytest.raises(InvalidInput):
        parse_structure("[[nope]]\n", SOURCE)
