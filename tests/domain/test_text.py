"""Names as stored, search keys (accent- and case-insensitive), spreadsheet-safe cells."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.text import clean_name, neutralise_formula, search_key

# Deterministic and writing nothing to disk: the same examples on every machine and in CI.
PROPERTIES = settings(max_examples=400, derandomize=True, database=None, deadline=None)

NFC = "Élodie Hélène Müller-Åström d’Arc Nguyễn Thị Ørsted"
NFD = unicodedata.normalize("NFD", NFC)


# --- clean_name -------------------------------------------------------------------------------


def test_composed_and_decomposed_accents_give_the_same_name() -> None:
    assert NFD != NFC
    assert clean_name(NFD) == clean_name(NFC) == NFC
    assert unicodedata.is_normalized("NFC", clean_name(NFD))


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Dupont  ", "Dupont"),
        ("Marie   Claire", "Marie Claire"),
        ("Marie\tClaire", "Marie Claire"),
        ("Marie\nClaire", "Marie Claire"),
        ("Marie\r\nClaire", "Marie Claire"),
        ("Marie\u00a0Claire", "Marie Claire"),  # non-breaking space
        ("Marie\u202fClaire", "Marie Claire"),  # narrow non-breaking space
        ("Marie\u3000Claire", "Marie Claire"),  # ideographic space
        ("Marie\u2028Claire", "Marie Claire"),  # line separator
        ("Marie\x85Claire", "Marie Claire"),  # next line (C1)
        ("Marie \t\n \u00a0 Claire", "Marie Claire"),
        ("\t\tDupont\n", "Dupont"),
    ],
)
def test_whitespace_is_collapsed_and_words_stay_apart(typed: str, stored: str) -> None:
    assert clean_name(typed) == stored


@pytest.mark.parametrize(
    "invisible",
    [
        "\x00",
        "\x07",
        "\x08",
        "\x1b",
        "\x7f",
        "\x9b",
        "\u00ad",  # soft hyphen
        "\u200b",  # zero-width space
        "\u2060",  # word joiner
        "\ufeff",  # byte-order mark, left by CSV files
        "\u180e",  # Mongolian vowel separator
    ],
)
def test_control_and_invisible_characters_are_removed(invisible: str) -> None:
    assert clean_name(f"{invisible}Du{invisible}pont{invisible}") == "Dupont"


@pytest.mark.parametrize(
    "bidi",
    [
        "\u202e",  # right-to-left override
        "\u202d",  # left-to-right override
        "\u202a",  # left-to-right embedding
        "\u202b",  # right-to-left embedding
        "\u202c",  # pop directional formatting
        "\u2066",  # left-to-right isolate
        "\u2067",  # right-to-left isolate
        "\u2068",  # first strong isolate
        "\u2069",  # pop directional isolate
        "\u200e",  # left-to-right mark
        "\u200f",  # right-to-left mark
        "\u061c",  # Arabic letter mark
    ],
)
def test_bidirectional_controls_are_removed(bidi: str) -> None:
    assert clean_name(f"{bidi}Martin{bidi} {bidi}Durand{bidi}") == "Martin Durand"


def test_right_to_left_override_cannot_disguise_a_name() -> None:
    # "Dupont" followed by an override and a reversed extension-like text.
    assert clean_name("Dupont\u202efdp.exe") == "Dupontfdp.exe"


def test_removed_mark_between_letter_and_accent_leaves_a_composed_letter() -> None:
    name = clean_name("Ele\u200e\u0301onore")
    assert name == "Eléonore"
    assert unicodedata.is_normalized("NFC", name)


def test_joiners_of_persian_and_indic_names_are_kept() -> None:
    persian = "علی\u200cرضا"  # zero-width non-joiner inside a Persian given name
    assert clean_name(persian) == persian


@pytest.mark.parametrize(
    "name",
    [
        "d'Arc-Ménard",
        "d’Arc",
        "O'Brien",
        "Saint-Exupéry",
        "Łukasz",
        "Ørsted",
        "Weiß",
        "Παπαδόπουλος",
        "محمد",
        "王小明",
        "김민준",
        "Иванов",
        "=cmd",  # neutralised at export time, not here
    ],
)
def test_ordinary_names_are_kept_as_typed(name: str) -> None:
    assert clean_name(name) == name


@pytest.mark.parametrize("typed", ["", "   ", "\u202e", "\x00\u200b\ufeff", "\n\t"])
def test_nothing_but_blanks_cleans_to_empty(typed: str) -> None:
    assert clean_name(typed) == ""


# --- search_key -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Élodie", "elodie"),
        ("ÉLODIE", "elodie"),
        ("élodie", "elodie"),
        ("E\u0301LODIE", "elodie"),
        ("Élodie d'Arc-Ménard", "elodie d arc menard"),
        ("Łukasz", "lukasz"),
        ("Nguyễn Thị", "nguyen thi"),
        ("NGUYỄN THỊ", "nguyen thi"),
        ("Trần Đức", "tran duc"),
        ("Ørsted", "orsted"),
        ("Weiß", "weiss"),
        ("WEISS", "weiss"),
        ("STRAUẞ", "strauss"),
        ("Lætitia", "laetitia"),
        ("Œuvray", "oeuvray"),
        ("Çelik", "celik"),
        ("Işık", "isik"),
        ("İnan", "inan"),
        ("Þór Guðmundsson", "thor gudmundsson"),
        ("Dvořák", "dvorak"),
        ("Søren Kierkegaard", "soren kierkegaard"),
        ("Col·lell", "collell"),  # Catalan geminated l
        ("Coŀlell", "collell"),
        ("ﬁnn", "finn"),  # ligature
        ("Ｄｕｐｏｎｔ", "dupont"),  # full-width
    ],
)
def test_search_key_strips_accents_and_case(name: str, key: str) -> None:
    assert search_key(name) == key


@pytest.mark.parametrize(
    "name",
    [
        "d'Arc",  # straight apostrophe
        "d’Arc",  # typographic apostrophe
        "d‘Arc",  # opening quote used as an apostrophe
        "dʼArc",  # modifier letter apostrophe
        "d`Arc",  # backtick
        "d´Arc",  # acute accent on its own
        "d＇Arc",  # full-width apostrophe
        "d-Arc",
        "d‐Arc",  # Unicode hyphen
        "d‑Arc",  # non-breaking hyphen
        "d–Arc",  # en dash
        "d—Arc",  # em dash
        "d Arc",
        "d  Arc",
        "d\u00a0Arc",
        "d. Arc",
        "d, Arc",
        "d - Arc",
    ],
)
def test_apostrophes_and_hyphens_separate_words(name: str) -> None:
    assert search_key(name) == "d arc"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (NFC, NFD),
        ("Hélène", "HELENE"),
        ("Saint-Exupéry", "saint exupery"),
        ("Marie-Claire", "marie claire"),
        ("Marie\tClaire", "Marie Claire"),
        ("Du\u200bpont", "Dupont"),
        ("\ufeffDupont", "dupont"),
        ("Παπαδόπουλος", "ΠΑΠΑΔΟΠΟΥΛΟΣ"),  # final sigma and capital sigma
        ("Иванов", "ИВАНОВ"),
        ("علی\u200cرضا", "علیرضا"),  # with and without the Persian joiner
    ],
)
def test_equivalent_spellings_share_a_key(a: str, b: str) -> None:
    assert search_key(a) == search_key(b)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Παπαδόπουλος", "παπαδοπουλοσ"),  # Greek: tonos dropped, letters kept
        ("مُحَمَّد", "محمد"),  # Arabic: vowel signs dropped, letters kept
        ("محمد علي", "محمد علي"),
        ("王小明", "王小明"),  # Chinese
        ("김민준", "김민준"),  # Korean syllables, recomposed
        ("Иванов", "иванов"),  # Cyrillic
        ("Ёлкин", "елкин"),
        ("שרה לוי", "שרה לוי"),  # Hebrew
    ],
)
def test_non_latin_scripts_keep_their_letters(name: str, key: str) -> None:
    assert search_key(name) == key


@pytest.mark.parametrize(
    "bidi", ["\u202e", "\u202d", "\u2066", "\u2067", "\u2069", "\u200e", "\u200f", "\u061c"]
)
def test_control_characters_never_reach_the_key(bidi: str) -> None:
    assert search_key(f"{bidi}Dupont\x00 Ma\x07rie{bidi}") == "dupont marie"


@pytest.mark.parametrize(
    ("typed", "full"),
    [
        ("Élo", "Élodie Martin"),
        ("elodie m", "Élodie Martin"),
        ("DARC", "Darc-Ménard Léa"),
        ("d'ar", "D’Arc Jeanne"),
        ("nguyen t", "Nguyễn Thị Lan"),
        ("πα", "Παπαδόπουλος Γιώργος"),
        ("王", "王小明"),
        ("김", "김민준"),
    ],
)
def test_typed_prefix_matches_the_stored_key(typed: str, full: str) -> None:
    assert search_key(full).startswith(search_key(typed))


@pytest.mark.parametrize("typed", ["", "   ", "-", "'", "’-’", ". ,", "\u202e\u200b"])
def test_key_of_nothing_is_empty(typed: str) -> None:
    assert search_key(typed) == ""


@pytest.mark.parametrize("typed", ["%", "_", "\\", '"', "'%'", "a%b_c\\d"])
def test_sql_wildcards_stay_in_the_key_as_typed(typed: str) -> None:
    # The repository escapes them; the key must not swallow or alter them.
    assert set(search_key(typed)) - {" "} == set(typed) - {"'", " "}


@PROPERTIES
@given(st.text())
def test_clean_name_is_idempotent_and_nfc(text: str) -> None:
    name = clean_name(text)
    assert clean_name(name) == name
    assert unicodedata.is_normalized("NFC", name)
    assert name == name.strip()
    assert "  " not in name
    assert not any(unicodedata.category(ch) == "Cc" for ch in name)


@PROPERTIES
@given(st.text())
def test_search_key_is_stable_under_normalisation_and_case(text: str) -> None:
    key = search_key(text)
    assert search_key(key) == key
    assert search_key(unicodedata.normalize("NFD", text)) == key
    assert search_key(unicodedata.normalize("NFC", text)) == key
    assert key == key.strip()
    assert "  " not in key
    assert key == key.casefold()


@PROPERTIES
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿæœ '-"))
def test_french_names_are_case_insensitive(text: str) -> None:
    assert search_key(text.upper()) == search_key(text) == search_key(text.title())


# --- neutralise_formula -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        "=1+1",
        '=HYPERLINK("http://evil.example","clic")',
        "=cmd|' /C calc'!A0",
        "+33612345678",
        "+1",
        "-5",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
        "=",
        "+",
        "-",
        "@",
    ],
)
def test_cells_a_spreadsheet_would_run_are_neutralised(cell: str) -> None:
    assert neutralise_formula(cell) == "'" + cell


@pytest.mark.parametrize(
    "cell",
    [
        "",
        "Dupont",
        "Élodie d'Arc-Ménard",
        "1+1",
        "a=b",
        "06 12 34 56 78",
        " =1+1",  # a leading space already makes it text
        "'=1+1",
        "Jean-Pierre",
        "user@example.org",
        "王小明",
        "\n",
    ],
)
def test_other_cells_are_untouched(cell: str) -> None:
    assert neutralise_formula(cell) == cell


def test_a_clean_name_that_starts_like_a_formula_is_still_neutralised() -> None:
    name = clean_name('  =HYPERLINK("x")  ')
    assert neutralise_formula(name) == '\'=HYPERLINK("x")'
