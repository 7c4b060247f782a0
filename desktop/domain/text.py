"""Text normalisation for names and search keys."""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")
_SEPARATORS = re.compile(r"[\s\-'’‐‑.,]+")


def clean_name(text: str) -> str:
    """A name as it will be stored: NFC, no control or bidi-override characters, single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    return _SPACES.sub(" ", text).strip()


def search_key(text: str) -> str:
    """The normalised key for searching: casefolded, accents stripped, separators as one space.

    "Élodie d'Arc-Ménard" -> "elodie d arc menard".
    """
    text = unicodedata.normalize("NFKD", clean_name(text).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("ß", "ss").replace("æ", "ae").replace("œ", "oe").replace("ø", "o")
    text = text.replace("ł", "l").replace("đ", "d")
    return _SEPARATORS.sub(" ", text).strip()


def neutralise_formula(cell: str) -> str:
    """Prefix a quote to cells a spreadsheet would run as a formula."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
