"""Phone numbers: parsed and validated with ``phonenumbers``, stored in E.164.

National French notation is read with region FR first, then the overseas departments and
collectivities, which have their own country codes (a Réunion mobile is +262, not +33).
"""

from __future__ import annotations

import re
import unicodedata

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from desktop.domain.errors import InvalidPhone
from desktop.domain.model import Phone, PhoneKind

# Metropolitan France, then Réunion, Mayotte, Guadeloupe, Martinique, Guyane, Saint-Pierre-et-
# Miquelon, Saint-Barthélemy, Saint-Martin, Wallis-et-Futuna, Polynésie, Nouvelle-Calédonie.
FRENCH_REGIONS = ("FR", "RE", "YT", "GP", "MQ", "GF", "PM", "BL", "MF", "WF", "PF", "NC")
_ALLOWED = re.compile(r"^[0-9+\s().\-/]+$")
_TRUNK_IN_BRACKETS = re.compile(r"\(\s*0\s*\)")
_MAX_LENGTH = 40


def parse_phone(text: str, default_region: str = "FR") -> Phone:
    """Normalise a typed phone number to E.164 and decide its kind; ``InvalidPhone`` if invalid.

    Accepts national and international forms, spaces, dots, dashes, "+33 (0)6…", "0033…" and
    full-width digits. Refuses letters, too short or too long numbers and anything not valid.
    """
    raw = unicodedata.normalize("NFKC", text or "").strip()
    shown = (text or "").strip()[:_MAX_LENGTH]
    if not raw:
        raise InvalidPhone("Le numéro de téléphone est vide.")
    if len(raw) > _MAX_LENGTH or not _ALLOWED.match(raw):
        raise InvalidPhone(
            f"« {shown} » n'est pas un numéro de téléphone : seuls les chiffres, les espaces, "
            "les points, les tirets et le « + » initial sont permis."
        )
    raw = _TRUNK_IN_BRACKETS.sub("", raw)
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    regions = (default_region, *tuple(r for r in FRENCH_REGIONS if r != default_region))
    if raw.startswith("+"):
        regions = (default_region,)
    for region in regions:
        try:
            number = phonenumbers.parse(raw, region)
        except NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return Phone(phonenumbers.format_number(number, PhoneNumberFormat.E164), _kind(number))
    raise InvalidPhone(f"« {shown} » n'est pas un numéro de téléphone valide.")


def _kind(number: phonenumbers.PhoneNumber) -> PhoneKind:
    kind = phonenumbers.number_type(number)
    if kind == PhoneNumberType.MOBILE:
        return PhoneKind.MOBILE
    if kind == PhoneNumberType.FIXED_LINE:
        return PhoneKind.LANDLINE
    return PhoneKind.OTHER


def format_phone(e164: str, home_region: str = "FR") -> str:
    """National format for home-country numbers (overseas included), international otherwise."""
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return e164
    home = FRENCH_REGIONS if home_region == "FR" else (home_region,)
    if phonenumbers.region_code_for_number(number) in home:
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


def looks_like_phone(text: str) -> bool:
    """Whether a search text is meant as a phone number (mostly digits, at least 6 of them)."""
    digits = sum(ch.isdigit() for ch in text)
    return digits >= 6 and bool(_ALLOWED.match(unicodedata.normalize("NFKC", text.strip())))
