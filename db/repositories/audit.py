"""The audit trail: append-only records written inside the transaction of the change."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.tables import AuditRow
from desktop.domain.model import Actor, AuditEntry


def record(
    session: Session,
    actor: Actor,
    at: datetime,
    action: str,
    object_type: str,
    object_id: int | None,
    before: dict | None = None,
    after: dict | None = None,
) -> None:
    """Add one audit record to the current transaction."""
    session.add(
        AuditRow(
            at=at,
            actor=actor.login,
            workstation=actor.workstation,
            action=action,
            object_type=object_type,
            object_id=object_id,
            before=before,
            after=after,
        )
    )


def entries_for(session: Session, object_type: str, object_id: int) -> list[AuditEntry]:
    """The history of one object, oldest first."""
    rows = session.scalars(
        select(AuditRow)
        .where(AuditRow.object_type == object_type, AuditRow.object_id == object_id)
        .order_by(AuditRow.id)
    )
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
