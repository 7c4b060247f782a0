"""French identity rules: the NIR and its key, birth dates, patient names."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest

from desktop.domain.errors import InvalidInput, InvalidNir
from desktop.domain.identity import (
    EARLIEST_BIRTH,
    MAX_NAME_LENGTH,
    check_birth_date,
    check_name,
    normalize_nir,
)


def nir_key(body: str) -> int:
    """The key of a 13-character NIR body, written out independently of the code under test.

    INSEE's rule for Corsica: read 2A / 2B as 20 and subtract 1,000,000 / 2,000,000.
    """
    corsica = {"2A": 1_000_000, "2B": 2_000_000}.get(body[5:7], 0)
    number = int(body[:5] + ("20" if corsica else body[5:7]) + body[7:]) - corsica
    return 97 - number % 97


def with_key(body: str) -> str:
    return f"{body}{nir_key(body):02d}"


# --- NIR --------------------------------------------------------------------------------------

# The example NIR printed in many guides, its key worked out by hand:
# 27737624620 × 97 = 2690549588140, so 2690549588157 mod 97 = 17 and the key is 97 - 17 = 80.
KNOWN_NIR = "269054958815780"


def test_known_example_nir() -> None:
    assert 27737624620 * 97 + 17 == 2690549588157  # the hand computation above
    assert nir_key(KNOWN_NIR[:13]) == 80
    assert normalize_nir(KNOWN_NIR) == KNOWN_NIR


BODIES = [
    "2690549588157",  # woman born May 1969 in the Vienne
    "1850578006084",  # man born May 1985 in the Yvelines
    "2930775123456",
    "1551299999999",
    "1000101001001",
    "1850578006071",  # key 07: a leading zero
    "3850578006084",  # provisional numbers
    "4850578006084",
    "7850578006084",
    "8850578006084",
    "1859997412345",  # born abroad (department 99)
    "2859712345678",  # overseas department (97x)
]


@pytest.mark.parametrize("body", BODIES)
def test_valid_nir_with_computed_key(body: str) -> None:
    nir = with_key(body)
    assert len(nir) == 15
    assert normalize_nir(nir) == nir


def test_key_with_a_leading_zero() -> None:
    assert nir_key("1850578006071") == 7
    assert normalize_nir("185057800607107") == "185057800607107"


@pytest.mark.parametrize(
    "typed",
    [
        "2 69 05 49 588 157 80",
        "2.69.05.49.588.157.80",
        "2-69-05-49-588-157-80",
        "  269054958815780  ",
        "2\u00a069\u00a005\u00a049\u00a0588\u00a0157\u00a080",  # non-breaking spaces
        "2\t69 05 49\n588 157 80",
        "２６９０５４９５８８１５７８０",  # full-width digits
        "2 69 05 49 588 157 80".replace(" ", "\u202f"),  # narrow non-breaking spaces
    ],
)
def test_spaces_dots_and_dashes_are_accepted(typed: str) -> None:
    assert normalize_nir(typed) == KNOWN_NIR


CORSICA = [
    # (body, key worked out by hand with 2A read as 19 and 2B as 18)
    ("180022A004001", 84),  # 1800219004001 % 97 = 13 -> 84
    ("180022B004001", 14),  # 1800218004001 % 97 = 83 -> 14
]


@pytest.mark.parametrize(("body", "key"), CORSICA)
def test_corsica_bodies(body: str, key: int) -> None:
    assert nir_key(body) == key
    replaced = body.replace("2A", "19") if "2A" in body else body.replace("2B", "18")
    assert 97 - int(replaced) % 97 == key
    nir = f"{body}{key:02d}"
    assert normalize_nir(nir) == nir
    assert normalize_nir(nir.lower()) == nir
    assert normalize_nir(f"{nir[0]} {nir[1:3]} {nir[3:5]} {nir[5:7]} {nir[7:10]} {nir[10:]}") == nir


@pytest.mark.parametrize("department", ["2A", "2B"])
@pytest.mark.parametrize(
    ("born", "place"),
    [("18002", "004001"), ("25512", "188123"), ("10001", "001001"), ("29907", "999999")],
)
def test_corsica_keys_computed(department: str, born: str, place: str) -> None:
    nir = with_key(f"{born}{department}{place}")
    assert normalize_nir(nir) == nir


def test_corsica_key_is_not_the_key_of_department_20() -> None:
    body = "180022A004001"
    naive = 97 - int(body.replace("2A", "20")) % 97
    assert naive != 84
    with pytest.raises(InvalidNir) as caught:
        normalize_nir(f"{body}{naive:02d}")
    assert "84 attendue" in caught.value.message


@pytest.mark.parametrize("body", BODIES + [body for body, _ in CORSICA])
def test_wrong_key_gives_the_expected_key(body: str) -> None:
    key = nir_key(body)
    wrong = key % 97 + 1  # another key in 1..97
    with pytest.raises(InvalidNir) as caught:
        normalize_nir(f"{body}{wrong:02d}")
    message = caught.value.message
    assert "clé" in message
    assert f"{key:02d} attendue" in message
    assert f"{wrong:02d} saisie" in message


@pytest.mark.parametrize(
    "typed",
    [
        "296054958815780",  # two digits swapped
        "269054958815708",  # the key's digits swapped
        "269054958815880",  # one digit mistyped
        "269054958815781",
    ],
)
def test_typing_slips_are_caught_by_the_key(typed: str) -> None:
    with pytest.raises(InvalidNir) as caught:
        normalize_nir(typed)
    assert "La clé du NIR est fausse" in caught.value.message


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "26905495881578",  # 14 characters
        "2690549588157800",  # 16 characters
        "2690549588157",  # no key
        "2 69 05 49 588 157",
        "569054958815780",  # 5 is no sex digit
        "069054958815780",
        "969054958815780",
        "26905495881578O",  # letter O for zero
        "2690549588157AB",
        "269052C58815780",  # only 2A and 2B are letters
        "2A9054958815780",  # 2A out of place
        "26905495881578\u0660",  # Arabic-Indic zero
        "٢٦٩٠٥٤٩٥٨٨١٥٧٨٠",  # Arabic-Indic digits throughout
        "2_69_05_49_588_157_80",
        "2/69/05/49/588/157/80",
        "'; DROP TABLE patient;--",
        "<script>",
    ],
)
def test_wrong_length_or_format_is_refused(typed: str) -> None:
    with pytest.raises(InvalidNir) as caught:
        normalize_nir(typed)
    assert "15 caractères" in caught.value.message


def test_none_is_refused_like_empty() -> None:
    with pytest.raises(InvalidNir, match="15 caractères"):
        normalize_nir(None)  # type: ignore[arg-type]


def test_returned_nir_is_ascii() -> None:
    nir = normalize_nir("２６９０５４９５８８１５７８０")
    assert nir.isascii()
    assert nir == KNOWN_NIR


def test_nir_errors_are_invalid_input() -> None:
    with pytest.raises(InvalidInput):
        normalize_nir("12")


# --- Birth dates ------------------------------------------------------------------------------

TODAY = date(2024, 6, 15)


@pytest.mark.parametrize(
    "born",
    [
        EARLIEST_BIRTH,
        date(1900, 1, 1),
        date(1900, 1, 2),
        date(1980, 3, 12),
        date(2000, 2, 29),
        TODAY - timedelta(days=1),
        TODAY,
    ],
)
def test_acceptable_birth_dates(born: date) -> None:
    assert check_birth_date(born, TODAY) == born


@pytest.mark.parametrize(
    ("born", "shown"),
    [
        (TODAY + timedelta(days=1), "16/06/2024"),
        (date(2025, 1, 1), "01/01/2025"),
        (date(2100, 12, 31), "31/12/2100"),
        (date(9999, 12, 31), "31/12/9999"),
    ],
)
def test_future_birth_date_is_refused(born: date, shown: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_birth_date(born, TODAY)
    message = caught.value.message
    assert "futur" in message
    assert f"La date de naissance {shown} " in message


@pytest.mark.parametrize(
    ("born", "shown"),
    [
        (date(1899, 12, 31), "31/12/1899"),
        (date(1800, 7, 14), "14/07/1800"),
        (date(999, 1, 5), "05/01/0999"),
        (date(1, 1, 1), "01/01/0001"),
    ],
)
def test_birth_date_before_1900_is_refused(born: date, shown: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_birth_date(born, TODAY)
    message = caught.value.message
    assert "antérieure à 1900" in message
    assert f"La date de naissance {shown} " in message


def test_today_is_injected_not_read_from_the_clock() -> None:
    assert check_birth_date(date(2030, 1, 1), date(2030, 1, 1)) == date(2030, 1, 1)
    with pytest.raises(InvalidInput, match="futur"):
        check_birth_date(date(1990, 1, 2), date(1990, 1, 1))


# --- Names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Dupont", "Dupont"),
        ("  Marie   Claire  ", "Marie Claire"),
        ("Marie\tClaire", "Marie Claire"),
        ("Marie\nClaire", "Marie Claire"),
        ("Marie\u00a0Claire", "Marie Claire"),
        ("d'Arc-Ménard", "d'Arc-Ménard"),
        ("d’Arc", "d’Arc"),
        ("E\u0301lodie", "Élodie"),
        ("\u202eEladio", "Eladio"),
        ("\ufeffDupont", "Dupont"),
        ("Du\x00pont", "Dupont"),
        ("Nguyễn Thị", "Nguyễn Thị"),
        ("Παπαδόπουλος", "Παπαδόπουλος"),
        ("王小明", "王小明"),
    ],
)
def test_check_name_returns_the_cleaned_name(typed: str, stored: str) -> None:
    assert check_name(typed, "nom") == stored


def test_check_name_output_is_nfc() -> None:
    name = check_name(unicodedata.normalize("NFD", "Hélène Müller-Åström"), "nom")
    assert unicodedata.is_normalized("NFC", name)
    assert name == "Hélène Müller-Åström"


@pytest.mark.parametrize(
    "typed", ["", "   ", "\t\n", "\u00a0", "\u202e", "\u200b\ufeff", "\x00\x01\x7f", None]
)
def test_required_name_cannot_be_empty(typed: str | None) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_name(typed, "Nom de famille")  # type: ignore[arg-type]
    assert caught.value.message == "Le champ « Nom de famille » est obligatoire."


@pytest.mark.parametrize("typed", ["", "   ", "\u202e", None])
def test_optional_name_may_be_empty(typed: str | None) -> None:
    assert check_name(typed, "Nom de naissance", required=False) == ""  # type: ignore[arg-type]


def test_name_of_exactly_the_maximum_length_is_accepted() -> None:
    assert MAX_NAME_LENGTH == 100
    name = "A" * MAX_NAME_LENGTH
    assert check_name(name, "nom") == name


def test_length_is_counted_after_composition() -> None:
    # 100 "é" typed decomposed are 200 code points but 100 letters.
    typed = unicodedata.normalize("NFD", "é" * MAX_NAME_LENGTH)
    assert len(typed) == 2 * MAX_NAME_LENGTH
    assert check_name(typed, "nom") == "é" * MAX_NAME_LENGTH


def test_length_is_counted_after_cleaning() -> None:
    typed = "  " + "A" * MAX_NAME_LENGTH + "\u202e\u200b  "
    assert check_name(typed, "nom") == "A" * MAX_NAME_LENGTH


@pytest.mark.parametrize(
    "typed",
    [
        "A" * (MAX_NAME_LENGTH + 1),
        "Jean-" * 40,
        "Ж" * 500,
        "x" * 100_000,
        "Marie " * 17,  # 101 once the final space is stripped
    ],
)
def test_over_long_name_is_refused(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_name(typed, "Prénoms", required=False)
    assert caught.value.message == "Le champ « Prénoms » dépasse 100 caractères."
