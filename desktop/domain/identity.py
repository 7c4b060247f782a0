"""French identity rules: NIR key, birth dates, patient names."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from desktop.domain.errors import InvalidInput, InvalidNir
from desktop.domain.text import clean_name

# ASCII digits only: a NIR with Arabic-Indic or other Unicode digits is not stored as typed.
_NIR = re.compile(r"^([1-478])(\d{2})(\d{2})(\d{2}|2A|2B)(\d{3})(\d{3})(\d{2})$", re.ASCII)
MAX_NAME_LENGTH = 100
EARLIEST_BIRTH = date(1900, 1, 1)


def normalize_nir(text: str) -> str:
    """A NIR (15 characters, with key) checked and returned without spaces; ``InvalidNir`` else.

    The key is 97 minus the 13-digit number modulo 97, Corsica's 2A and 2B counting as 19 and 18.
    Full-width digits are read as digits (NFKC); spaces, dots and dashes are ignored.
    """
    nir = re.sub(r"[\s.\-]", "", unicodedata.normalize("NFKC", text or "")).upper()
    match = _NIR.match(nir)
    if not match:
        raise InvalidNir(
            "Le NIR doit compter 15 caractères : 13 chiffres (2A ou 2B pour la Corse) et une clé."
        )
    body = nir[:13].replace("2A", "19", 1) if nir[5:7] == "2A" else nir[:13]
    body = body.replace("2B", "18", 1) if nir[5:7] == "2B" else body
    key = 97 - int(body) % 97
    if key != int(nir[13:]):
        raise InvalidNir(f"La clé du NIR est fausse : {key:02d} attendue, {nir[13:]} saisie.")
    return nir


def _french_date(day: date) -> str:
    """ "05/03/0999": the year always has four digits (``%Y`` gives "999" on Linux)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def check_birth_date(birth_date: date, today: date) -> date:
    """A birth date not in the future and not before 1900."""
    if birth_date > today:
        raise InvalidInput(f"La date de naissance {_french_date(birth_date)} est dans le futur.")
    if birth_date < EARLIEST_BIRTH:
        raise InvalidInput(
            f"La date de naissance {_french_date(birth_date)} est antérieure à 1900."
        )
    return birth_date


def check_name(text: str, what: str, required: bool = True) -> str:
    """A cleaned name (NFC, no control characters); refuses empty or over-long names."""
    name = clean_name(text or "")
    if required and not name:
        raise InvalidInput(f"Le champ « {what} » est obligatoire.")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInput(f"Le champ « {what} » dépasse {MAX_NAME_LENGTH} caractères.")
    return name
