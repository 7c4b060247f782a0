"""Text normalisation for names and search keys."""

from __future__ import annotations

import re
import unicodedata

# Control characters, bidirectional marks, embeddings, overrides and isolates, and the invisible
# characters that make two names look alike yet differ: soft hyphen, zero-width space, word
# joiner and its invisible operators, byte-order mark (left at the start of names by CSV files).
# Zero-width joiner and non-joiner stay: Persian and Indic names need them.
_CONTROL = re.compile(
    "[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_SPACES = re.compile(r"\s+")
# Spaces, hyphens and dashes, apostrophes (straight, typographic, modifier letter, backtick),
# dots and commas all separate the words of a search key.
_SEPARATORS = re.compile("[\\s\\-'`\u2018\u2019\u02bc\u2010-\u2015\u2212.,]+")
# Letters that carry no combining mark to strip but have an obvious Latin search form; the
# joiners and the Catalan middle dot (l·l) vanish.
_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ħ": "h",
        "ŧ": "t",
        "·": "",
        "\u200c": "",
        "\u200d": "",
    }
)


def clean_name(text: str) -> str:
    """A name as it will be stored: NFC, no control or bidi-override characters, single spaces.

    Tabs, line breaks and non-breaking spaces between words become one plain space.
    """
    text = _SPACES.sub(" ", text)
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip()


def search_key(text: str) -> str:
    """The normalised key for searching: casefolded, accents stripped, separators as one space.

    "Élodie d'Arc-Ménard" -> "elodie d arc menard". Letters of other scripts stay (recomposed,
    so that a Korean name keeps its syllables).
    """
    text = unicodedata.normalize("NFKD", clean_name(text))
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFC", text.translate(_LETTERS))
    return _SEPARATORS.sub(" ", text).strip()


def neutralise_formula(cell: str) -> str:
    """Prefix a quote to cells a spreadsheet would run as a formula."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
