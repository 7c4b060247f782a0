"""The schema: typed tables. Nothing above ``db`` sees these classes; repositories convert rows."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, UTCDateTime, WallTime

STATUSES = ("booked", "confirmed", "arrived", "seen", "no_show", "cancelled")
CHANNELS = ("phone", "desk", "online", "internal")
ROLES = ("secretary", "physician", "admin")
CANCEL_ORIGINS = ("patient", "hospital")
WAIT_STATUSES = ("waiting", "booked", "removed")
TIME_WINDOWS = ("any", "morning", "afternoon")
REMINDER_KINDS = (
    "confirmation",
    "day_before",
    "two_days_before",
    "cancelled",
    "moved",
    # about an online booking request: such an SMS names the request, not an appointment
    "request_held",
    "request_proposed",
    "request_declined",
    "request_expired",
)
REMINDER_SUBJECT = (
    "(appointment_id IS NOT NULL AND request_id IS NULL)"
    " OR (appointment_id IS NULL AND request_id IS NOT NULL)"
)
REMINDER_STATUSES = ("queued", "sent", "failed", "cancelled")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class HospitalRow(Base):
    """The single row of hospital-wide settings (id is always 1)."""

    __tablename__ = "hospital"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Paris")
    country_holidays: Mapped[str | None] = mapped_column(String(8))
    booking_url: Mapped[str] = mapped_column(String(500), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")


class SettingRow(Base):
    """Shared settings of later features (publication, reminders…), one JSON value per key."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[dict | list | str | int | None] = mapped_column(JSON)


class SiteRow(Base):
    __tablename__ = "site"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(500), default="")


class DepartmentRow(Base):
    __tablename__ = "department"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"), index=True)


class PractitionerRow(Base):
    __tablename__ = "practitioner"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"), index=True)
    rpps: Mapped[str | None] = mapped_column(String(11))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class VisitReasonRow(Base):
    __tablename__ = "visit_reason"
    __table_args__ = (CheckConstraint("duration_min > 0 AND duration_min <= 720", name="duration"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"), index=True)
    label: Mapped[str] = mapped_column(String(200))
    duration_min: Mapped[int] = mapped_column(Integer)
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    new_patients: Mapped[bool] = mapped_column(Boolean, default=True)
    min_notice_hours: Mapped[int | None] = mapped_column(Integer)
    color: Mapped[str] = mapped_column(String(7), default="#4f7fd9")
    instructions: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class OpeningRow(Base):
    __tablename__ = "opening"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint("start_time < end_time", name="start_before_end"),
        CheckConstraint("step_min > 0", name="step"),
        CheckConstraint(_in("weeks", ("all", "even", "odd")), name="weeks"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    practitioner_id: Mapped[int] = mapped_column(ForeignKey("practitioner.id"), index=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"))
    weekday: Mapped[int] = mapped_column(Integer)
    start_time: Mapped[time] = mapped_column(WallTime)
    end_time: Mapped[time] = mapped_column(WallTime)
    step_min: Mapped[int] = mapped_column(Integer)
    weeks: Mapped[str] = mapped_column(String(4), default="all")
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    visit_reasons: Mapped[list[OpeningVisitReasonRow]] = relationship(
        cascade="all, delete-orphan", lazy="selectin"
    )


class OpeningVisitReasonRow(Base):
    __tablename__ = "opening_visit_reason"

    opening_id: Mapped[int] = mapped_column(
        ForeignKey("opening.id", ondelete="CASCADE"), primary_key=True
    )
    visit_reason_id: Mapped[int] = mapped_column(ForeignKey("visit_reason.id"), primary_key=True)


class AbsenceRow(Base):
    __tablename__ = "absence"
    __table_args__ = (
        CheckConstraint("start_at < end_at", name="start_before_end"),
        Index("ix_absence_practitioner_start", "practitioner_id", "start_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    practitioner_id: Mapped[int] = mapped_column(ForeignKey("practitioner.id"))
    start_at: Mapped[datetime] = mapped_column(UTCDateTime)
    end_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(String(200), default="")


class ClosureRow(Base):
    __tablename__ = "closure"
    __table_args__ = (CheckConstraint("date_from <= date_to", name="from_before_to"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"), index=True)
    date_from: Mapped[date] = mapped_column(Date)
    date_to: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200), default="")


class PatientRow(Base):
    __tablename__ = "patient"
    __table_args__ = (
        CheckConstraint(_in("sex", ("F", "M", "U")), name="sex"),
        Index("ix_patient_search_key", "search_key"),
        Index("ix_patient_birth_search_key", "birth_search_key"),
        Index("ix_patient_given_search_key", "given_search_key"),
        Index("ix_patient_birth_date", "birth_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    family_name: Mapped[str] = mapped_column(String(100))
    birth_name: Mapped[str] = mapped_column(String(100), default="")
    given_names: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(1), default="U")
    email: Mapped[str] = mapped_column(String(254), default="")
    nir: Mapped[str | None] = mapped_column(String(15))
    # "family given", "birth given" and "given family", casefolded without accents: each a
    # B-tree prefix search, so "dup", "elodie" and "martin el" all find Élodie DUPONT née MARTIN.
    search_key: Mapped[str] = mapped_column(String(210))
    birth_search_key: Mapped[str] = mapped_column(String(210), default="")
    given_search_key: Mapped[str] = mapped_column(String(210), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    # The patient refused SMS reminders (migration 0006).
    sms_opt_out: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    phones: Mapped[list[PatientPhoneRow]] = relationship(
        cascade="all, delete-orphan", order_by="PatientPhoneRow.position", lazy="selectin"
    )


class PatientPhoneRow(Base):
    __tablename__ = "patient_phone"
    __table_args__ = (
        CheckConstraint(_in("kind", ("mobile", "landline", "other")), name="kind"),
        Index("ix_patient_phone_e164", "e164"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(
        ForeignKey("patient.id", ondelete="CASCADE"), index=True
    )
    e164: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(8))
    position: Mapped[int] = mapped_column(Integer, default=0)


class AppointmentRow(Base):
    __tablename__ = "appointment"
    __table_args__ = (
        CheckConstraint("start_at < end_at", name="start_before_end"),
        CheckConstraint(_in("status", STATUSES), name="status"),
        CheckConstraint(_in("channel", CHANNELS), name="channel"),
        CheckConstraint(_in("cancel_origin", CANCEL_ORIGINS), name="cancel_origin"),
        Index("ix_appointment_practitioner_start", "practitioner_id", "start_at"),
        Index("ix_appointment_patient", "patient_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    practitioner_id: Mapped[int] = mapped_column(ForeignKey("practitioner.id"))
    visit_reason_id: Mapped[int] = mapped_column(ForeignKey("visit_reason.id"))
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"))
    start_at: Mapped[datetime] = mapped_column(UTCDateTime)
    end_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(10), default="booked")
    channel: Mapped[str] = mapped_column(String(8), default="phone")
    overbooked: Mapped[bool] = mapped_column(Boolean, default=False)
    overbooking_reason: Mapped[str] = mapped_column(String(500), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    cancel_reason: Mapped[str] = mapped_column(String(500), default="")
    # Who called it off (activity report); NULL when not cancelled or not known.
    cancel_origin: Mapped[str | None] = mapped_column(String(8))
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class WaitingEntryRow(Base):
    """A patient waiting for an earlier slot for a visit reason (the waiting list)."""

    __tablename__ = "waiting_entry"
    __table_args__ = (
        CheckConstraint(_in("status", WAIT_STATUSES), name="status"),
        CheckConstraint(_in("time_window", TIME_WINDOWS), name="time_window"),
        CheckConstraint("priority BETWEEN 0 AND 2", name="priority"),
        CheckConstraint(
            "not_before IS NULL OR deadline IS NULL OR not_before <= deadline",
            name="not_before_deadline",
        ),
        Index("ix_waiting_entry_status_department", "status", "department_id"),
        Index("ix_waiting_entry_patient", "patient_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    visit_reason_id: Mapped[int] = mapped_column(ForeignKey("visit_reason.id"))
    practitioner_id: Mapped[int | None] = mapped_column(ForeignKey("practitioner.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    # Wished ISO weekdays (0 = Monday) as "0,1,4"; empty: any day.
    weekdays: Mapped[str] = mapped_column(String(20), default="")
    time_window: Mapped[str] = mapped_column(String(9), default="any")
    not_before: Mapped[date | None] = mapped_column(Date)
    deadline: Mapped[date | None] = mapped_column(Date)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(8), default="waiting")
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"))
    removed_reason: Mapped[str] = mapped_column(String(500), default="")
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class ReminderRow(Base):
    """One SMS of the reminder queue (migration 0006); ``idempotency_key`` (appointment, kind,
    due time) is unique, so the same message is never queued, hence never sent, twice. An SMS
    about an online booking request names the request instead of an appointment."""

    __tablename__ = "reminder"
    __table_args__ = (
        CheckConstraint(_in("kind", REMINDER_KINDS), name="kind"),
        CheckConstraint(_in("status", REMINDER_STATUSES), name="status"),
        CheckConstraint("attempts >= 0", name="attempts"),
        CheckConstraint(REMINDER_SUBJECT, name="subject"),
        Index("ix_reminder_appointment_id", "appointment_id"),
        Index("ix_reminder_request_id", "request_id"),
        Index("ix_reminder_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"))
    request_id: Mapped[int | None] = mapped_column(ForeignKey("booking_request.id"))
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    e164: Mapped[str] = mapped_column(String(16), default="")
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(10), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # A sender's claim: its token, until when (another sender may take the row after that).
    claim_token: Mapped[str | None] = mapped_column(String(36))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The gateway's reply, or why the message failed or was not sent (French).
    reply: Mapped[str] = mapped_column(String(500), default="")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    idempotency_key: Mapped[str] = mapped_column(String(80), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class UserRow(Base):
    __tablename__ = "app_user"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    practitioner_id: Mapped[int | None] = mapped_column(ForeignKey("practitioner.id"))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AuditRow(Base):
    """Append-only trail: one row per change, written in the same transaction as the change."""

    __tablename__ = "audit"
    __table_args__ = (
        Index("ix_audit_object", "object_type", "object_id"),
        Index("ix_audit_at", "at"),
        Index("ix_audit_patient_id", "patient_id"),
        Index("ix_audit_practitioner_id", "practitioner_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(100))
    workstation: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    # For the audit screen's filters (no foreign key: the trail outlives what it names).
    patient_id: Mapped[int | None] = mapped_column(Integer)
    practitioner_id: Mapped[int | None] = mapped_column(Integer)
    # Hash chain (desktop.domain.audit_chain): hex SHA-256 of the previous record and of this one.
    prev_hash: Mapped[str] = mapped_column(String(64), server_default="")
    hash: Mapped[str] = mapped_column(String(64), server_default="")


class AuditHeadRow(Base):
    """The single row (id 1) of the audit chain head, locked by every append to serialise them.

    ``anchor_id``/``anchor_hash``: the last record purged by retention and its hash (0 and the
    genesis hash until a purge); only records up to ``anchor_id`` may be deleted.
    """

    __tablename__ = "audit_head"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))
    anchor_id: Mapped[int] = mapped_column(Integer, default=0)
    anchor_hash: Mapped[str] = mapped_column(String(64))


# --- booking requests (issue 5) ---
REQUEST_STATUSES = ("received", "held", "proposed", "accepted", "declined", "rejected", "expired")


class BookingRequestRow(Base):
    """A booking request from the hospital's booking page (or a file), as sent, with its fate.

    A held or proposed request holds ``[start_at, end_at)`` of the practitioner until
    ``hold_until`` (busy for the slot engine). A rejected one keeps its raw body and the reason.
    """

    __tablename__ = "booking_request"
    __table_args__ = (
        CheckConstraint(_in("status", REQUEST_STATUSES), name="status"),
        CheckConstraint("start_at IS NULL OR start_at < end_at", name="start_before_end"),
        Index("ix_booking_request_status_received_at", "status", "received_at"),
        Index("ix_booking_request_practitioner_start", "practitioner_id", "start_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(10))
    source: Mapped[str] = mapped_column(String(10), default="http")
    requested_slot: Mapped[str] = mapped_column(String(64), default="")
    practitioner_id: Mapped[int | None] = mapped_column(ForeignKey("practitioner.id"))
    visit_reason_id: Mapped[int | None] = mapped_column(ForeignKey("visit_reason.id"))
    start_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    end_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hold_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    family_name: Mapped[str] = mapped_column(String(100), default="")
    given_names: Mapped[str] = mapped_column(String(100), default="")
    birth_date: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(16), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    message: Mapped[str] = mapped_column(String(500), default="")
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("patient.id"))
    appointment_id: Mapped[int | None] = mapped_column(ForeignKey("appointment.id"))
    decision_reason: Mapped[str] = mapped_column(String(500), default="")
    client_hash: Mapped[str] = mapped_column(String(64), default="")
    raw_body: Mapped[str | None] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


# --- end of booking requests ---


# --- publication policy (issue 5) ---
class PublicationPolicyRow(Base):
    """Which free slots of a practitioner are published (``visit_reason_id`` NULL: every reason;
    ``horizon_weeks`` NULL: the hospital's default). One per practitioner and reason."""

    __tablename__ = "publication_policy"
    __table_args__ = (
        CheckConstraint("share_percent BETWEEN 1 AND 100", name="share"),
        CheckConstraint("horizon_weeks IS NULL OR horizon_weeks BETWEEN 1 AND 52", name="horizon"),
        Index(
            "ux_publication_policy_practitioner_reason",
            "practitioner_id",
            text("coalesce(visit_reason_id, 0)"),
            unique=True,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    practitioner_id: Mapped[int] = mapped_column(ForeignKey("practitioner.id"))
    visit_reason_id: Mapped[int | None] = mapped_column(ForeignKey("visit_reason.id"))
    horizon_weeks: Mapped[int | None] = mapped_column(Integer)
    share_percent: Mapped[int] = mapped_column(Integer, default=100)


class PublicationEmbargoRow(Base):
    """Local dates (both included) on which a policy publishes nothing."""

    __tablename__ = "publication_embargo"
    __table_args__ = (CheckConstraint("date_from <= date_to", name="from_before_to"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[int] = mapped_column(
        ForeignKey("publication_policy.id", ondelete="CASCADE"), index=True
    )
    date_from: Mapped[date] = mapped_column(Date)
    date_to: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200), default="")


# --- end of publication policy ---


__all__ = [
    "AbsenceRow",
    "AppointmentRow",
    "AuditHeadRow",
    "AuditRow",
    "BookingRequestRow",
    "ClosureRow",
    "DepartmentRow",
    "HospitalRow",
    "OpeningRow",
    "OpeningVisitReasonRow",
    "PatientPhoneRow",
    "PatientRow",
    "PractitionerRow",
    "PublicationEmbargoRow",
    "PublicationPolicyRow",
    "ReminderRow",
    "SettingRow",
    "SiteRow",
    "UserRow",
    "VisitReasonRow",
    "WaitingEntryRow",
]
