"""Why appointments are cancelled: the reasons offered on screen and who each one blames.

The activity report counts cancellations by origin (the patient or the hospital); a reason
chosen from the list gives its origin without asking, a typed one leaves it to the user.
"""

from __future__ import annotations

from desktop.domain.errors import InvalidInput
from desktop.domain.model import CancelOrigin

# Ordered as offered in the cancellation dialog; iterating gives the labels.
CANCEL_REASONS: dict[str, CancelOrigin] = {
    "Annulé par le patient": CancelOrigin.PATIENT,
    "Empêchement du patient": CancelOrigin.PATIENT,
    "Patient hospitalisé": CancelOrigin.PATIENT,
    "Annulé par l'hôpital": CancelOrigin.HOSPITAL,
    "Absence du praticien": CancelOrigin.HOSPITAL,
    "Erreur de saisie": CancelOrigin.HOSPITAL,
    "Rendez-vous en double": CancelOrigin.HOSPITAL,
}

_BY_KEY = {" ".join(label.split()).casefold(): origin for label, origin in CANCEL_REASONS.items()}


def origin_of(reason: str) -> CancelOrigin | None:
    """The origin of a reason of the list (spacing and case ignored), None for a typed one."""
    return _BY_KEY.get(" ".join(reason.split()).casefold())


def cancel_origin(reason: str, origin: CancelOrigin | str | None) -> CancelOrigin | None:
    """The origin to store: the one given, else the one of a listed reason, else None.

    Raises ``InvalidInput`` for an origin that is neither "patient" nor "hospital".
    """
    if origin is None or origin == "":
        return origin_of(reason)
    try:
        return CancelOrigin(origin)
    except ValueError:
        raise InvalidInput(
            f"Origine d'annulation inconnue : « {origin} » (attendu : patient ou hôpital)."
        ) from None
