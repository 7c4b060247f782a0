"""Value objects of the agenda: frozen dataclasses handed from the data layer to everything above.

Instants are timezone-aware UTC ``datetime``; wall-clock times (openings) are naive ``time``
in the hospital's zone; dates are plain ``date``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import IntEnum, StrEnum


class Weeks(StrEnum):
    """Which ISO weeks an opening applies to."""

    ALL = "all"
    EVEN = "even"
    ODD = "odd"


class Status(StrEnum):
    """Life cycle of an appointment."""

    BOOKED = "booked"
    CONFIRMED = "confirmed"
    ARRIVED = "arrived"
    SEEN = "seen"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        """French label for screens and reports."""
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.BOOKED: "Réservé",
    Status.CONFIRMED: "Confirmé",
    Status.ARRIVED: "Arrivé",
    Status.SEEN: "Vu",
    Status.NO_SHOW: "Absent (lapin)",
    Status.CANCELLED: "Annulé",
}


class Channel(StrEnum):
    """How the appointment was made."""

    PHONE = "phone"
    DESK = "desk"
    ONLINE = "online"
    INTERNAL = "internal"


class CancelOrigin(StrEnum):
    """Who called an appointment off, for the activity report: the patient or the hospital."""

    PATIENT = "patient"
    HOSPITAL = "hospital"

    @property
    def label(self) -> str:
        """French label for screens and reports."""
        return "le patient" if self is CancelOrigin.PATIENT else "l'hôpital"


class Role(StrEnum):
    """What a user is in the secretariat."""

    SECRETARY = "secretary"
    PHYSICIAN = "physician"
    ADMIN = "admin"


class PhoneKind(StrEnum):
    """Type of a phone number, as decided by ``phonenumbers``."""

    MOBILE = "mobile"
    LANDLINE = "landline"
    OTHER = "other"


class Sex(StrEnum):
    """Administrative sex as on French identity documents (U: unknown)."""

    F = "F"
    M = "M"
    U = "U"


@dataclass(frozen=True, slots=True)
class Hospital:
    """The hospital-wide settings."""

    name: str
    timezone: str = "Europe/Paris"
    country_holidays: str | None = "FR"
    booking_url: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class Site:
    id: int
    code: str
    name: str
    address: str = ""


@dataclass(frozen=True, slots=True)
class Department:
    id: int
    code: str
    name: str
    site_id: int


@dataclass(frozen=True, slots=True)
class Practitioner:
    id: int
    code: str
    name: str
    department_id: int
    rpps: str | None = None
    active: bool = True


@dataclass(frozen=True, slots=True)
class VisitReason:
    id: int
    code: str
    department_id: int
    label: str
    duration_min: int
    online: bool = False
    new_patients: bool = True
    min_notice_hours: int | None = None
    color: str = "#4f7fd9"
    instructions: str = ""
    active: bool = True


@dataclass(frozen=True, slots=True)
class Opening:
    """A weekly template: on ``weekday`` (0 = Monday), from ``start`` to ``end`` local time."""

    id: int
    practitioner_id: int
    site_id: int
    weekday: int
    start: time
    end: time
    step_min: int
    visit_reason_ids: frozenset[int]
    weeks: Weeks = Weeks.ALL
    valid_from: date = date(2000, 1, 1)
    valid_to: date | None = None


@dataclass(frozen=True, slots=True)
class Absence:
    id: int
    practitioner_id: int
    start: datetime
    end: datetime
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Closure:
    """A whole-site closure, dates inclusive."""

    id: int
    site_id: int
    date_from: date
    date_to: date
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Phone:
    e164: str
    kind: PhoneKind


@dataclass(frozen=True, slots=True)
class Patient:
    id: int
    family_name: str
    given_names: str
    birth_date: date
    sex: Sex = Sex.U
    birth_name: str = ""
    phones: tuple[Phone, ...] = ()
    email: str = ""
    nir: str | None = None

    @property
    def display_name(self) -> str:
        """ "DUPONT Marie (née MARTIN)" — the way French hospitals write a patient's name."""
        name = f"{self.family_name.upper()} {self.given_names}"
        if self.birth_name and self.birth_name.casefold() != self.family_name.casefold():
            name += f" (née {self.birth_name.upper()})"
        return name


@dataclass(frozen=True, slots=True)
class Appointment:
    id: int
    practitioner_id: int
    visit_reason_id: int
    patient_id: int
    site_id: int
    start: datetime
    end: datetime
    status: Status = Status.BOOKED
    channel: Channel = Channel.PHONE
    overbooked: bool = False
    overbooking_reason: str = ""
    notes: str = ""
    cancel_reason: str = ""
    created_by: str = ""
    created_at: datetime | None = None
    updated_by: str = ""
    updated_at: datetime | None = None
    version: int = 1
    cancel_origin: CancelOrigin | None = None

    @property
    def active(self) -> bool:
        """Every status but cancelled holds the time."""
        return self.status is not Status.CANCELLED


@dataclass(frozen=True, slots=True)
class Slot:
    """A bookable start for a visit reason: ``[start, end)`` in UTC."""

    practitioner_id: int
    visit_reason_id: int
    site_id: int
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class User:
    id: int
    login: str
    display_name: str
    role: Role
    active: bool = True
    practitioner_id: int | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """Who performs an action, as recorded in the audit trail."""

    login: str
    role: Role
    workstation: str = ""
    practitioner_id: int | None = None
    user_id: int | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    workstation: str
    action: str
    object_type: str
    object_id: int | None
    before: dict | None = None
    after: dict | None = None
    # The patient and practitioner the record concerns (filters of the audit screen), and the
    # hash chain (desktop.domain.audit_chain).
    patient_id: int | None = None
    practitioner_id: int | None = None
    prev_hash: str = ""
    hash: str = ""


@dataclass(frozen=True, slots=True)
class PractitionerAgenda:
    """Everything the slot engine needs about one practitioner over a period."""

    practitioner_id: int
    openings: tuple[Opening, ...]
    busy: tuple[tuple[datetime, datetime], ...] = field(default=())


class WaitStatus(StrEnum):
    """Life cycle of a waiting-list entry."""

    WAITING = "waiting"
    BOOKED = "booked"
    REMOVED = "removed"

    @property
    def label(self) -> str:
        """French label for screens."""
        return {"waiting": "En attente", "booked": "Rendez-vous pris", "removed": "Retiré"}[self]


class TimeOfDay(StrEnum):
    """When a waiting patient can come: at any time, in the morning, in the afternoon."""

    ANY = "any"
    MORNING = "morning"
    AFTERNOON = "afternoon"

    @property
    def label(self) -> str:
        """French label for screens."""
        return {"any": "Indifférent", "morning": "Matin", "afternoon": "Après-midi"}[self]


class Priority(IntEnum):
    """How soon a waiting patient must be seen; the list offers the higher first."""

    NORMAL = 0
    HIGH = 1
    URGENT = 2

    @property
    def label(self) -> str:
        """French label for screens."""
        return ("Normale", "Haute", "Urgente")[self]


@dataclass(frozen=True, slots=True)
class WaitingEntry:
    """A patient waiting for an earlier slot for a visit reason.

    With ``practitioner_id`` None any practitioner of ``department_id`` will do. ``weekdays``
    holds the wished ISO weekdays (0 = Monday), empty for any day; ``not_before`` and
    ``deadline`` are local dates, both included.
    """

    id: int
    patient_id: int
    visit_reason_id: int
    department_id: int
    practitioner_id: int | None = None
    weekdays: frozenset[int] = frozenset()
    time_window: TimeOfDay = TimeOfDay.ANY
    not_before: date | None = None
    deadline: date | None = None
    priority: Priority = Priority.NORMAL
    notes: str = ""
    status: WaitStatus = WaitStatus.WAITING
    appointment_id: int | None = None
    removed_reason: str = ""
    created_by: str = ""
    created_at: datetime | None = None
    updated_by: str = ""
    updated_at: datetime | None = None
    version: int = 1
