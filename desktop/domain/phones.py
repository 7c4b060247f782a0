"""Phone numbers: parsed and validated with ``phonenumbers``, stored in E.164.

National French notation is read with region FR first, then the overseas departments and
collectivities that share the French ten-digit numbering plan but have their own country codes
(a Réunion mobile is +262, not +33).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import phonenumbers
from phonenumbers import (
    NumberParseException,
    PhoneNumberFormat,
    PhoneNumberType,
    ValidationResult,
)

from desktop.domain.errors import InvalidPhone
from desktop.domain.model import Phone, PhoneKind
from desktop.domain.text import clean_name

# Metropolitan France, then Réunion, Mayotte, Guadeloupe, Martinique, Guyane, Saint-Pierre-et-
# Miquelon, Saint-Barthélemy, Saint-Martin, Wallis-et-Futuna, Polynésie, Nouvelle-Calédonie.
FRENCH_REGIONS = ("FR", "RE", "YT", "GP", "MQ", "GF", "PM", "BL", "MF", "WF", "PF", "NC")
# The regions of the integrated French plan: "0" and nine digits reach them from any of them.
# Wallis-et-Futuna, Polynésie and Nouvelle-Calédonie have plans of their own (6 or 8 digits,
# no trunk prefix): from metropolitan France they are dialled, and shown, internationally.
FRENCH_NUMBERING_PLAN = ("FR", "RE", "YT", "GP", "MQ", "GF", "PM", "BL", "MF")
_PLAN_NATIONAL_DIGITS = 9
_ALLOWED = re.compile(r"^[0-9+ ().\-/]+$")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63]")
_SPACES = re.compile(r"\s+")
_TRUNK_IN_BRACKETS = re.compile(r"\(\s*0\s*\)")
_MAX_LENGTH = 40
_GEOGRAPHIC = (PhoneKind.MOBILE, PhoneKind.LANDLINE)


def _normalise(text: str) -> str:
    """Full-width forms to ASCII, typographic dashes to "-", any run of spaces to one space."""
    text = unicodedata.normalize("NFKC", text or "")
    return _SPACES.sub(" ", _DASHES.sub("-", text)).strip()


def parse_phone(text: str, default_region: str = "FR") -> Phone:
    """Normalise a typed phone number to E.164 and decide its kind; ``InvalidPhone`` if invalid.

    Accepts national and international forms, spaces, dots, dashes, "+33 (0)6…", "0033…" and
    full-width digits. Refuses letters, too short or too long numbers and anything not valid.
    """
    raw = _normalise(text)
    shown = clean_name(text or "")[:_MAX_LENGTH]
    if not raw:
        raise InvalidPhone("Le numéro de téléphone est vide.")
    if len(raw) > _MAX_LENGTH:
        raise InvalidPhone(f"« {shown}… » est trop long pour un numéro de téléphone.")
    if not _ALLOWED.match(raw):
        raise InvalidPhone(
            f"« {shown} » n'est pas un numéro de téléphone : seuls les chiffres, les espaces, "
            "les points, les tirets et le « + » initial sont permis."
        )
    raw = _TRUNK_IN_BRACKETS.sub("", raw)
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    international = raw.startswith("+")
    number = _valid(raw, default_region) if international else _national(raw, default_region)
    if number is None:
        raise InvalidPhone(
            f"« {shown} » n'est pas un numéro de téléphone valide{_why(raw, default_region)}."
        )
    return Phone(phonenumbers.format_number(number, PhoneNumberFormat.E164), _kind(number))


def _valid(raw: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(raw, region)
    except NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def _national(raw: str, default_region: str) -> phonenumbers.PhoneNumber | None:
    """A number without country code: the default region's reading, else the French plan's.

    The other regions of the French plan are tried only with their nine-digit national numbers,
    so that a short typo is not read as, say, a six-digit Saint-Pierre number. ``phonenumbers``
    counts a few overseas ranges (0263, 0268, 0269, 0596, 0598) as metropolitan landlines too;
    the overseas reading, more specific, wins for geographic numbers (a 0596 landline is in
    Martinique, +596), while national service numbers (08…, 09…) stay +33.
    """
    found = []
    for region in (default_region, *(r for r in FRENCH_NUMBERING_PLAN if r != default_region)):
        number = _valid(raw, region)
        if number is None:
            continue
        national = phonenumbers.national_significant_number(number)
        if region == default_region or len(national) == _PLAN_NATIONAL_DIGITS:
            found.append(number)
    if not found:
        return None
    first = found[0]
    if first.country_code == 33 and _kind(first) in _GEOGRAPHIC:
        overseas = (n for n in found[1:] if n.country_code != 33 and _kind(n) in _GEOGRAPHIC)
        return next(overseas, first)
    return first


def _why(raw: str, region: str) -> str:
    """Why a number is not valid, when its length alone tells it (" : il est trop court")."""
    try:
        number = phonenumbers.parse(raw, region)
    except NumberParseException as error:
        if error.error_type in (
            NumberParseException.TOO_SHORT_NSN,
            NumberParseException.TOO_SHORT_AFTER_IDD,
        ):
            return " : il est trop court"
        if error.error_type == NumberParseException.TOO_LONG:
            return " : il est trop long"
        return ""
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == ValidationResult.TOO_SHORT:
        return " : il est trop court"
    if reason == ValidationResult.TOO_LONG:
        return " : il est trop long"
    return ""


def _kind(number: phonenumbers.PhoneNumber) -> PhoneKind:
    kind = phonenumbers.number_type(number)
    if kind == PhoneNumberType.MOBILE:
        return PhoneKind.MOBILE
    if kind == PhoneNumberType.FIXED_LINE:
        return PhoneKind.LANDLINE
    return PhoneKind.OTHER


@lru_cache(maxsize=8192)  # an agenda day formats hundreds of numbers on every view switch
def format_phone(e164: str, home_region: str = "FR") -> str:
    """National format for home-plan numbers (overseas departments included), else international.

    From anywhere in the French plan, a Réunion or Martinique number is dialled "0692 …" or
    "0596 …"; a Nouvelle-Calédonie number (or a six-digit Saint-Pierre one) is not, so it is
    shown with its country code.
    """
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return e164
    region = phonenumbers.region_code_for_number(number)
    if region == home_region or (
        home_region in FRENCH_NUMBERING_PLAN
        and region in FRENCH_NUMBERING_PLAN
        and len(phonenumbers.national_significant_number(number)) == _PLAN_NATIONAL_DIGITS
    ):
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


def looks_like_phone(text: str) -> bool:
    """Whether a search text is meant as a phone number (mostly digits, at least 6 of them)."""
    raw = _normalise(text)
    digits = sum(ch.isascii() and ch.isdigit() for ch in raw)
    return digits >= 6 and bool(_ALLOWED.match(raw))
