"""Hospital structure: settings, sites, departments, practitioners, visit reasons, openings."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.tables import (
    ClosureRow,
    DepartmentRow,
    HospitalRow,
    OpeningRow,
    OpeningVisitReasonRow,
    PractitionerRow,
    SettingRow,
    SiteRow,
    VisitReasonRow,
)
from desktop.domain.errors import NotFound
from desktop.domain.model import (
    Closure,
    Department,
    Hospital,
    Opening,
    Practitioner,
    Site,
    VisitReason,
    Weeks,
)

DEFAULT_HOSPITAL = Hospital(name="Hôpital")


def hospital(session: Session) -> Hospital:
    """The hospital settings (defaults when the structure was never loaded)."""
    row = session.get(HospitalRow, 1)
    if row is None:
        return DEFAULT_HOSPITAL
    return Hospital(row.name, row.timezone, row.country_holidays, row.booking_url, row.phone)


def is_empty(session: Session) -> bool:
    """Whether no structure was ever loaded (no site)."""
    return session.scalar(select(SiteRow.id).limit(1)) is None


def setting(session: Session, key: str, default=None):
    """A shared setting stored in the database."""
    row = session.get(SettingRow, key)
    return default if row is None else row.value


def site_to_native(row: SiteRow) -> Site:
    return Site(row.id, row.code, row.name, row.address)


def department_to_native(row: DepartmentRow) -> Department:
    return Department(row.id, row.code, row.name, row.site_id)


def practitioner_to_native(row: PractitionerRow) -> Practitioner:
    return Practitioner(row.id, row.code, row.name, row.department_id, row.rpps, row.active)


def visit_reason_to_native(row: VisitReasonRow) -> VisitReason:
    return VisitReason(
        row.id,
        row.code,
        row.department_id,
        row.label,
        row.duration_min,
        row.online,
        row.new_patients,
        row.min_notice_hours,
        row.color,
        row.instructions,
        row.active,
    )


def opening_to_native(row: OpeningRow) -> Opening:
    return Opening(
        row.id,
        row.practitioner_id,
        row.site_id,
        row.weekday,
        row.start_time,
        row.end_time,
        row.step_min,
        frozenset(link.visit_reason_id for link in row.visit_reasons),
        Weeks(row.weeks),
        row.valid_from,
        row.valid_to,
    )


def sites(session: Session) -> list[Site]:
    return [site_to_native(r) for r in session.scalars(select(SiteRow).order_by(SiteRow.code))]


def departments(session: Session) -> list[Department]:
    rows = session.scalars(select(DepartmentRow).order_by(DepartmentRow.name))
    return [department_to_native(r) for r in rows]


def practitioners(session: Session, department_id: int | None = None) -> list[Practitioner]:
    """Active practitioners, by name; of one department when given."""
    query = (
        select(PractitionerRow)
        .where(PractitionerRow.active)
        .order_by(PractitionerRow.name, PractitionerRow.id)
    )
    if department_id is not None:
        query = query.where(PractitionerRow.department_id == department_id)
    return [practitioner_to_native(r) for r in session.scalars(query)]


def visit_reasons(session: Session, department_id: int | None = None) -> list[VisitReason]:
    """Active visit reasons, by label; of one department when given."""
    query = (
        select(VisitReasonRow)
        .where(VisitReasonRow.active)
        .order_by(VisitReasonRow.label, VisitReasonRow.id)
    )
    if department_id is not None:
        query = query.where(VisitReasonRow.department_id == department_id)
    return [visit_reason_to_native(r) for r in session.scalars(query)]


def practitioners_by_id(session: Session, practitioner_ids: Iterable[int]) -> list[Practitioner]:
    """The practitioners of those ids (each once), by name then id; ``NotFound`` for an unknown."""
    ids = set(practitioner_ids)
    rows = session.scalars(
        select(PractitionerRow)
        .where(PractitionerRow.id.in_(ids))
        .order_by(PractitionerRow.name, PractitionerRow.id)
    ).all()
    missing = ids - {r.id for r in rows}
    if missing:
        raise NotFound(f"Praticien inconnu : n° {min(missing)}.")
    return [practitioner_to_native(r) for r in rows]


def visit_reasons_by_id(session: Session, visit_reason_ids: Iterable[int]) -> list[VisitReason]:
    """The visit reasons of those ids, active or not (what past appointments refer to)."""
    ids = list(set(visit_reason_ids))
    if not ids:
        return []
    rows = session.scalars(select(VisitReasonRow).where(VisitReasonRow.id.in_(ids)))
    return [visit_reason_to_native(r) for r in rows]


def _by_code(session: Session, table, code: str, what: str):
    row = session.scalar(select(table).where(table.code == code))
    if row is None:
        raise NotFound(f"{what} inconnu : « {code} ».")
    return row


def site_by_code(session: Session, code: str) -> Site:
    return site_to_native(_by_code(session, SiteRow, code, "Site"))


def department_by_code(session: Session, code: str) -> Department:
    return department_to_native(_by_code(session, DepartmentRow, code, "Service"))


def practitioner_by_code(session: Session, code: str) -> Practitioner:
    return practitioner_to_native(_by_code(session, PractitionerRow, code, "Praticien"))


def visit_reason_by_code(session: Session, code: str) -> VisitReason:
    return visit_reason_to_native(_by_code(session, VisitReasonRow, code, "Motif"))


def practitioner(session: Session, practitioner_id: int) -> Practitioner:
    row = session.get(PractitionerRow, practitioner_id)
    if row is None:
        raise NotFound(f"Praticien inconnu : n° {practitioner_id}.")
    return practitioner_to_native(row)


def visit_reason(session: Session, visit_reason_id: int) -> VisitReason:
    row = session.get(VisitReasonRow, visit_reason_id)
    if row is None:
        raise NotFound(f"Motif inconnu : n° {visit_reason_id}.")
    return visit_reason_to_native(row)


def openings(session: Session, practitioner_ids: Iterable[int]) -> dict[int, list[Opening]]:
    """Openings of the practitioners, keyed by practitioner id.

    Columns, not entities: this runs before every free-slot search and every booking.
    """
    ids = list(practitioner_ids)
    result: dict[int, list[Opening]] = {pid: [] for pid in ids}
    o = OpeningRow
    rows = session.execute(
        select(
            o.id,
            o.practitioner_id,
            o.site_id,
            o.weekday,
            o.start_time,
            o.end_time,
            o.step_min,
            o.weeks,
            o.valid_from,
            o.valid_to,
        )
        .where(o.practitioner_id.in_(ids))
        .order_by(o.weekday, o.start_time, o.id)
    ).all()
    reasons: dict[int, set[int]] = {}
    links = select(OpeningVisitReasonRow.opening_id, OpeningVisitReasonRow.visit_reason_id).where(
        OpeningVisitReasonRow.opening_id.in_([r.id for r in rows])
    )
    for opening_id, reason_id in session.execute(links):
        reasons.setdefault(opening_id, set()).add(reason_id)
    for r in rows:
        result[r.practitioner_id].append(
            Opening(
                r.id,
                r.practitioner_id,
                r.site_id,
                r.weekday,
                r.start_time,
                r.end_time,
                r.step_min,
                frozenset(reasons.get(r.id, ())),
                Weeks(r.weeks),
                r.valid_from,
                r.valid_to,
            )
        )
    return result


def closures(session: Session) -> list[Closure]:
    rows = session.scalars(select(ClosureRow).order_by(ClosureRow.date_from))
    return [Closure(r.id, r.site_id, r.date_from, r.date_to, r.reason) for r in rows]
