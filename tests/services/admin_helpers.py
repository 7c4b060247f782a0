"""What the administration tests share: a snapshot of every table, the audit trail, the ids."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from db.base import Base
from db.tables import AuditRow
from desktop.domain.errors import PossibleDuplicate
from desktop.domain.model import AuditEntry
from desktop.services.container import Services
from desktop.services.patients import PatientInput
from tests.fakes import SECRETARY

PARIS = ZoneInfo("Europe/Paris")
NEXT_MONDAY = date(2027, 3, 22)


def at(day: date, hhmm: str) -> datetime:
    """A local wall time of the hospital, aware."""
    return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=PARIS)


def state(services: Services) -> dict[str, list[tuple]]:
    """Every row of every table but the audit trail: what "nothing changed" compares."""
    result = {}
    with services.db.read() as s:
        for table in Base.metadata.sorted_tables:
            if table.name.startswith("audit") or table.name == "alembic_version":
                continue
            rows = s.execute(select(table)).all()
            result[table.name] = sorted(tuple(str(v) for v in r) for r in rows)
    return result


def audit_count(services: Services) -> int:
    with services.db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditRow))


def audit_trail(services: Services) -> list[AuditEntry]:
    with services.db.read() as s:
        rows = s.scalars(select(AuditRow).order_by(AuditRow.id))
        return [
            AuditEntry(
                r.id,
                r.at,
                r.actor,
                r.workstation,
                r.action,
                r.object_type,
                r.object_id,
                r.before,
                r.after,
            )
            for r in rows
        ]


def last_audit(services: Services) -> AuditEntry:
    return audit_trail(services)[-1]


@dataclass
class Ids:
    """Ids of the small hospital's objects, by code."""

    sites: dict[str, int]
    departments: dict[str, int]
    practitioners: dict[str, int]
    reasons: dict[str, int]


def ids_of(services: Services) -> Ids:
    admin = services.administration.structure
    return Ids(
        {s.code: s.id for s in admin.sites()},
        {d.code: d.id for d in admin.departments()},
        {p.code: p.id for p in admin.practitioners()},
        {v.code: v.id for v in admin.visit_reasons()},
    )


def a_patient(services: Services, family: str = "Canarivert", given: str = "Zéphyrine") -> int:
    """The id of that patient, created the first time."""
    try:
        return services.patients.create(
            SECRETARY, PatientInput(family, given, date(1984, 2, 29))
        ).id
    except PossibleDuplicate as twin:
        return twin.existing_ids[0]
