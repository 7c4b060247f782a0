"""Phone numbers: every notation a secretary types normalises to E.164, the rest is refused."""

from __future__ import annotations

import phonenumbers
import pytest

from desktop.domain.errors import InvalidInput, InvalidPhone
from desktop.domain.model import Phone, PhoneKind
from desktop.domain.phones import (
    FRENCH_NUMBERING_PLAN,
    FRENCH_REGIONS,
    format_phone,
    looks_like_phone,
    parse_phone,
)

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"


def assert_valid_per_library(e164: str, region: str | None = None) -> None:
    """Guards the chosen examples: ``phonenumbers`` itself calls them valid (and in ``region``)."""
    number = phonenumbers.parse(e164, None)
    assert phonenumbers.is_valid_number(number), e164
    if region is not None:
        assert phonenumbers.region_code_for_number(number) == region


# --- French mobiles in every notation ---------------------------------------------------------

FRENCH_MOBILE_NOTATIONS = [
    "06 12 34 56 78",
    "0612345678",
    "06.12.34.56.78",
    "06-12-34-56-78",
    "06/12/34/56/78",
    "(06) 12 34 56 78",
    "+33 6 12 34 56 78",
    "+33612345678",
    "+33 (0)6 12 34 56 78",
    "+33(0)612345678",
    "+33 ( 0 ) 6 12 34 56 78",
    "0033 6 12 34 56 78",
    "0033612345678",
    "00 33 6 12 34 56 78",
    "0033 (0)6 12 34 56 78",
    "+33 06 12 34 56 78",  # the trunk 0 kept after the country code: a common slip
    "０６１２３４５６７８",  # full-width digits
    "＋３３ ６ １２ ３４ ５６ ７８",  # full-width plus and digits
    "０６．１２．３４．５６．７８",  # full-width dots
    f"06{NBSP}12{NBSP}34{NBSP}56{NBSP}78",  # non-breaking spaces (copied from a web page)
    f"06{NARROW_NBSP}12{NARROW_NBSP}34{NARROW_NBSP}56{NARROW_NBSP}78",
    "06\u300012\u300034\u300056\u300078",  # ideographic spaces
    "06\t12\t34\t56\t78",
    "06 12\n34 56 78",  # pasted across two lines
    "  06 12 34 56 78  ",
    "06  12   34 56 78",
    "06‐12‐34‐56‐78",  # Unicode hyphen
    "06–12–34–56–78",  # en dash (word processors)
    "06−12−34−56−78",  # minus sign
    "0 6 1 2 3 4 5 6 7 8",
]


@pytest.mark.parametrize("text", FRENCH_MOBILE_NOTATIONS)
def test_french_mobile_in_any_notation_normalises_to_e164(text: str) -> None:
    assert parse_phone(text) == Phone("+33612345678", PhoneKind.MOBILE)


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("07 81 23 45 67", "+33781234567"),
        ("+33 7 81 23 45 67", "+33781234567"),
        ("06 99 99 99 99", "+33699999999"),
    ],
)
def test_other_french_mobiles(text: str, e164: str) -> None:
    assert_valid_per_library(e164, "FR")
    assert parse_phone(text) == Phone(e164, PhoneKind.MOBILE)


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("01 49 28 20 00", "+33149282000"),
        ("+33 1 49 28 20 00", "+33149282000"),
        ("04 72 11 69 11", "+33472116911"),
        ("05 61 77 22 33", "+33561772233"),
    ],
)
def test_french_landline(text: str, e164: str) -> None:
    assert_valid_per_library(e164, "FR")
    assert parse_phone(text) == Phone(e164, PhoneKind.LANDLINE)


@pytest.mark.parametrize(
    "text",
    [
        "08 00 12 34 56",  # toll-free
        "09 70 12 34 56",  # VoIP
        "0809 10 20 30",  # non-geographic: stays +33 although overseas metadata lists it too
    ],
)
def test_french_non_geographic_numbers_are_other_and_stay_plus_33(text: str) -> None:
    phone = parse_phone(text)
    assert phone.e164.startswith("+33")
    assert phone.kind is PhoneKind.OTHER


# --- Overseas departments: their own country codes ------------------------------------------

OVERSEAS = [
    # (typed nationally, E.164, region, kind)
    ("0692 12 34 56", "+262692123456", "RE", PhoneKind.MOBILE),  # Réunion
    ("0693 30 12 34", "+262693301234", "RE", PhoneKind.MOBILE),
    ("0690 12 34 56", "+590690123456", "GP", PhoneKind.MOBILE),  # Guadeloupe
    ("0696 12 34 56", "+596696123456", "MQ", PhoneKind.MOBILE),  # Martinique
    ("0694 12 34 56", "+594694123456", "GF", PhoneKind.MOBILE),  # Guyane
    ("0639 20 12 34", "+262639201234", "YT", PhoneKind.MOBILE),  # Mayotte (shares +262)
    ("0262 12 34 56", "+262262123456", "RE", PhoneKind.LANDLINE),
    ("0590 12 34 56", "+590590123456", "GP", PhoneKind.LANDLINE),
    ("0594 12 34 56", "+594594123456", "GF", PhoneKind.LANDLINE),
    # The next four are listed by phonenumbers as metropolitan landlines too: the overseas
    # reading must win, or the SMS gateway would be handed a +33 number that does not exist.
    ("0596 60 12 34", "+596596601234", "MQ", PhoneKind.LANDLINE),
    ("0269 61 00 00", "+262269610000", "YT", PhoneKind.LANDLINE),
    ("0263 10 12 34", "+262263101234", "RE", PhoneKind.LANDLINE),
    ("0598 70 12 34", "+590598701234", "GP", PhoneKind.LANDLINE),
]


@pytest.mark.parametrize(("text", "e164", "region", "kind"), OVERSEAS)
def test_overseas_department_gets_its_own_country_code(
    text: str, e164: str, region: str, kind: PhoneKind
) -> None:
    assert_valid_per_library(e164, region)
    assert parse_phone(text) == Phone(e164, kind)


@pytest.mark.parametrize(("text", "e164", "region", "kind"), OVERSEAS)
def test_overseas_number_typed_internationally(
    text: str, e164: str, region: str, kind: PhoneKind
) -> None:
    spaced = f"{e164[:4]} {e164[4:]}"
    assert parse_phone(spaced) == Phone(e164, kind)
    assert parse_phone("00" + e164[1:]) == Phone(e164, kind)


@pytest.mark.parametrize("home", ["RE", "YT", "GP", "MQ", "GF"])
def test_overseas_hospital_reads_metropolitan_and_overseas_numbers(home: str) -> None:
    assert parse_phone("06 12 34 56 78", default_region=home).e164 == "+33612345678"
    assert parse_phone("0692 12 34 56", default_region=home).e164 == "+262692123456"
    assert parse_phone("0696 12 34 56", default_region=home).e164 == "+596696123456"


@pytest.mark.parametrize(
    ("text", "region", "e164"),
    [
        ("75 12 34", "NC", "+687751234"),
        ("87 12 34 56", "PF", "+68987123456"),
        ("41 23 45", "PM", "+508412345"),
    ],
)
def test_short_overseas_plans_need_their_country_code_from_france(
    text: str, region: str, e164: str
) -> None:
    # Nouvelle-Calédonie, Polynésie and Saint-Pierre's six-digit numbers are not part of the
    # ten-digit French plan: a short number typed in a metropolitan hospital is a typo.
    assert_valid_per_library(e164, region)
    with pytest.raises(InvalidPhone, match="court"):
        parse_phone(text)
    assert parse_phone(text, default_region=region).e164 == e164
    assert parse_phone(e164).e164 == e164


def test_french_plan_regions_are_french_regions() -> None:
    assert set(FRENCH_NUMBERING_PLAN) <= set(FRENCH_REGIONS)
    assert FRENCH_NUMBERING_PLAN[0] == "FR"


# --- Foreign numbers --------------------------------------------------------------------------

FOREIGN = [
    ("+32 470 12 34 56", "+32470123456", PhoneKind.MOBILE),  # Belgium
    ("0032 470 12 34 56", "+32470123456", PhoneKind.MOBILE),
    ("+44 7911 123456", "+447911123456", PhoneKind.MOBILE),  # United Kingdom
    ("+44 (0)7911 123456", "+447911123456", PhoneKind.MOBILE),
    ("+49 30 901820", "+4930901820", PhoneKind.LANDLINE),  # Berlin
    ("+49 1512 3456789", "+4915123456789", PhoneKind.MOBILE),  # Germany
    ("+41 21 345 67 89", "+41213456789", PhoneKind.LANDLINE),  # Lausanne
]


@pytest.mark.parametrize(("text", "e164", "kind"), FOREIGN)
def test_foreign_numbers_are_accepted(text: str, e164: str, kind: PhoneKind) -> None:
    assert_valid_per_library(e164)
    assert parse_phone(text) == Phone(e164, kind)


def test_national_notation_of_another_default_region() -> None:
    assert parse_phone("0470 12 34 56", default_region="BE") == Phone(
        "+32470123456", PhoneKind.MOBILE
    )
    # French national notation still reads as French there.
    assert parse_phone("06 12 34 56 78", default_region="BE").e164 == "+33612345678"


# --- Refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", NBSP * 3, "\t\n", "\u3000"])
def test_empty_is_refused(text: str) -> None:
    with pytest.raises(InvalidPhone) as caught:
        parse_phone(text)
    assert "vide" in caught.value.message


@pytest.mark.parametrize(
    "text",
    [
        "06 12 34 56",
        "0612",
        "06",
        "15",
        "112",
        "3615",
        "+33 6 12 34",
        "+33 6",
        "+331",
        "+262 6",
        "75 12 34",
        "87 12 34 56",
        "23 45 67",
    ],
)
def test_too_short_is_refused(text: str) -> None:
    with pytest.raises(InvalidPhone) as caught:
        parse_phone(text)
    assert "trop court" in caught.value.message


@pytest.mark.parametrize(
    "text",
    [
        "06 12 34 56 78 9",
        "06 12 34 56 78 90",
        "+33 6 12 34 56 78 90",
        "0612345678/12",
        "0612345678" * 3,
        "06" * 15,
    ],
)
def test_too_long_is_refused(text: str) -> None:
    with pytest.raises(InvalidPhone) as caught:
        parse_phone(text)
    assert "trop long" in caught.value.message


def test_longer_than_forty_characters_is_refused_before_parsing() -> None:
    text = "06 12 34 56 78 " * 3
    with pytest.raises(InvalidPhone) as caught:
        parse_phone(text)
    assert "trop long" in caught.value.message


@pytest.mark.parametrize(
    "text",
    [
        "06 12 AB 56 78",
        "1-800-FLOWERS",
        "+1 800 FLOWERS",
        "06 12 34 56 7O",  # letter O for zero
        "tel: 06 12 34 56 78",
        "06 12 34 56 78 ext 5",
        "06 12 34 56 78 poste 12",
        "٠٦١٢٣٤٥٦٧٨",  # Arabic-Indic digits: not what the hospital's tools can dial
        "06 12 34 56 78\x00",
        "06_12_34_56_78",
        "06*12*34*56*78",
        "#31#0612345678",
    ],
)
def test_letters_and_symbols_are_refused(text: str) -> None:
    with pytest.raises(InvalidPhone) as caught:
        parse_phone(text)
    assert "chiffres" in caught.value.message


@pytest.mark.parametrize(
    "text",
    [
        "'; DROP TABLE patient;--",
        "0612345678'; DROP TABLE patient;--",
        "0612345678; DROP TABLE patient",
        "0612345678' OR '1'='1",
        "<script>alert(1)</script>",
        "06<script>",
        '=HYPERLINK("http://x","0612345678")',
        "${jndi:ldap://x/a}",
        "../../etc/passwd",
        "0612345678\r\nSet-Cookie: a=b",
    ],
)
def test_injection_attempts_are_refused(text: str) -> None:
    with pytest.raises(InvalidPhone) as caught:
        parse_phone(text)
    assert "numéro de téléphone" in caught.value.message


@pytest.mark.parametrize(
    "text",
    [
        "+33 0 00 00 00 00",
        "07 00 00 00 00",
        "+33 7 00 00 00 00",
        "06 39 12 34 56",  # a Mayotte-looking range that no operator holds
        "+33 6 91 12 34 56",  # a Guadeloupe range written with +33
        "+33 2 62 12 34 56",  # a Réunion landline written with +33
        "+262 6 12 34 56 78",  # a metropolitan mobile written with +262
        "+44 1000 000000",
        "+32 400 00 00 00",
        "+49 100 000000",
    ],
)
def test_possible_but_not_valid_is_refused(text: str) -> None:
    # The right length for its country (so "possible"), but in no allocated range.
    prepared = text if text.startswith("+") else "+33" + text.replace(" ", "")[1:]
    number = phonenumbers.parse(prepared, None)
    assert phonenumbers.is_possible_number(number)
    assert not phonenumbers.is_valid_number(number)
    with pytest.raises(InvalidPhone) as caught:
        parse_phone(text)
    assert "valide" in caught.value.message


@pytest.mark.parametrize(
    "text", ["06+12345678", "+", "++", "()", "-", "...", "+33", "00", "0" * 30, "+999 1234567"]
)
def test_punctuation_without_a_number_is_refused(text: str) -> None:
    with pytest.raises(InvalidPhone) as caught:
        parse_phone(text)
    assert "valide" in caught.value.message


def test_error_is_an_invalid_input_with_the_typed_text_shown_cleanly() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_phone("\u202e06 12 AB\n56 78")
    message = caught.value.message
    assert isinstance(caught.value, InvalidPhone)
    assert "« 06 12 AB 56 78 »" in message
    assert "\u202e" not in message
    assert "\n" not in message
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "text",
    ["", "06 12 34 56", "06 12 34 56 78 9", "1-800-FLOWERS", "<script>", "+33 0 00 00 00 00"],
)
def test_every_refusal_has_a_french_message(text: str) -> None:
    with pytest.raises(InvalidPhone) as caught:
        parse_phone(text)
    assert caught.value.message.strip()
    assert "numéro de téléphone" in caught.value.message


# --- Display ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("e164", "shown"),
    [
        ("+33612345678", "06 12 34 56 78"),
        ("+33149282000", "01 49 28 20 00"),
        ("+33800123456", "0 800 12 34 56"),
        ("+262692123456", "0692 12 34 56"),
        ("+590690123456", "0690 12 34 56"),
        ("+596696123456", "0696 12 34 56"),
        ("+594694123456", "0694 12 34 56"),
        ("+262639201234", "0639 20 12 34"),
        ("+596596601234", "0596 60 12 34"),
        ("+262269610000", "0269 61 00 00"),
    ],
)
def test_french_plan_numbers_are_shown_nationally(e164: str, shown: str) -> None:
    assert format_phone(e164) == shown
    # What is shown reads back to the same number.
    assert parse_phone(shown).e164 == e164


@pytest.mark.parametrize(
    ("e164", "shown"),
    [
        ("+32470123456", "+32 470 12 34 56"),
        ("+447911123456", "+44 7911 123456"),
        ("+4930901820", "+49 30 901820"),
        ("+4915123456789", "+49 1512 3456789"),
        # Not dialled "75.12.34" from France: shown with their country code.
        ("+687751234", "+687 75.12.34"),
        ("+68987123456", "+689 87 12 34 56"),
        ("+508412345", "+508 41 23 45"),
    ],
)
def test_foreign_numbers_are_shown_internationally(e164: str, shown: str) -> None:
    assert format_phone(e164) == shown
    assert parse_phone(shown).e164 == e164


@pytest.mark.parametrize(
    ("e164", "home", "shown"),
    [
        ("+33612345678", "RE", "06 12 34 56 78"),
        ("+262692123456", "RE", "0692 12 34 56"),
        ("+596696123456", "GP", "0696 12 34 56"),
        ("+687751234", "NC", "75.12.34"),
        ("+33612345678", "NC", "+33 6 12 34 56 78"),
        ("+32470123456", "BE", "0470 12 34 56"),
        ("+33612345678", "BE", "+33 6 12 34 56 78"),
        ("+262692123456", "BE", "+262 692 12 34 56"),
    ],
)
def test_format_depends_on_the_home_region(e164: str, home: str, shown: str) -> None:
    assert format_phone(e164, home_region=home) == shown


@pytest.mark.parametrize("text", ["", "abc", "0612345678", "+"])
def test_format_leaves_unreadable_text_alone(text: str) -> None:
    assert format_phone(text) == text


# --- Search-box guess -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "06 12 34 56 78",
        "0612345678",
        "06 12 34",
        "123456",
        "+33 6 12 34",
        "06.12.34",
        "06-12-34",
        "０６１２３４",
        f"06{NBSP}12{NBSP}34",
        "  061234  ",
        "(06) 12 34",
    ],
)
def test_looks_like_phone(text: str) -> None:
    assert looks_like_phone(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Dupont",
        "12345",
        "06 12",
        "+33 6 12",
        "06 12 AB 56 78",
        "1-800-FLOWERS",
        "Marie 0612345678",
        "0612345678 Marie",
        "٠٦١٢٣٤٥٦٧٨",
        "'; DROP TABLE patient;--",
    ],
)
def test_does_not_look_like_phone(text: str) -> None:
    assert not looks_like_phone(text)
