"""What the administration screen reads and changes: every object, active or not, by id.

Writes happen on rows inside the caller's transaction; reads return domain dataclasses.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.repositories import structure as repo
from db.repositories.agenda import appointment_to_native
from db.tables import (
    AbsenceRow,
    AppointmentRow,
    ClosureRow,
    DepartmentRow,
    OpeningRow,
    PractitionerRow,
    SettingRow,
    SiteRow,
    UserRow,
    VisitReasonRow,
)
from desktop.domain.errors import InvalidInput, NotFound
from desktop.domain.model import (
    Absence,
    Appointment,
    Closure,
    Opening,
    Practitioner,
    Role,
    Status,
    User,
    VisitReason,
)
from desktop.domain.settings import OVERBOOKING_ROLES_KEY, overbooking_roles_from_json

_WHAT = {
    SiteRow: ("Site", "inconnu"),
    DepartmentRow: ("Service", "inconnu"),
    PractitionerRow: ("Praticien", "inconnu"),
    VisitReasonRow: ("Motif", "inconnu"),
    OpeningRow: ("Plage horaire", "inconnue"),
    ClosureRow: ("Fermeture", "inconnue"),
    UserRow: ("Utilisateur", "inconnu"),
}


def row(session: Session, table, row_id: int):
    """The row of that id, to change in the current transaction; ``NotFound`` (French) else."""
    found = session.get(table, row_id)
    if found is None:
        what, unknown = _WHAT.get(table, ("Objet", "inconnu"))
        raise NotFound(f"{what} {unknown} : n° {row_id}.")
    return found


def check_code_free(session: Session, table, code: str, own_id: int | None = None) -> None:
    """Refuse a code another object of that kind already has."""
    other = session.scalar(select(table.id).where(table.code == code))
    if other is not None and other != own_id:
        what = _WHAT.get(table, ("objet", ""))[0].lower()
        raise InvalidInput(f"Code : le code « {code} » est déjà pris ({what} n° {other}).")


def set_setting(session: Session, key: str, value) -> object:
    """Store a shared setting; returns the previous value (None when there was none)."""
    found = session.get(SettingRow, key)
    if found is None:
        session.add(SettingRow(key=key, value=value))
        return None
    previous = found.value
    found.value = value
    return previous


def all_practitioners(session: Session) -> list[Practitioner]:
    """Every practitioner, active or not, by name."""
    rows = session.scalars(
        select(PractitionerRow).order_by(PractitionerRow.name, PractitionerRow.id)
    )
    return [repo.practitioner_to_native(r) for r in rows]


def all_visit_reasons(session: Session) -> list[VisitReason]:
    """Every visit reason, active or not, by label."""
    rows = session.scalars(select(VisitReasonRow).order_by(VisitReasonRow.label, VisitReasonRow.id))
    return [repo.visit_reason_to_native(r) for r in rows]


def codes(session: Session, table) -> dict[int, str]:
    """Id → code of every object of a kind."""
    return dict(session.execute(select(table.id, table.code)).all())


def all_openings(session: Session) -> list[Opening]:
    """Every opening, by practitioner, weekday and start."""
    rows = session.scalars(
        select(OpeningRow).order_by(
            OpeningRow.practitioner_id, OpeningRow.weekday, OpeningRow.start_time, OpeningRow.id
        )
    )
    return [repo.opening_to_native(r) for r in rows]


def closure_to_native(r: ClosureRow) -> Closure:
    return Closure(r.id, r.site_id, r.date_from, r.date_to, r.reason)


def absences_from(session: Session, since: datetime) -> list[Absence]:
    """Absences not yet over at ``since``, by start."""
    rows = session.scalars(
        select(AbsenceRow).where(AbsenceRow.end_at > since).order_by(AbsenceRow.start_at)
    )
    return [Absence(r.id, r.practitioner_id, r.start_at, r.end_at, r.reason) for r in rows]


_ACTIVE = [s.value for s in Status if s is not Status.CANCELLED]


def future_appointments(
    session: Session, practitioner_ids: Iterable[int], since: datetime
) -> list[Appointment]:
    """Active appointments of the practitioners starting at ``since`` or later, by start."""
    rows = session.scalars(
        select(AppointmentRow)
        .where(
            AppointmentRow.practitioner_id.in_(list(practitioner_ids)),
            AppointmentRow.start_at >= since,
            AppointmentRow.status.in_(_ACTIVE),
        )
        .order_by(AppointmentRow.start_at, AppointmentRow.id)
    )
    return [appointment_to_native(r) for r in rows]


def future_appointments_at_site(
    session: Session, site_id: int, since: datetime, until: datetime
) -> list[Appointment]:
    """Active appointments of a site starting in ``[since, until)``, by start."""
    rows = session.scalars(
        select(AppointmentRow)
        .where(
            AppointmentRow.site_id == site_id,
            AppointmentRow.start_at >= since,
            AppointmentRow.start_at < until,
            AppointmentRow.status.in_(_ACTIVE),
        )
        .order_by(AppointmentRow.start_at, AppointmentRow.id)
    )
    return [appointment_to_native(r) for r in rows]


def user_to_native(r: UserRow) -> User:
    return User(r.id, r.login, r.display_name, Role(r.role), r.active, r.practitioner_id)


def users(session: Session) -> list[User]:
    """Every account, by login."""
    return [user_to_native(r) for r in session.scalars(select(UserRow).order_by(UserRow.login))]


def active_admins(session: Session) -> int:
    """How many active administrator accounts there are."""
    return session.scalar(
        select(func.count()).select_from(UserRow).where(UserRow.active, UserRow.role == "admin")
    )


def openings_using_reason(session: Session, visit_reason_id: int) -> list[Opening]:
    """The openings that offer a visit reason."""
    return [o for o in all_openings(session) if visit_reason_id in o.visit_reason_ids]


def closures_overlapping(session: Session, site_id: int, start: date, end: date) -> list[Closure]:
    """The site's closures that share a date with ``[start, end]``."""
    rows = session.scalars(
        select(ClosureRow).where(
            ClosureRow.site_id == site_id,
            ClosureRow.date_from <= end,
            ClosureRow.date_to >= start,
        )
    )
    return [closure_to_native(r) for r in rows]


def overbooking_roles(session: Session) -> frozenset[Role]:
    """The roles the hospital lets overbook (every role until an administrator says otherwise)."""
    return overbooking_roles_from_json(repo.setting(session, OVERBOOKING_ROLES_KEY))
