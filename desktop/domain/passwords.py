"""Password rules of the CNIL (2022 recommendation) for local accounts."""

from __future__ import annotations

import string

from desktop.domain.errors import InvalidInput


def character_classes(password: str) -> int:
    """How many of lower case, upper case, digits and other characters the password uses."""
    classes = (
        any(c.islower() for c in password),
        any(c.isupper() for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() or c in string.punctuation for c in password),
    )
    return sum(classes)


def check_password(password: str) -> None:
    """At least 12 characters with 4 classes, or 14 with 3; else a French explanation."""
    classes = character_classes(password)
    if (len(password) >= 12 and classes == 4) or (len(password) >= 14 and classes >= 3):
        return
    raise InvalidInput(
        "Mot de passe trop faible : 12 caractères au moins mêlant minuscules, majuscules, "
        "chiffres et caractères spéciaux, ou 14 caractères au moins avec trois de ces types."
    )
