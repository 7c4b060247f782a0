"""People of the demonstration data: patients' identities, phones, NIR and practitioners' names.

Everything is drawn from a ``random.Random`` given by the caller, so a seed gives the same people.
Phones are typed the way a secretary would type them and must pass ``parse_phone``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from desktop.domain.errors import InvalidPhone
from desktop.domain.model import Phone
from desktop.domain.phones import parse_phone
from desktop.domain.text import search_key
from desktop.services.demo_names import (
    BIRTH_DEPARTMENTS,
    COMPOUND_FAMILY_NAMES,
    EMAIL_DOMAINS,
    FAMILY_NAMES,
    FEMALE_GIVEN,
    MALE_GIVEN,
)

MAX_TRIES = 50


@dataclass(frozen=True, slots=True)
class Person:
    family_name: str
    given_names: str
    birth_date: date
    sex: str
    birth_name: str = ""


def family_name(rng: random.Random) -> str:
    """A family name: mostly common ones, one in eight compound or with an apostrophe."""
    if rng.random() < 0.125:
        return rng.choice(COMPOUND_FAMILY_NAMES)
    return rng.choice(FAMILY_NAMES)


def person(rng: random.Random, today: date) -> Person:
    """A patient's identity: a valid birth date, and a birth name for many married women."""
    sex = "F" if rng.random() < 0.52 else "M"
    given = rng.choice(FEMALE_GIVEN if sex == "F" else MALE_GIVEN)
    if rng.random() < 0.08:  # a second given name
        given += " " + rng.choice(FEMALE_GIVEN if sex == "F" else MALE_GIVEN)
    age = int(rng.triangular(0, 99, 48))
    birth = today - timedelta(days=age * 365 + rng.randrange(365))
    birth = max(birth, date(1900, 1, 1))
    name = family_name(rng)
    if sex == "F" and age >= 23 and rng.random() < 0.45:
        return Person(family_name(rng), given, birth, sex, birth_name=name)
    return Person(name, given, birth, sex)


def practitioner_name(rng: random.Random) -> str:
    """ "Dr Prénom Nom"."""
    given = rng.choice(FEMALE_GIVEN if rng.random() < 0.55 else MALE_GIVEN)
    return f"Dr {given} {family_name(rng)}"


def ascii_word(text: str) -> str:
    """A name reduced to lower-case ASCII with hyphens: for codes and e-mail addresses."""
    key = search_key(text).encode("ascii", "ignore").decode()
    return "-".join(key.split()) or "x"


def email_for(rng: random.Random, p: Person) -> str:
    return (
        f"{ascii_word(p.given_names)}.{ascii_word(p.family_name)}{rng.randrange(100)}"
        f"@{rng.choice(EMAIL_DOMAINS)}"
    )


def nir_for(rng: random.Random, p: Person) -> str:
    """A NIR whose key is right: sex, year, month, department, commune, order, key."""
    body = (
        f"{1 if p.sex == 'M' else 2}{p.birth_date.year % 100:02d}{p.birth_date.month:02d}"
        f"{rng.choice(BIRTH_DEPARTMENTS)}{rng.randrange(1, 990):03d}{rng.randrange(1, 999):03d}"
    )
    return f"{body}{97 - int(body) % 97:02d}"


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


def _pairs(digits: str) -> str:
    return " ".join(digits[i : i + 2] for i in range(0, len(digits), 2))


def typed_phone(rng: random.Random) -> str:
    """A phone number in international form: French mobiles mostly, landlines, overseas, abroad.

    (National forms would be read as well, but ``parse_phone`` tries every region of the French
    plan on them: the international form keeps the demonstration fast.)
    """
    draw = rng.random()
    if draw < 0.72:
        return f"+33 {rng.choice('67')} {_pairs(_digits(rng, 8))}"
    if draw < 0.9:
        return f"+33 {rng.choice('12345')} {_pairs(_digits(rng, 8))}"
    if draw < 0.95:
        prefix = rng.choice(("+262 692", "+262 693", "+590 690", "+596 696", "+594 694"))
        return f"{prefix} {_pairs(_digits(rng, 6))}"  # Réunion, Guadeloupe, Martinique, Guyane
    foreign = rng.choice(
        (
            "+32 47{} {} {} {}",  # Belgium
            "+41 79 {}{} {} {}",  # Switzerland
            "+49 151 {}{}{}{}",  # Germany
            "+212 6 6{} {} {} {}",  # Morocco
            "+34 6{}{} {} {}",  # Spain
        )
    )
    return foreign.format(_digits(rng, 1), _digits(rng, 2), _digits(rng, 2), _digits(rng, 2))


def valid_phone(rng: random.Random) -> tuple[str, Phone]:
    """A typed number and its validated E.164 form; redraws until ``parse_phone`` accepts."""
    for _ in range(MAX_TRIES):
        typed = typed_phone(rng)
        try:
            return typed, parse_phone(typed)
        except InvalidPhone:
            continue
    raise AssertionError("no valid phone number drawn")  # pragma: no cover
