"""Queries of the reports: the activity report's aggregates, counted and summed in SQL, never
row by row; and what the subject access extract reads about one patient.

Every query selects appointments by ``practitioner_id IN (…)`` and a ``start_at`` range, so it
walks the ``(practitioner_id, start_at)`` index even for the whole hospital (the table has no
index on ``start_at`` alone). Durations come from the database's own date arithmetic:
``julianday`` on SQLite (instants are ISO text with a ``Z``), ``extract(epoch …)`` on PostgreSQL.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import case, extract, func, or_, select
from sqlalchemy.orm import Session

from db.repositories import patients as patients_repo
from db.repositories import waitlist as waitlist_repo
from db.repositories.agenda import MAX_DURATION
from db.repositories.structure import practitioner_to_native
from db.tables import AbsenceRow, AppointmentRow, PractitionerRow, WaitingEntryRow
from desktop.domain.activity import LATE_CANCEL_HOURS, Tally
from desktop.domain.model import CancelOrigin, Channel, Patient, Practitioner, Status, WaitingEntry

A = AppointmentRow
CANCELLED = Status.CANCELLED.value


def _minutes(session: Session, later, earlier):
    """``later - earlier`` in minutes, as the database computes it."""
    if session.get_bind().dialect.name == "sqlite":
        return (func.julianday(later) - func.julianday(earlier)) * 1440.0
    return extract("epoch", later - earlier) / 60.0


def practitioners_in_scope(session: Session, department_id: int | None) -> list[Practitioner]:
    """Every practitioner of the department (or of the hospital), active or not, by name."""
    query = select(PractitionerRow).order_by(PractitionerRow.name, PractitionerRow.id)
    if department_id is not None:
        query = query.where(PractitionerRow.department_id == department_id)
    return [practitioner_to_native(r) for r in session.scalars(query)]


def _in_month(ids: Sequence[int], start: datetime, end: datetime):
    return (A.practitioner_id.in_(list(ids)), A.start_at >= start, A.start_at < end)


def tallies(
    session: Session, practitioner_ids: Sequence[int], start: datetime, end: datetime
) -> dict[int, Tally]:
    """What happened to the appointments starting in ``[start, end)``, by practitioner
    (``offered_min`` left at 0: offered time comes from the openings)."""
    minutes = _minutes(session, A.end_at, A.start_at)
    late = (A.status == CANCELLED) & (
        _minutes(session, A.start_at, A.updated_at) < LATE_CANCEL_HOURS * 60
    )
    query = (
        select(
            A.practitioner_id,
            A.status,
            A.cancel_origin,
            func.count(),
            func.sum(minutes),
            func.sum(case((late, 1), else_=0)),
        )
        .where(*_in_month(practitioner_ids, start, end))
        .group_by(A.practitioner_id, A.status, A.cancel_origin)
    )
    counts: dict[int, dict] = {}
    for pid, status, origin, count, total_min, late_count in session.execute(query):
        c = counts.setdefault(pid, {"appointments": 0, "booked_min": 0.0, "late_cancelled": 0})
        c["appointments"] += count
        c["late_cancelled"] += int(late_count or 0)
        if status == CANCELLED:
            key = {
                CancelOrigin.PATIENT.value: "cancelled_patient",
                CancelOrigin.HOSPITAL.value: "cancelled_hospital",
            }.get(origin, "cancelled_unknown")
        else:
            c["booked_min"] += round(float(total_min or 0), 3)
            key = {
                Status.SEEN.value: "seen",
                Status.ARRIVED.value: "arrived",
                Status.NO_SHOW.value: "no_show",
            }.get(status, "pending")
        c[key] = c.get(key, 0) + count
    return {pid: Tally(**c) for pid, c in counts.items()}


def channel_counts(
    session: Session, practitioner_ids: Sequence[int], start: datetime, end: datetime
) -> dict[Channel, int]:
    """Appointments starting in ``[start, end)`` (cancelled included) by booking channel."""
    query = (
        select(A.channel, func.count())
        .where(*_in_month(practitioner_ids, start, end))
        .group_by(A.channel)
    )
    return {Channel(channel): count for channel, count in session.execute(query)}


def week_totals(
    session: Session, practitioner_ids: Sequence[int], bounds: Sequence[datetime]
) -> list[tuple[int, float]]:
    """(active appointments, booked minutes) for each period ``[bounds[i], bounds[i + 1])``."""
    whens = [(A.start_at < bound, n) for n, bound in enumerate(bounds[1:])]
    # The CASE is computed in a subquery and grouped outside: PostgreSQL compares GROUP BY
    # expressions textually, and bound parameters would make the two copies differ.
    inner = (
        select(
            case(*whens, else_=len(bounds) - 1).label("week"),
            _minutes(session, A.end_at, A.start_at).label("minutes"),
        )
        .where(*_in_month(practitioner_ids, bounds[0], bounds[-1]), A.status != CANCELLED)
        .subquery()
    )
    query = select(inner.c.week, func.count(), func.sum(inner.c.minutes)).group_by(inner.c.week)
    result = [(0, 0.0)] * (len(bounds) - 1)
    for week, count, total_min in session.execute(query):
        result[int(week)] = (count, round(float(total_min or 0), 3))
    return result


def lead_medians(
    session: Session,
    practitioner_ids: Sequence[int],
    start: datetime,
    end: datetime,
    *,
    detailed: bool = True,
) -> tuple[dict[int, float], dict[int, float], float | None]:
    """Median days from booking to appointment of the active appointments starting in
    ``[start, end)``: by practitioner id, by department id, and over all of them (``detailed``
    False: the last one only).

    Computed in SQL in one pass with window functions (each row's rank and its group's size, per
    practitioner, per department and overall), so only the middle values leave the database.
    """
    # Each lead time is computed once (a materialised CTE), then ranked up to three ways.
    leads = (
        select(
            A.practitioner_id.label("p"),
            PractitionerRow.department_id.label("d"),
            (_minutes(session, A.start_at, A.created_at) / 1440.0).label("lead"),
        )
        .join(PractitionerRow, PractitionerRow.id == A.practitioner_id)
        .where(*_in_month(practitioner_ids, start, end), A.status != CANCELLED)
        .cte("leads")
    )
    if _materialized_ctes(session):
        leads = leads.prefix_with("MATERIALIZED")
    columns = [
        leads.c.p,
        leads.c.d,
        leads.c.lead,
        func.row_number().over(order_by=leads.c.lead).label("ra"),
        func.count().over().label("na"),
    ]
    if detailed:
        for name in ("p", "d"):
            key = leads.c[name]
            columns.append(
                func.row_number().over(partition_by=key, order_by=leads.c.lead).label(f"r{name}")
            )
            columns.append(func.count().over(partition_by=key).label(f"n{name}"))
    inner = select(*columns).subquery()
    levels = ("a", "p", "d") if detailed else ("a",)
    middle = {
        level: or_(
            inner.c[f"r{level}"] == (inner.c[f"n{level}"] + 1) // 2,
            inner.c[f"r{level}"] == inner.c[f"n{level}"] // 2 + 1,
        )
        for level in levels
    }
    flags = [case((c, 1), else_=0).label(f"mid_{level}") for level, c in middle.items()]
    query = select(inner.c.p, inner.c.d, inner.c.lead, *flags).where(or_(*middle.values()))
    values: dict[str, dict[int, list[float]]] = {level: defaultdict(list) for level in levels}
    for row in session.execute(query):
        mapping = row._mapping
        for level in levels:
            if mapping[f"mid_{level}"]:
                key = 0 if level == "a" else mapping[level]
                values[level][int(key)].append(float(mapping["lead"]))
    average = {level: {k: sum(v) / len(v) for k, v in values[level].items()} for level in levels}
    return average.get("p", {}), average.get("d", {}), average["a"].get(0)


def _materialized_ctes(session: Session) -> bool:
    """PostgreSQL 12+ and SQLite 3.35+ understand ``WITH … AS MATERIALIZED``."""
    dialect = session.get_bind().dialect
    if dialect.name == "sqlite":
        return sqlite3.sqlite_version_info >= (3, 35)
    return dialect.name == "postgresql" and (dialect.server_version_info or (0,)) >= (12,)


def busy_as_of(
    session: Session,
    practitioner_ids: Iterable[int],
    start: datetime,
    end: datetime,
    as_of: datetime,
) -> dict[int, list[tuple[datetime, datetime]]]:
    """Busy time overlapping ``[start, end)`` as the agenda stood at ``as_of``: appointments
    booked before it and not yet cancelled then (a cancellation's time is its last update),
    and absences."""
    ids = list(practitioner_ids)
    result: dict[int, list[tuple[datetime, datetime]]] = {pid: [] for pid in ids}
    appointments = select(A.practitioner_id, A.start_at, A.end_at).where(
        A.practitioner_id.in_(ids),
        A.start_at < end,
        A.start_at > start - MAX_DURATION,
        A.end_at > start,
        A.created_at < as_of,
        or_(A.status != CANCELLED, A.updated_at >= as_of),
    )
    absences = select(AbsenceRow.practitioner_id, AbsenceRow.start_at, AbsenceRow.end_at).where(
        AbsenceRow.practitioner_id.in_(ids), AbsenceRow.start_at < end, AbsenceRow.end_at > start
    )
    for query in (appointments, absences):
        for pid, s, e in session.execute(query):
            result[pid].append((s, e))
    return result


# --- the subject access extract ---------------------------------------------------------------


def patient_file(session: Session, patient_id: int) -> tuple[Patient, datetime | None, str]:
    """A patient with when and by whom the file was created; ``NotFound`` when unknown."""
    row = patients_repo.patient_row(session, patient_id)
    return patients_repo.patient_to_native(row), row.created_at, row.created_by


def waiting_entries_of(session: Session, patient_id: int) -> list[WaitingEntry]:
    """Every waiting-list entry of a patient, done ones included, oldest first."""
    rows = session.scalars(
        select(WaitingEntryRow)
        .where(WaitingEntryRow.patient_id == patient_id)
        .order_by(WaitingEntryRow.id)
    )
    return [waitlist_repo.entry_to_native(r) for r in rows]
