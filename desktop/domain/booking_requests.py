"""Booking requests sent by the hospital's booking page: their JSON schema and its checks.

A request is one JSON object (UTF-8, at most ``MAX_BODY_BYTES``)::

    {"slot": "slot-12-345-20270322T0800Z", "family_name": "Dupont", "given_names": "Marie",
     "birth_date": "1980-02-29", "phone": "06 12 34 56 78", "email": "", "message": ""}

``REQUEST_SCHEMA`` is its JSON Schema (the README shows it). ``parse_request`` checks a body
against it and the identity rules, and gathers every problem in one ``InvalidRequest`` whose
``errors`` names each field with a French sentence. Nothing here reads a clock: "today" is given.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import deque
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from desktop.domain.errors import InvalidInput
from desktop.domain.identity import check_birth_date, check_name
from desktop.domain.phones import parse_phone
from desktop.domain.slot_ids import SlotRef, parse_slot_id
from desktop.domain.text import clean_name

MAX_BODY_BYTES = 8 * 1024
MAX_NAME = 100
MAX_PHONE = 40
MAX_EMAIL = 254
MAX_MESSAGE = 500
MAX_SLOT_ID = 64
MAX_DECISION = 500

# field -> (French label, required, maximum length)
FIELDS: dict[str, tuple[str, bool, int]] = {
    "slot": ("créneau", True, MAX_SLOT_ID),
    "family_name": ("nom", True, MAX_NAME),
    "given_names": ("prénom", True, MAX_NAME),
    "birth_date": ("date de naissance", True, 10),
    "phone": ("téléphone", True, MAX_PHONE),
    "email": ("adresse électronique", False, MAX_EMAIL),
    "message": ("message", False, MAX_MESSAGE),
}

REQUEST_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Demande de rendez-vous en ligne (Créneau)",
    "type": "object",
    "additionalProperties": False,
    "required": [name for name, (_, required, _) in FIELDS.items() if required],
    "properties": {
        "slot": {
            "type": "string",
            "maxLength": MAX_SLOT_ID,
            "pattern": r"^slot-[0-9]{1,12}-[0-9]{1,12}-[0-9]{8}T[0-9]{4}Z$",
            "description": "identifiant du créneau publié (Slot.id du flux)",
        },
        "family_name": {"type": "string", "minLength": 1, "maxLength": MAX_NAME},
        "given_names": {"type": "string", "minLength": 1, "maxLength": MAX_NAME},
        "birth_date": {
            "type": "string",
            "maxLength": 10,
            "format": "date",
            "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "AAAA-MM-JJ, entre 1900 et aujourd'hui",
        },
        "phone": {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_PHONE,
            "description": "français (06 12 34 56 78) ou international (+32 470 12 34 56)",
        },
        "email": {"type": "string", "maxLength": MAX_EMAIL, "description": "facultatif"},
        "message": {"type": "string", "maxLength": MAX_MESSAGE, "description": "facultatif"},
    },
}


class InvalidRequest(InvalidInput):
    """A request that does not follow the schema; ``errors`` maps each field to its problem."""

    def __init__(self, message: str, errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.errors = dict(errors or {})


class RequestStatus(StrEnum):
    """Life cycle of a booking request."""

    RECEIVED = "received"  # stored, not checked yet (only inside the transaction storing it)
    HELD = "held"  # its slot is held until ``hold_until``
    PROPOSED = "proposed"  # the secretariat holds another slot for the patient
    ACCEPTED = "accepted"  # the appointment is booked
    DECLINED = "declined"  # the secretariat said no, with a reason
    REJECTED = "rejected"  # invalid, or its slot was no longer free: kept aside with the reason
    EXPIRED = "expired"  # the hold ran out before anyone decided

    @property
    def label(self) -> str:
        """French label for screens."""
        return STATUS_LABELS[self]


STATUS_LABELS = {
    RequestStatus.RECEIVED: "Reçue",
    RequestStatus.HELD: "En attente (créneau retenu)",
    RequestStatus.PROPOSED: "Autre créneau proposé",
    RequestStatus.ACCEPTED: "Acceptée",
    RequestStatus.DECLINED: "Refusée par le secrétariat",
    RequestStatus.REJECTED: "Rejetée",
    RequestStatus.EXPIRED: "Expirée",
}
HOLDING = (RequestStatus.HELD, RequestStatus.PROPOSED)


@dataclass(frozen=True, slots=True)
class RequestData:
    """A request that passed the schema and identity checks (phone in E.164)."""

    slot_id: str
    slot: SlotRef
    family_name: str
    given_names: str
    birth_date: date
    phone: str
    email: str = ""
    message: str = ""


@dataclass(frozen=True, slots=True)
class BookingRequest:
    """A stored request. For a rejected one, the slot and identity may be missing."""

    id: int
    received_at: datetime
    status: RequestStatus
    requested_slot: str = ""
    practitioner_id: int | None = None
    visit_reason_id: int | None = None
    start: datetime | None = None
    end: datetime | None = None
    hold_until: datetime | None = None
    family_name: str = ""
    given_names: str = ""
    birth_date: date | None = None
    phone: str = ""
    email: str = ""
    message: str = ""
    patient_id: int | None = None
    appointment_id: int | None = None
    decision_reason: str = ""
    source: str = "http"
    client_hash: str = ""
    raw_body: str = ""
    updated_by: str = ""
    updated_at: datetime | None = None
    version: int = 1

    @property
    def holding(self) -> bool:
        """Whether it holds a slot (until ``hold_until``)."""
        return self.status in HOLDING


def _email(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    local, at, domain = value.rpartition("@")
    odd = any(c.isspace() or unicodedata.category(c)[0] == "C" for c in value)
    if not at or not local or "." not in domain.strip(".") or odd:
        raise InvalidInput("adresse électronique invalide (exemple : nom@exemple.fr).")
    return value


def _field_text(data: dict, name: str, errors: dict[str, str]) -> str:
    label, required, limit = FIELDS[name]
    value = data.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors[name] = f"Le champ « {label} » doit être un texte."
        return ""
    if len(value) > limit:
        errors[name] = f"Le champ « {label} » dépasse {limit} caractères."
        return ""
    if required and not value.strip():
        errors[name] = f"Le champ « {label} » est obligatoire."
        return ""
    return value


def _checked(name: str, errors: dict[str, str], check, *args):
    if name in errors:
        return None
    try:
        return check(*args)
    except InvalidInput as exc:
        errors[name] = exc.message[0].upper() + exc.message[1:]
        return None


def parse_request(body: bytes, today: date) -> RequestData:
    """The request a body carries, checked; ``InvalidRequest`` (French) naming every problem."""
    if len(body) > MAX_BODY_BYTES:
        raise InvalidRequest(f"Demande trop volumineuse ({MAX_BODY_BYTES} octets au plus).")
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidRequest("Demande illisible : le texte doit être encodé en UTF-8.") from None
    except ValueError:
        raise InvalidRequest("Demande illisible : ce n'est pas du JSON valide.") from None
    if not isinstance(data, dict):
        raise InvalidRequest("Demande invalide : un objet JSON est attendu.")
    errors: dict[str, str] = {}
    unknown = sorted(str(k) for k in data if k not in FIELDS)
    if unknown:
        errors["_"] = "Champ inconnu : " + ", ".join(f"« {k[:40]} »" for k in unknown[:5]) + "."
    for name, (label, required, _) in FIELDS.items():
        if required and name not in data:
            errors[name] = f"Le champ « {label} » est obligatoire."
    text = {name: _field_text(data, name, errors) for name in FIELDS}
    slot = _checked("slot", errors, parse_slot_id, text["slot"])
    family = _checked("family_name", errors, check_name, text["family_name"], "nom")
    given = _checked("given_names", errors, check_name, text["given_names"], "prénom")
    birth = _checked("birth_date", errors, _birth_date, text["birth_date"], today)
    phone = _checked("phone", errors, parse_phone, text["phone"])
    email = _checked("email", errors, _email, text["email"])
    if errors:
        errors = {k: errors[k] for k in [*FIELDS, "_"] if k in errors}
        first = next(iter(errors.values()))
        first = first[0].lower() + first[1:]
        more = f" (et {len(errors) - 1} autre(s) problème(s))" if len(errors) > 1 else ""
        raise InvalidRequest(f"Demande invalide : {first}{more}", errors)
    return RequestData(
        slot_id=text["slot"].strip(),
        slot=slot,
        family_name=family,
        given_names=given,
        birth_date=birth,
        phone=phone.e164,
        email=email,
        message=clean_name(text["message"]),
    )


def _birth_date(text: str, today: date) -> date:
    try:
        if len(text.strip()) != 10:
            raise ValueError
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"date de naissance invalide « {text[:20]} » (AAAA-MM-JJ).") from None
    return check_birth_date(value, today)


def check_decision_reason(text: str) -> str:
    """The reason given when declining: required, one line, ``MAX_DECISION`` characters."""
    reason = clean_name(text or "")
    if not reason:
        raise InvalidInput("Indiquez le motif du refus : le patient en sera informé.")
    if len(reason) > MAX_DECISION:
        raise InvalidInput(f"Le motif ne peut dépasser {MAX_DECISION} caractères.")
    return reason


def client_fingerprint(address: str, salt: str) -> str:
    """What is kept of a sender's address: a salted SHA-256, enough to group one sender's
    requests, not to read the address back."""
    return hashlib.sha256(f"{salt}\n{address}".encode()).hexdigest()[:32]


def time_left(hold_until: datetime | None, now: datetime) -> str:
    """ "reste 1 h 05" / "reste 12 min" / "expirée" — how long a hold still lasts."""
    if hold_until is None:
        return ""
    left = hold_until - now
    if left <= timedelta(0):
        return "expirée"
    minutes = int(left.total_seconds() // 60)
    if minutes < 60:
        return f"reste {max(minutes, 1)} min"
    return f"reste {minutes // 60} h {minutes % 60:02d}"


class RateLimiter:
    """At most ``limit`` events per ``window`` seconds for each key (a sliding window).

    Times are given by the caller (a monotonic clock in the receiver, any number in tests).
    """

    def __init__(self, limit: int, window: float = 3600.0, max_keys: int = 100_000) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("a rate limit needs a positive limit and window")
        self.limit = limit
        self.window = window
        self._max_keys = max_keys
        self._events: dict[str, deque[float]] = {}

    def allow(self, key: str, now: float) -> bool:
        """Count one event for ``key`` at ``now``; False when it is over the limit."""
        events = self._events.get(key)
        if events is None:
            if len(self._events) >= self._max_keys:
                self._forget(now)
            events = self._events.setdefault(key, deque())
        while events and events[0] <= now - self.window:
            events.popleft()
        if len(events) >= self.limit:
            return False
        events.append(now)
        return True

    def retry_after(self, key: str, now: float) -> int:
        """Seconds until ``key`` may send again (0 when it may now)."""
        events = self._events.get(key)
        if not events or len(events) < self.limit:
            return 0
        return max(1, int(events[0] + self.window - now) + 1)

    def _forget(self, now: float) -> None:
        for key in [k for k, e in self._events.items() if not e or e[-1] <= now - self.window]:
            del self._events[key]
        if len(self._events) >= self._max_keys:
            self._events.clear()
