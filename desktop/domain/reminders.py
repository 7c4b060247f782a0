"""Reminder policy: which SMS an appointment change produces, when, and to which number.

- A booking queues a confirmation (now) and a reminder the day before or two days before at a
  set **local** time — the same wall time on either side of a DST change, since the instant is
  computed from the local date and time, never by subtracting 24 hours. A move sends a message
  and plans the reminder again; a cancellation sends one.
- Quiet hours (21:00–08:00 by default, possibly across midnight): a message due inside them
  waits for their end. A message that would arrive once the appointment has begun is dropped;
  so is an advance reminder due in the past or within ``MIN_GAP`` of the confirmation.
- Only a valid **mobile** number (``phonenumbers`` number type, checked again at each decision)
  gets an SMS; a patient with several phones gets it on the first mobile; a landline, an
  invalid number, no number or an opt-out gives no SMS and a French reason to show.

An online booking request gets its own SMS (``request_*`` kinds), keyed by request, kind and
slot; ``request_message_stale`` says when one must not leave any more.

The texts themselves are in ``desktop.domain.sms_text``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType

from desktop.domain.errors import InvalidInput, InvalidPhone
from desktop.domain.model import Phone
from desktop.domain.phones import parse_phone
from desktop.domain.settings import ReminderSettings
from desktop.domain.sms_text import (
    DEFAULT_TEMPLATES,
    Disclosure,
    ReminderKind,
    check_templates,
)

__all__ = [
    "ADVANCE_KINDS",
    "Change",
    "NoShowRate",
    "NoShowRates",
    "Planned",
    "Policy",
    "ReasonPolicy",
    "Recipient",
    "Reminder",
    "ReminderKind",
    "ReminderStatus",
    "advance_due",
    "choose_recipient",
    "idempotency_key",
    "out_of_quiet",
    "plan",
    "policy_for",
    "request_idempotency_key",
    "request_message_stale",
    "sms_decision",
]

MIN_GAP = timedelta(hours=12)
NO_DISCLOSURE = Disclosure()
ADVANCE_KINDS = {1: ReminderKind.DAY_BEFORE, 2: ReminderKind.TWO_DAYS_BEFORE}
POLICIES_KEY = "reminder_policies"

NO_PHONE = "Aucun numéro de téléphone : pas de rappel par SMS."
OPTED_OUT = "Le patient a refusé les SMS : pas de rappel."
LANDLINE_ONLY = "Numéro fixe uniquement : pas de rappel par SMS (il faut un portable)."
INVALID_ONLY = "Numéro invalide : pas de rappel par SMS."
NO_MOBILE = "Aucun numéro de portable : pas de rappel par SMS."


class ReminderStatus(StrEnum):
    """Life cycle of a queued SMS."""

    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        """French label for screens."""
        return {"queued": "En attente", "sent": "Envoyé", "failed": "Échec", "cancelled": "Annulé"}[
            self
        ]


class Change(StrEnum):
    """What happened to an appointment, as the reminder queue sees it."""

    BOOKED = "book"
    MOVED = "move"
    CANCELLED = "cancel"
    STATUS = "status"
    REPLAN = "replan"  # plan the advance reminder again (status back to booked, opt-in)


@dataclass(frozen=True, slots=True)
class ReasonPolicy:
    """A visit reason's own choices (None: the hospital's). ``days_before`` 0: no reminder."""

    days_before: int | None = None
    send_time: time | None = None
    templates: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Policy:
    """The effective policy of one appointment: hospital defaults, overridden by its reason."""

    confirmation: bool = True
    days_before: int = 1  # 0: no advance reminder
    send_time: time = time(10, 0)
    on_cancel: bool = True
    on_move: bool = True
    quiet_start: time = time(21, 0)
    quiet_end: time = time(8, 0)
    templates: Mapping[str, str] | None = None
    disclosure: Disclosure = NO_DISCLOSURE

    def template(self, kind: ReminderKind) -> str:
        """The French text of that kind (the hospital's or the reason's, else the default)."""
        return (self.templates or {}).get(kind.value) or DEFAULT_TEMPLATES[kind]


@dataclass(frozen=True, slots=True)
class Planned:
    """A message to queue: its kind and when it is due (UTC, out of quiet hours)."""

    kind: ReminderKind
    due: datetime


@dataclass(frozen=True, slots=True)
class Reminder:
    """One SMS of the queue, as screens show it (with its patient and appointment time); one
    about a booking request has a ``request_id`` instead, and the request's slot as start."""

    id: int
    appointment_id: int | None
    kind: ReminderKind
    text: str
    e164: str
    due: datetime
    status: ReminderStatus
    attempts: int = 0
    next_attempt: datetime | None = None
    reply: str = ""
    sent_at: datetime | None = None
    key: str = ""
    patient_id: int | None = None
    patient_name: str = ""
    appointment_start: datetime | None = None
    request_id: int | None = None

    @property
    def about_request(self) -> bool:
        """Whether it is about an online booking request (no appointment)."""
        return self.request_id is not None


@dataclass(frozen=True, slots=True)
class NoShowRate:
    """No-shows among the appointments not cancelled of one group (practitioner, visit reason
    or reminder received) over a period."""

    key: str
    label: str
    appointments: int
    no_shows: int

    @property
    def rate(self) -> float | None:
        return self.no_shows / self.appointments if self.appointments else None


@dataclass(frozen=True, slots=True)
class NoShowRates:
    """The no-show rates of a period by practitioner, by visit reason and by reminder sent."""

    by_practitioner: tuple[NoShowRate, ...] = ()
    by_visit_reason: tuple[NoShowRate, ...] = ()
    by_reminder: tuple[NoShowRate, ...] = ()


REMINDER_GROUPS = {
    "none": "Aucun SMS reçu",
    "confirmation": "Confirmation seule",
    "day_before": "Rappel la veille",
    "two_days_before": "Rappel l'avant-veille",
}


@dataclass(frozen=True, slots=True)
class Recipient:
    """The number an SMS goes to, or why there is none (a French sentence)."""

    e164: str | None
    reason: str = ""


def policy_for(settings: ReminderSettings, reason: ReasonPolicy | None = None) -> Policy:
    """The policy of an appointment of that visit reason under the hospital's settings."""
    reason = reason or ReasonPolicy()
    days = settings.days_before if settings.send_day_before else 0
    if reason.days_before is not None:
        days = reason.days_before
    templates = dict(settings.templates) | dict(reason.templates)
    return Policy(
        confirmation=settings.confirmation,
        days_before=days,
        send_time=reason.send_time or settings.send_time,
        on_cancel=settings.on_cancel,
        on_move=settings.on_move,
        quiet_start=settings.quiet_start,
        quiet_end=settings.quiet_end,
        templates=templates,
        disclosure=Disclosure(
            settings.show_practitioner, settings.show_specialty, settings.show_visit_reason
        ),
    )


def check_reason_policy(
    days_before: int | None, send_time: time | None, templates: Any = ()
) -> ReasonPolicy:
    """A visit reason's reminder choices, checked (days 0, 1 or 2, or None for the hospital's)."""
    if days_before is not None and (isinstance(days_before, bool) or days_before not in (0, 1, 2)):
        raise InvalidInput("Rappel du motif : aucun (0), la veille (1) ou l'avant-veille (2).")
    return ReasonPolicy(days_before, send_time, check_templates(templates or ()))


def reason_policies_from_json(value: Any) -> dict[int, ReasonPolicy]:
    """The stored policies by visit reason id; a damaged entry is left out."""
    found: dict[int, ReasonPolicy] = {}
    for key, data in (value if isinstance(value, dict) else {}).items():
        try:
            wall = data.get("send_time")
            found[int(key)] = check_reason_policy(
                data.get("days_before"),
                time.fromisoformat(wall) if wall else None,
                data.get("templates") or (),
            )
        except (AttributeError, TypeError, ValueError, InvalidInput):
            continue
    return found


def reason_policy_to_json(policy: ReasonPolicy) -> dict[str, Any]:
    """The stored form of one visit reason's choices."""
    return {
        "days_before": policy.days_before,
        "send_time": policy.send_time.strftime("%H:%M") if policy.send_time else None,
        "templates": dict(policy.templates),
    }


# --- when ----------------------------------------------------------------------------------------


def _to_utc(day: date, wall: time, tz: ZoneInfo) -> datetime:
    # fold=0: a repeated wall time takes its first occurrence; a skipped one (spring gap) is read
    # with the offset before the change, i.e. just after the gap.
    return datetime.combine(day, wall, tzinfo=tz).astimezone(UTC)


def advance_due(start: datetime, tz: ZoneInfo, days: int, send_time: time) -> datetime:
    """The instant of a reminder ``days`` before ``start`` at ``send_time`` local time."""
    local_day = start.astimezone(tz).date() - timedelta(days=days)
    return _to_utc(local_day, send_time, tz)


def in_quiet_hours(wall: time, quiet_start: time, quiet_end: time) -> bool:
    """Whether a local wall time falls in ``[quiet_start, quiet_end)`` (which may wrap midnight)."""
    if quiet_start < quiet_end:
        return quiet_start <= wall < quiet_end
    return wall >= quiet_start or wall < quiet_end


def out_of_quiet(instant: datetime, tz: ZoneInfo, quiet_start: time, quiet_end: time) -> datetime:
    """The instant itself, or the end of the quiet hours it falls in (local time)."""
    local = instant.astimezone(tz)
    if not in_quiet_hours(local.time(), quiet_start, quiet_end):
        return instant.astimezone(UTC)
    day = local.date()
    if quiet_start > quiet_end and local.time() >= quiet_start:
        day += timedelta(days=1)  # in the evening part: the end is tomorrow morning
    return _to_utc(day, quiet_end, tz)


def plan(
    change: Change, start: datetime, now: datetime, tz: ZoneInfo, policy: Policy
) -> list[Planned]:
    """The messages an appointment change produces under ``policy``, each out of quiet hours.

    Nothing is planned for an appointment that has begun. A message is dropped when it would
    arrive once the appointment has begun; the advance reminder too when it is due in the past
    or within ``MIN_GAP`` of the message sent now (the patient was just told).
    """
    if start <= now:
        return []
    quiet = (tz, policy.quiet_start, policy.quiet_end)
    planned: list[Planned] = []
    immediate = {
        Change.BOOKED: ReminderKind.CONFIRMATION if policy.confirmation else None,
        Change.MOVED: ReminderKind.MOVED if policy.on_move else None,
        Change.CANCELLED: ReminderKind.CANCELLED if policy.on_cancel else None,
    }.get(change)
    if immediate is not None:
        planned.append(Planned(immediate, out_of_quiet(now, *quiet)))
    if change is not Change.CANCELLED and change is not Change.STATUS and policy.days_before:
        due = out_of_quiet(advance_due(start, tz, policy.days_before, policy.send_time), *quiet)
        told = planned[0].due if planned else None
        if due > now and (told is None or due - told >= MIN_GAP):
            planned.append(Planned(ADVANCE_KINDS[policy.days_before], due))
    return [p for p in planned if p.due < start]


def idempotency_key(appointment_id: int, kind: ReminderKind | str, due: datetime) -> str:
    """ "123-day_before-20270321T0900Z": unique per appointment, kind and due time, and a safe
    file name."""
    return f"{appointment_id}-{ReminderKind(kind).value}-{due.astimezone(UTC):%Y%m%dT%H%MZ}"


def request_idempotency_key(request_id: int, kind: ReminderKind | str, start: datetime) -> str:
    """ "r45-request_held-20270322T0800Z": unique per request, kind and slot start (which tells
    two proposals apart); a safe file name."""
    return f"r{request_id}-{ReminderKind(kind).value}-{start.astimezone(UTC):%Y%m%dT%H%MZ}"


REQUEST_DECIDED = "Non envoyé : la demande a été traitée entre-temps."
REQUEST_PAST = "Non envoyé : le créneau de la demande est déjà passé."
_STILL_TRUE = {ReminderKind.REQUEST_HELD: "held", ReminderKind.REQUEST_PROPOSED: "proposed"}


def request_message_stale(
    kind: ReminderKind | str, status: str, start: datetime | None, now: datetime
) -> str:
    """Why an SMS about a request (of ``status``, for the slot at ``start``) must not leave at
    ``now`` any more, in French; "" when it may."""
    kind = ReminderKind(kind)
    if start is None or start <= now:
        return REQUEST_PAST
    wanted = _STILL_TRUE.get(kind)
    if wanted is not None and str(status) != wanted:
        return REQUEST_DECIDED
    return ""


# --- to whom -------------------------------------------------------------------------------------


def _type(e164: str) -> str:
    """ "mobile", "landline", "other" or "invalid", as ``phonenumbers`` decides today."""
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return "invalid"
    if not phonenumbers.is_valid_number(number):
        return "invalid"
    kind = phonenumbers.number_type(number)
    if kind == PhoneNumberType.MOBILE:
        return "mobile"
    if kind == PhoneNumberType.FIXED_LINE:
        return "landline"
    return "other"


def choose_recipient(phones: Iterable[Phone | str], opted_out: bool = False) -> Recipient:
    """The first valid mobile of the patient's phones (in their order), else why none."""
    if opted_out:
        return Recipient(None, OPTED_OUT)
    kinds = []
    for phone in phones:
        e164 = phone.e164 if isinstance(phone, Phone) else str(phone)
        kind = _type(e164)
        if kind == "mobile":
            return Recipient(e164)
        kinds.append(kind)
    if not kinds:
        return Recipient(None, NO_PHONE)
    if "landline" in kinds:
        return Recipient(None, LANDLINE_ONLY)
    if "invalid" in kinds:
        return Recipient(None, INVALID_ONLY)
    return Recipient(None, NO_MOBILE)


def sms_decision(typed: str, opted_out: bool = False) -> Recipient:
    """The decision for a number as typed (any notation): E.164 of a valid mobile, or why not."""
    if opted_out:
        return Recipient(None, OPTED_OUT)
    try:
        phone = parse_phone(typed)
    except InvalidPhone:
        return Recipient(None, INVALID_ONLY)
    return choose_recipient([phone])
