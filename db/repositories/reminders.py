"""The reminder queue: adding and cancelling messages, claiming the due ones for one sender,
recording what the gateway said; the outbox lists; and the no-show figures. An SMS about an
online booking request names the request (``request_id``) instead of an appointment; the lists
show both, with the request's own name and slot.

Claiming is one ``UPDATE … WHERE status = 'queued' AND (no claim or an expired one)`` inside the
caller's write transaction, after a ``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL (another
sender skips the rows locked here instead of waiting for them); on SQLite the transaction began
with ``BEGIN IMMEDIATE``, so two senders' claims never interleave. A row claimed by one token is
recorded only by that token.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import case, func, or_, select, update
from sqlalchemy.orm import Session

from db.tables import (
    AppointmentRow,
    BookingRequestRow,
    DepartmentRow,
    HospitalRow,
    PatientPhoneRow,
    PatientRow,
    PractitionerRow,
    ReminderRow,
    SettingRow,
    SiteRow,
    VisitReasonRow,
)
from desktop.domain.errors import NotFound
from desktop.domain.model import Status
from desktop.domain.reminders import (
    REMINDER_GROUPS,
    NoShowRate,
    Reminder,
    ReminderKind,
    ReminderStatus,
)

R, A, P, Q = ReminderRow, AppointmentRow, PatientRow, BookingRequestRow
QUEUED = ReminderStatus.QUEUED.value
CANCELLED = Status.CANCELLED.value


def _patient_name(family: str, given: str) -> str:
    return f"{family.upper()} {given}".strip()


def _native(row, name: str = "", patient_id: int | None = None, start=None) -> Reminder:
    return Reminder(
        id=row.id,
        appointment_id=row.appointment_id,
        kind=ReminderKind(row.kind),
        text=row.text,
        e164=row.e164,
        due=row.due_at,
        status=ReminderStatus(row.status),
        attempts=row.attempts,
        next_attempt=row.next_attempt_at,
        reply=row.reply,
        sent_at=row.sent_at,
        key=row.idempotency_key,
        patient_id=patient_id,
        patient_name=name,
        appointment_start=start,
        request_id=row.request_id,
    )


def _listing():
    # An appointment's SMS: its patient and start; a request's: the request's name and slot.
    return (
        select(
            R,
            func.coalesce(A.patient_id, Q.patient_id),
            func.coalesce(A.start_at, Q.start_at),
            func.coalesce(P.family_name, Q.family_name),
            func.coalesce(P.given_names, Q.given_names),
        )
        .outerjoin(A, A.id == R.appointment_id)
        .outerjoin(P, P.id == A.patient_id)
        .outerjoin(Q, Q.id == R.request_id)
    )


def _rows_to_native(result) -> list[Reminder]:
    return [
        _native(row, _patient_name(family, given), patient_id, start)
        for row, patient_id, start, family, given in result
    ]


def rows_by_key(session: Session, appointment_id: int) -> dict[str, ReminderRow]:
    """The appointment's rows by idempotency key, to change in the current transaction."""
    rows = session.scalars(select(R).where(R.appointment_id == appointment_id))
    return {r.idempotency_key: r for r in rows}


def settings_values(session: Session, keys: Sequence[str]) -> dict[str, object]:
    """Several shared settings in one query (absent keys are left out)."""
    query = select(SettingRow.key, SettingRow.value).where(SettingRow.key.in_(list(keys)))
    return dict(session.execute(query).all())


def message_facts(session: Session, appointment_id: int):
    """Site name and address, practitioner, department and visit reason of an appointment, and
    the hospital's time zone and phone, in one query (what an SMS may say); None when the
    hospital is not set up."""
    query = (
        select(
            SiteRow.name, SiteRow.address, PractitionerRow.name, DepartmentRow.name,
            VisitReasonRow.label, HospitalRow.timezone, HospitalRow.phone,
        )
        .select_from(A)
        .join(SiteRow, SiteRow.id == A.site_id)
        .join(PractitionerRow, PractitionerRow.id == A.practitioner_id)
        .join(VisitReasonRow, VisitReasonRow.id == A.visit_reason_id)
        .join(DepartmentRow, DepartmentRow.id == VisitReasonRow.department_id)
        .join(HospitalRow, HospitalRow.id == 1)
        .where(A.id == appointment_id)
    )  # fmt: skip
    return session.execute(query).one_or_none()


def patient_numbers(session: Session, patient_id: int) -> tuple[bool, list[str]]:
    """Whether the patient opted out, and their numbers in their order, in one query."""
    query = (
        select(P.sms_opt_out, PatientPhoneRow.e164)
        .outerjoin(PatientPhoneRow, PatientPhoneRow.patient_id == P.id)
        .where(P.id == patient_id)
        .order_by(PatientPhoneRow.position, PatientPhoneRow.id)
    )
    rows = session.execute(query).all()
    if not rows:
        raise NotFound(f"Patient inconnu : n° {patient_id}.")
    return bool(rows[0][0]), [e164 for _opt, e164 in rows if e164]


def row(session: Session, reminder_id: int) -> ReminderRow:
    """The row to change (locked until the end of the transaction on PostgreSQL)."""
    found = session.get(R, reminder_id, with_for_update=True)
    if found is None:
        raise NotFound(f"SMS inconnu : n° {reminder_id}.")
    return found


def was_told(session: Session, appointment_id: int) -> bool:
    """Whether the patient already received a message about this appointment."""
    query = select(R.id).where(
        R.appointment_id == appointment_id, R.status == ReminderStatus.SENT.value
    )
    return session.scalar(query.limit(1)) is not None


def cancel_queued(
    session: Session, appointment_ids: Sequence[int], now: datetime, reason: str
) -> int:
    """Cancel the queued messages of these appointments (a claimed one still gets its result
    recorded by its sender); returns how many."""
    if not appointment_ids:
        return 0
    result = session.execute(
        update(R)
        .where(R.appointment_id.in_(list(appointment_ids)), R.status == QUEUED)
        .values(status=ReminderStatus.CANCELLED.value, reply=reason[:500], updated_at=now)
    )
    return result.rowcount or 0


def _due(now: datetime):
    return (
        (R.status == QUEUED)
        & (R.next_attempt_at <= now)
        & or_(R.claim_token.is_(None), R.claimed_until < now)
    )


def any_due(session: Session, now: datetime) -> bool:
    """Whether some message is due and unclaimed (a read: senders check before writing)."""
    return session.scalar(select(R.id).where(_due(now)).limit(1)) is not None


def claim_next(session: Session, now: datetime, token: str, lease: timedelta) -> ReminderRow | None:
    """Claim the next due message for ``token`` until ``now + lease``; None when none is due."""
    query = select(R.id).where(_due(now)).order_by(R.next_attempt_at, R.id).limit(1)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    found = session.scalar(query)
    if found is None:
        return None
    claimed = session.execute(
        update(R)
        .where(R.id == found, _due(now))
        .values(claim_token=token, claimed_until=now + lease, updated_at=now)
    )
    if not claimed.rowcount:
        return None
    return session.get(R, found, populate_existing=True)


def record(session: Session, reminder_id: int, token: str, **values) -> bool:
    """Store a sender's result for a row it claimed (and release the claim); False when the
    claim was lost (expired and taken by another sender)."""
    result = session.execute(
        update(R)
        .where(R.id == reminder_id, R.claim_token == token)
        .values(claim_token=None, claimed_until=None, **values)
    )
    return bool(result.rowcount)


def listing(
    session: Session, statuses: Iterable[str] | None = None, limit: int = 500
) -> list[Reminder]:
    """The outbox: messages of these statuses (all when None), the latest due first."""
    query = _listing().order_by(R.due_at.desc(), R.id.desc()).limit(limit)
    if statuses is not None:
        query = query.where(R.status.in_(list(statuses)))
    return _rows_to_native(session.execute(query))


def of_appointment(session: Session, appointment_id: int) -> list[Reminder]:
    """Every message of one appointment, in due order."""
    query = _listing().where(R.appointment_id == appointment_id).order_by(R.due_at, R.id)
    return _rows_to_native(session.execute(query))


def of_request(session: Session, request_id: int) -> list[Reminder]:
    """Every message about one booking request, in due order."""
    query = _listing().where(R.request_id == request_id).order_by(R.due_at, R.id)
    return _rows_to_native(session.execute(query))


def of_patient(session: Session, patient_id: int) -> list[Reminder]:
    """Every message about the patient's appointments and the requests matched to them, in due
    order (the subject access extract)."""
    query = (
        _listing()
        .where(or_(A.patient_id == patient_id, Q.patient_id == patient_id))
        .order_by(R.due_at, R.id)
    )
    return _rows_to_native(session.execute(query))


def one(session: Session, reminder_id: int) -> Reminder:
    found = _rows_to_native(session.execute(_listing().where(R.id == reminder_id)))
    if not found:
        raise NotFound(f"SMS inconnu : n° {reminder_id}.")
    return found[0]


def counts(session: Session) -> dict[ReminderStatus, int]:
    """How many messages each status holds."""
    found = dict(session.execute(select(R.status, func.count()).group_by(R.status)).all())
    return {status: found.get(status.value, 0) for status in ReminderStatus}


def queued_of_patient(session: Session, patient_id: int) -> list[int]:
    """The appointments of a patient that have queued messages."""
    query = (
        select(R.appointment_id)
        .join(A, A.id == R.appointment_id)
        .where(A.patient_id == patient_id, R.status == QUEUED)
        .distinct()
    )
    return list(session.scalars(query))


def future_appointments(session: Session, patient_id: int, now: datetime) -> list[int]:
    """The patient's appointments still to come and not cancelled."""
    query = select(A.id).where(A.patient_id == patient_id, A.start_at > now, A.status != CANCELLED)
    return list(session.scalars(query.order_by(A.start_at)))


# --- no-shows ------------------------------------------------------------------------------------


def no_show_counts(
    session: Session, patient_ids: Sequence[int], since: datetime, until: datetime
) -> dict[int, int]:
    """No-shows of each patient among appointments starting in ``[since, until)``."""
    if not patient_ids:
        return {}
    query = (
        select(A.patient_id, func.count())
        .where(
            A.patient_id.in_(list(patient_ids)),
            A.status == Status.NO_SHOW.value,
            A.start_at >= since,
            A.start_at < until,
        )
        .group_by(A.patient_id)
    )
    return {pid: n for pid, n in session.execute(query)}


def _in_period(session: Session, start: datetime, end: datetime, ids: Sequence[int] | None = None):
    # Through the (practitioner_id, start_at) index, as the activity report's queries do.
    if ids is None:
        ids = list(session.scalars(select(PractitionerRow.id)))
    return (
        A.practitioner_id.in_(ids),
        A.start_at >= start,
        A.start_at < end,
        A.status != CANCELLED,
    )


_NO_SHOW = func.sum(case((A.status == Status.NO_SHOW.value, 1), else_=0))


def no_show_rates_by(
    session: Session,
    start: datetime,
    end: datetime,
    dimension: str,
    practitioner_ids: Sequence[int] | None = None,
):
    """``NoShowRate`` per practitioner or visit reason (``dimension``) over ``[start, end)``:
    no-shows among appointments not cancelled (of these practitioners; all by default)."""
    if dimension == "practitioner":
        column, table, label = A.practitioner_id, PractitionerRow, PractitionerRow.name
    else:
        column, table, label = A.visit_reason_id, VisitReasonRow, VisitReasonRow.label
    query = (
        select(table.code, label, func.count(), _NO_SHOW)
        .join(table, table.id == column)
        .where(*_in_period(session, start, end, practitioner_ids))
        .group_by(table.code, label)
        .order_by(label)
    )
    return [NoShowRate(code, name, n, int(k or 0)) for code, name, n, k in session.execute(query)]


def no_show_rates_by_reminder(
    session: Session,
    start: datetime,
    end: datetime,
    practitioner_ids: Sequence[int] | None = None,
):
    """``NoShowRate`` by the reminder the patient received: the advance reminder sent, else the
    confirmation alone, else none (appointments of these practitioners; all by default)."""
    rank = case(
        (R.kind == ReminderKind.TWO_DAYS_BEFORE.value, 3),
        (R.kind == ReminderKind.DAY_BEFORE.value, 2),
        (R.kind == ReminderKind.CONFIRMATION.value, 1),
        else_=0,
    )
    sent = (
        select(R.appointment_id, func.max(rank).label("rank"))
        .where(R.status == ReminderStatus.SENT.value, R.appointment_id.is_not(None))
        .group_by(R.appointment_id)
        .subquery()
    )
    group = func.coalesce(sent.c.rank, 0)
    query = (
        select(group, func.count(), _NO_SHOW)
        .select_from(A)
        .outerjoin(sent, sent.c.appointment_id == A.id)
        .where(*_in_period(session, start, end, practitioner_ids))
        .group_by(group)
    )
    names = ("none", "confirmation", "day_before", "two_days_before")
    found = {names[g]: (n, int(k or 0)) for g, n, k in session.execute(query)}
    return [NoShowRate(key, REMINDER_GROUPS[key], *found[key]) for key in names if key in found]
