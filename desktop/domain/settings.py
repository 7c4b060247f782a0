"""Hospital-wide settings kept as JSON in the database: publication, reminders, overbooking.

Each setting is a frozen dataclass, checked by a ``check_*`` function (French message, nothing
kept) and read back by a ``*_from_json`` function that falls back to the defaults for a missing
or damaged value, so that a later feature always gets something usable.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import time
from enum import StrEnum
from typing import Any

import holidays

from desktop.domain.errors import InvalidInput
from desktop.domain.model import Role
from desktop.domain.phones import parse_phone
from desktop.domain.sms_text import check_templates

OVERBOOKING_ROLES_KEY = "overbooking_roles"
PUBLICATION_KEY = "publication"
REMINDERS_KEY = "reminders"
RETENTION_KEY = "retention"

ALL_ROLES = frozenset(Role)
MAX_HORIZON_WEEKS = 52
MAX_HOLD_MINUTES = 7 * 24 * 60
DEFAULT_HOLD_MINUTES = 120
DEFAULT_REQUESTS_PER_HOUR = 10
MAX_REQUESTS_PER_HOUR = 1000
MAX_URL = 500
MAX_PATH = 500
_URL = re.compile(r"^https?://\S+$")
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class GatewayKind(StrEnum):
    """How reminders leave: written as files to a folder, or posted to the hospital's gateway."""

    FILE = "file"
    HTTP = "http"

    @property
    def label(self) -> str:
        """French label for screens."""
        return "Fichiers dans un dossier" if self is GatewayKind.FILE else "Passerelle HTTP"


@dataclass(frozen=True, slots=True)
class PublicationSettings:
    """Where the feed of free slots is published and what it holds by default.

    ``booking_url`` is the hospital's own booking page (kept with the hospital's settings, one
    value for the whole application); the others are this setting's.
    """

    base_url: str = ""
    booking_url: str = ""
    horizon_weeks: int = 8
    secretariat_phone: str = ""
    # Booking requests from the booking page (desktop.services.requests): where the page posts
    # them, how long a request holds its slot, and how many one address may send in an hour.
    request_url: str = ""
    hold_minutes: int = DEFAULT_HOLD_MINUTES
    requests_per_hour: int = DEFAULT_REQUESTS_PER_HOUR


@dataclass(frozen=True, slots=True)
class ReminderSettings:
    """How reminders are sent: gateway, quiet hours (no SMS between start and end), timing.

    The hospital's defaults of the reminder policy (``desktop.domain.reminders``; a visit reason
    may override the advance, the time and the texts): a confirmation at booking, a reminder
    ``days_before`` (1: the day before, 2: two days before) at ``send_time`` local when
    ``send_day_before``, a message at cancellation and at a move. ``templates``: the French texts
    changed from the defaults, as ``(kind, text)``. The SMS carry no practitioner, specialty or
    visit reason unless ``show_*`` is on. The HTTP gateway: ``http_method``, ``http_body`` (a JSON
    template with ``{numero}``, ``{texte}``, ``{cle}``), an authentication header (its value
    is a secret: never in ``repr``, the audit trail or a screen). ``no_show_warning``: from how
    many no-shows in 12 months booking a patient warns (0: never).
    """

    gateway: GatewayKind = GatewayKind.FILE
    outbox_dir: str = ""
    gateway_url: str = ""
    quiet_start: time = time(21, 0)
    quiet_end: time = time(8, 0)
    send_day_before: bool = True
    days_before: int = 1
    send_time: time = time(10, 0)
    confirmation: bool = True
    on_cancel: bool = True
    on_move: bool = True
    templates: tuple[tuple[str, str], ...] = ()
    show_practitioner: bool = False
    show_specialty: bool = False
    show_visit_reason: bool = False
    http_method: str = "POST"
    http_body: str = '{"to": "{numero}", "text": "{texte}", "id": "{cle}"}'
    auth_header: str = ""
    auth_value: str = field(default="", repr=False)
    no_show_warning: int = 2


HTTP_METHODS = ("POST", "PUT", "PATCH")
HTTP_BODY_FIELDS = ("numero", "texte", "cle")
MAX_NO_SHOW_WARNING = 99
_HEADER = re.compile(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$")
_BODY_FIELD = re.compile(r"\{([A-Za-z_]*)\}")


def _url(value: str, label: str, required: bool = False) -> str:
    value = value.strip()
    if not value:
        if required:
            raise InvalidInput(f"{label} : à remplir.")
        return ""
    if len(value) > MAX_URL:
        raise InvalidInput(f"{label} : adresse trop longue ({MAX_URL} caractères au plus).")
    if not _URL.match(value):
        raise InvalidInput(f"{label} : adresse invalide « {value} » (attendu https://…).")
    return value


def check_publication(
    base_url: str,
    booking_url: str,
    horizon_weeks: int,
    secretariat_phone: str,
    *,
    request_url: str = "",
    hold_minutes: int = DEFAULT_HOLD_MINUTES,
    requests_per_hour: int = DEFAULT_REQUESTS_PER_HOUR,
) -> PublicationSettings:
    """The publication settings, checked; the phone is kept in E.164."""
    _bounded(hold_minutes, 5, MAX_HOLD_MINUTES, "Durée de réservation provisoire", "minutes")
    _bounded(requests_per_hour, 1, MAX_REQUESTS_PER_HOUR, "Demandes par heure", "demandes")
    if isinstance(horizon_weeks, bool) or not 1 <= horizon_weeks <= MAX_HORIZON_WEEKS:
        raise InvalidInput(
            f"Horizon de publication : {horizon_weeks} semaines hors des bornes "
            f"(de 1 à {MAX_HORIZON_WEEKS})."
        )
    phone = secretariat_phone.strip()
    if phone:
        try:
            phone = parse_phone(phone).e164
        except InvalidInput as exc:
            raise InvalidInput(f"Téléphone du secrétariat : {exc.message}") from exc
    return PublicationSettings(
        base_url=_url(base_url, "Adresse publique du flux"),
        booking_url=_url(booking_url, "Adresse de réservation"),
        horizon_weeks=horizon_weeks,
        secretariat_phone=phone,
        request_url=_url(request_url, "Adresse des demandes de rendez-vous"),
        hold_minutes=hold_minutes,
        requests_per_hour=requests_per_hour,
    )


def _bounded(value: int, low: int, high: int, label: str, unit: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(f"{label} : {value} {unit} hors des bornes (de {low} à {high}).")


def _wall(value: time | str, label: str) -> time:
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    match = _HHMM.match(value.strip())
    if not match:
        raise InvalidInput(f"{label} : heure invalide « {value} » (attendu HH:MM).")
    return time(int(match.group(1)), int(match.group(2)))


def check_reminders(
    gateway: GatewayKind | str,
    outbox_dir: str,
    gateway_url: str,
    quiet_start: time | str,
    quiet_end: time | str,
    send_day_before: bool,
    **policy: Any,
) -> ReminderSettings:
    """The reminder settings, checked: a file gateway needs its folder, an HTTP one its address.

    ``policy``: the other fields of ``ReminderSettings`` by name (defaults for those not given).
    """
    try:
        kind = GatewayKind(gateway)
    except ValueError as exc:
        raise InvalidInput(f"Passerelle : type inconnu « {gateway} » (file ou http).") from exc
    folder = outbox_dir.strip()
    if len(folder) > MAX_PATH:
        raise InvalidInput(f"Dossier d'envoi : chemin trop long ({MAX_PATH} caractères au plus).")
    if kind is GatewayKind.FILE and not folder:
        raise InvalidInput("Dossier d'envoi : à remplir pour une passerelle par fichiers.")
    url = _url(gateway_url, "Adresse de la passerelle", required=kind is GatewayKind.HTTP)
    start = _wall(quiet_start, "Début du silence")
    end = _wall(quiet_end, "Fin du silence")
    if start == end:
        raise InvalidInput("Heures de silence : le début et la fin doivent différer.")
    base = ReminderSettings(kind, folder, url, start, end, bool(send_day_before))
    return _check_policy(base, policy)


def _check_policy(base: ReminderSettings, given: dict[str, Any]) -> ReminderSettings:
    """The reminder policy, gateway details and no-show threshold of ``given``, checked."""
    unknown = set(given) - set(_POLICY_FIELDS)
    if unknown:
        raise InvalidInput(f"Réglage des rappels inconnu : « {sorted(unknown)[0]} ».")
    values = given
    days = values.get("days_before", base.days_before)
    if isinstance(days, bool) or days not in (1, 2):
        raise InvalidInput("Rappel : la veille (1) ou l'avant-veille (2) du rendez-vous.")
    method = str(values.get("http_method", base.http_method)).strip().upper()
    if method not in HTTP_METHODS:
        raise InvalidInput(f"Méthode HTTP : {', '.join(HTTP_METHODS)}, pas « {method} ».")
    header = str(values.get("auth_header", base.auth_header)).strip()
    if header and not _HEADER.match(header):
        raise InvalidInput(f"En-tête d'authentification : nom invalide « {header[:64]} ».")
    secret = str(values.get("auth_value", base.auth_value) or "")
    if "\n" in secret or "\r" in secret or len(secret) > MAX_URL:
        raise InvalidInput("Valeur d'authentification : une seule ligne, 500 caractères au plus.")
    threshold = values.get("no_show_warning", base.no_show_warning)
    if isinstance(threshold, bool) or not isinstance(threshold, int):
        raise InvalidInput("Seuil d'alerte des absences : un nombre entier.")
    if not 0 <= threshold <= MAX_NO_SHOW_WARNING:
        raise InvalidInput(f"Seuil d'alerte des absences : de 0 à {MAX_NO_SHOW_WARNING}.")
    flags = {
        name: bool(values.get(name, getattr(base, name)))
        for name in (
            "confirmation", "on_cancel", "on_move",
            "show_practitioner", "show_specialty", "show_visit_reason",
        )
    }  # fmt: skip
    return ReminderSettings(
        base.gateway,
        base.outbox_dir,
        base.gateway_url,
        base.quiet_start,
        base.quiet_end,
        base.send_day_before,
        days_before=days,
        send_time=_wall(_time_or_text(values.get("send_time", base.send_time)), "Heure d'envoi"),
        templates=check_templates(values.get("templates", base.templates)),
        http_method=method,
        http_body=check_http_body(values.get("http_body", base.http_body)),
        auth_header=header,
        auth_value=secret if header else "",
        no_show_warning=threshold,
        **flags,
    )


_POLICY_FIELDS = ReminderSettings.__slots__[6:]  # those after send_day_before


def _time_or_text(value: Any) -> time | str:
    return value if isinstance(value, time) else str(value)


def check_http_body(text: str) -> str:
    """The HTTP gateway's JSON body template: valid JSON, an object, known placeholders only."""
    text = str(text or "").strip()
    try:
        body = json.loads(text)
    except ValueError as exc:
        raise InvalidInput(f"Corps de la requête HTTP : JSON invalide ({exc.msg}).") from exc
    if not isinstance(body, dict):
        raise InvalidInput("Corps de la requête HTTP : un objet JSON { … } est attendu.")
    names = set(_BODY_FIELD.findall(text))
    unknown = names - set(HTTP_BODY_FIELDS)
    if unknown:
        raise InvalidInput(
            f"Corps de la requête HTTP : champ inconnu {{{sorted(unknown)[0]}}} "
            "(champs permis : {numero}, {texte}, {cle})."
        )
    if "texte" not in names or "numero" not in names:
        raise InvalidInput("Corps de la requête HTTP : {numero} et {texte} sont indispensables.")
    return text


def masked(stored: dict[str, Any] | None) -> dict[str, Any] | None:
    """The stored reminder settings with the authentication secret hidden (audit, screens)."""
    if not isinstance(stored, dict):
        return stored
    if stored.get("auth_value"):
        return {**stored, "auth_value": "••••••"}
    return stored


def check_overbooking_roles(roles) -> frozenset[Role]:
    """The roles allowed to overbook (any subset, even none: then nobody may force)."""
    try:
        return frozenset(Role(r) for r in roles)
    except ValueError as exc:
        raise InvalidInput(f"Rôle inconnu pour le surbooking : {exc}.") from exc


def publication_to_json(settings: PublicationSettings) -> dict[str, Any]:
    """The stored form (``booking_url`` lives with the hospital, not here)."""
    return {
        "base_url": settings.base_url,
        "horizon_weeks": settings.horizon_weeks,
        "secretariat_phone": settings.secretariat_phone,
        "request_url": settings.request_url,
        "hold_minutes": settings.hold_minutes,
        "requests_per_hour": settings.requests_per_hour,
    }


def publication_from_json(value: Any, booking_url: str = "") -> PublicationSettings:
    """The stored publication settings; defaults for what is missing or damaged."""
    data = value if isinstance(value, dict) else {}
    default = PublicationSettings()
    horizon = data.get("horizon_weeks")
    if isinstance(horizon, bool) or not isinstance(horizon, int):
        horizon = default.horizon_weeks
    return PublicationSettings(
        base_url=str(data.get("base_url") or ""),
        booking_url=booking_url,
        horizon_weeks=min(max(horizon, 1), MAX_HORIZON_WEEKS),
        secretariat_phone=str(data.get("secretariat_phone") or ""),
        request_url=str(data.get("request_url") or ""),
        hold_minutes=_stored_int(data, "hold_minutes", default.hold_minutes, MAX_HOLD_MINUTES),
        requests_per_hour=_stored_int(
            data, "requests_per_hour", default.requests_per_hour, MAX_REQUESTS_PER_HOUR
        ),
    )


def _stored_int(data: dict, key: str, default: int, high: int) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= high:
        return default
    return value


def reminders_to_json(settings: ReminderSettings) -> dict[str, Any]:
    """The stored form: plain JSON values, times as HH:MM."""
    return {
        "gateway": settings.gateway.value,
        "outbox_dir": settings.outbox_dir,
        "gateway_url": settings.gateway_url,
        "quiet_start": settings.quiet_start.strftime("%H:%M"),
        "quiet_end": settings.quiet_end.strftime("%H:%M"),
        "send_day_before": settings.send_day_before,
        "days_before": settings.days_before,
        "send_time": settings.send_time.strftime("%H:%M"),
        "confirmation": settings.confirmation,
        "on_cancel": settings.on_cancel,
        "on_move": settings.on_move,
        "templates": dict(settings.templates),
        "show_practitioner": settings.show_practitioner,
        "show_specialty": settings.show_specialty,
        "show_visit_reason": settings.show_visit_reason,
        "http_method": settings.http_method,
        "http_body": settings.http_body,
        "auth_header": settings.auth_header,
        "auth_value": settings.auth_value,
        "no_show_warning": settings.no_show_warning,
    }


def reminders_from_json(value: Any) -> ReminderSettings:
    """The stored reminder settings; defaults for what is missing or damaged."""
    data = value if isinstance(value, dict) else {}
    default = ReminderSettings()

    def wall(key: str, fallback: time) -> time:
        try:
            return _wall(str(data[key]), key)
        except (KeyError, InvalidInput):
            return fallback

    try:
        gateway = GatewayKind(data.get("gateway", default.gateway))
    except ValueError:
        gateway = default.gateway
    day_before = data.get("send_day_before", default.send_day_before)
    base = ReminderSettings(
        gateway=gateway,
        outbox_dir=str(data.get("outbox_dir") or ""),
        gateway_url=str(data.get("gateway_url") or ""),
        quiet_start=wall("quiet_start", default.quiet_start),
        quiet_end=wall("quiet_end", default.quiet_end),
        send_day_before=day_before if isinstance(day_before, bool) else default.send_day_before,
    )
    # A damaged field falls back to its default; the others are kept.
    given = {name: data[name] for name in _POLICY_FIELDS if name in data}
    kept = {}
    for name, value in given.items():
        try:
            _check_policy(base, {name: value})
        except (InvalidInput, TypeError, ValueError):
            continue
        kept[name] = value
    return _check_policy(base, kept)


def overbooking_roles_to_json(roles: frozenset[Role]) -> list[str]:
    """The stored form: role names in the matrix's order."""
    return [r.value for r in Role if r in roles]


def overbooking_roles_from_json(value: Any) -> frozenset[Role]:
    """The stored roles allowed to overbook; every role when never set or damaged."""
    if not isinstance(value, list):
        return ALL_ROLES
    return frozenset(Role(r) for r in value if r in {role.value for role in Role})


@dataclass(frozen=True, slots=True)
class RetentionSettings:
    """How long records are kept: audit records (months) and ended appointments (years)."""

    audit_months: int = 12
    appointment_years: int = 20


MAX_AUDIT_MONTHS = 240
MAX_APPOINTMENT_YEARS = 100


def check_retention(audit_months: int, appointment_years: int) -> RetentionSettings:
    """The retention settings, checked (whole numbers within bounds; French messages)."""
    _bounded(audit_months, 1, MAX_AUDIT_MONTHS, "Conservation du journal d'audit", "mois")
    _bounded(appointment_years, 1, MAX_APPOINTMENT_YEARS, "Conservation des rendez-vous", "ans")
    return RetentionSettings(audit_months, appointment_years)


def retention_to_json(settings: RetentionSettings) -> dict[str, Any]:
    """The stored form of the retention settings."""
    return {"audit_months": settings.audit_months, "appointment_years": settings.appointment_years}


def retention_from_json(value: Any) -> RetentionSettings:
    """The stored retention settings; defaults for what is missing or damaged."""
    data = value if isinstance(value, dict) else {}
    default = RetentionSettings()
    return RetentionSettings(
        _stored_int(data, "audit_months", default.audit_months, MAX_AUDIT_MONTHS),
        _stored_int(data, "appointment_years", default.appointment_years, MAX_APPOINTMENT_YEARS),
    )


COUNTRY_NAMES = {
    "FR": "France",
    "BE": "Belgique",
    "CH": "Suisse",
    "LU": "Luxembourg",
    "MC": "Monaco",
    "DE": "Allemagne",
    "ES": "Espagne",
    "IT": "Italie",
    "PT": "Portugal",
    "GB": "Royaume-Uni",
    "CA": "Canada",
    "MA": "Maroc",
    "TN": "Tunisie",
    "DZ": "Algérie",
    "SN": "Sénégal",
}


def holiday_countries() -> list[tuple[str, str]]:
    """``(code, label)`` of the countries whose public holidays are known, France first."""
    codes = sorted(c for c in holidays.list_supported_countries() if len(c) == 2)
    named = [c for c in COUNTRY_NAMES if c in codes]
    others = [c for c in codes if c not in COUNTRY_NAMES]
    return [(c, f"{COUNTRY_NAMES[c]} ({c})") for c in named] + [(c, c) for c in others]
