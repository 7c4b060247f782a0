"""The audit trail: append-only, hash-chained records written inside the transaction of the change.

``record`` locks the chain head (``audit_head``, one row) before appending, so that appends are
serialised: ``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite every write transaction already starts
with ``BEGIN IMMEDIATE``. The new record's id is assigned by its INSERT *inside* that lock, so
the chain order is the id order. The hash (``desktop.domain.audit_chain``) covers the record's
content and the previous record's hash, not its id: the ``prev_hash`` links bind each record to
its place. The head then takes the new id and hash, which makes deleting the last record
detectable too. Database triggers (migration 0004) refuse UPDATE and DELETE on ``audit``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

from sqlalchemy import Select, bindparam, select, update
from sqlalchemy.orm import Session

from db.tables import AppointmentRow, AuditHeadRow, AuditRow
from desktop.domain.audit_chain import ChainHead, chain_hash, implied_links
from desktop.domain.errors import DatabaseUnavailable
from desktop.domain.model import Actor, AuditEntry

_audit = AuditRow.__table__
_head = AuditHeadRow.__table__
SEARCH_LIMIT = 1000
# The statements of every append, built once.
_LOCK_HEAD = select(_head.c.last_hash).where(_head.c.id == 1).with_for_update()
_INSERT = _audit.insert()
_ADVANCE = (
    update(_head)
    .where(_head.c.id == 1)
    .values(last_id=bindparam("new_id"), last_hash=bindparam("new_hash"))
)
MISSING_HEAD = (
    "La tête du journal d'audit est absente : rien n'a été enregistré. "
    "Lancez « creneau audit verify » et prévenez l'administrateur."
)


def record(
    session: Session,
    actor: Actor,
    at: datetime,
    action: str,
    object_type: str,
    object_id: int | None,
    before: dict | None = None,
    after: dict | None = None,
    *,
    patient_id: int | None = None,
    practitioner_id: int | None = None,
) -> None:
    """Append one audit record to the current transaction (chained to the previous one).

    ``patient_id``/``practitioner_id`` default to those of the appointment an "appointment"
    record names, else to what the record's own content tells (``implied_links``).
    """
    if patient_id is None or practitioner_id is None:
        found = _links(session, object_type, object_id, before, after)
        patient_id = found[0] if patient_id is None else patient_id
        practitioner_id = found[1] if practitioner_id is None else practitioner_id
    # Hash exactly what the database gives back: JSON-normalised states, and on SQLite an
    # instant to the second (its text format drops the microseconds).
    before, after = _stored(before), _stored(after)
    at = at.astimezone(UTC)
    if session.get_bind().dialect.name == "sqlite":
        at = at.replace(microsecond=0)
    head = session.execute(_LOCK_HEAD).one_or_none()
    if head is None:
        raise DatabaseUnavailable(MISSING_HEAD)
    fields = {
        "at": at,
        "actor": actor.login,
        "workstation": actor.workstation,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "patient_id": patient_id,
        "practitioner_id": practitioner_id,
        "before": before,
        "after": after,
    }
    digest = chain_hash(prev_hash=head.last_hash, **fields)
    result = session.execute(_INSERT, {"prev_hash": head.last_hash, "hash": digest, **fields})
    session.execute(_ADVANCE, {"new_id": result.inserted_primary_key[0], "new_hash": digest})


def _stored(state: dict | None) -> dict | None:
    return None if state is None else json.loads(json.dumps(state))


def _links(
    session: Session,
    object_type: str,
    object_id: int | None,
    before: dict | None,
    after: dict | None,
) -> tuple[int | None, int | None]:
    if object_type == "appointment" and object_id is not None:
        row = session.get(AppointmentRow, object_id)
        if row is not None:
            return row.patient_id, row.practitioner_id
    return implied_links(object_type, object_id, before, after)


# --- reading ---------------------------------------------------------------------------------


def to_entry(r) -> AuditEntry:
    """An audit row (ORM row or result row) as a domain ``AuditEntry``."""
    return AuditEntry(
        r.id,
        r.at,
        r.actor,
        r.workstation,
        r.action,
        r.object_type,
        r.object_id,
        r.before,
        r.after,
        r.patient_id,
        r.practitioner_id,
        r.prev_hash,
        r.hash,
    )


def entries_for(session: Session, object_type: str, object_id: int) -> list[AuditEntry]:
    """The history of one object, oldest first."""
    rows = session.execute(
        select(_audit)
        .where(_audit.c.object_type == object_type, _audit.c.object_id == object_id)
        .order_by(_audit.c.id)
    )
    return [to_entry(r) for r in rows]


def entries_for_patient(session: Session, patient_id: int) -> list[AuditEntry]:
    """Every record that concerns a patient (their file, appointments, waiting list), oldest
    first: the audit part of a patient's data extract."""
    rows = session.execute(
        select(_audit).where(_audit.c.patient_id == patient_id).order_by(_audit.c.id)
    )
    return [to_entry(r) for r in rows]


def search_query(
    *,
    actor: str | None = None,
    patient_id: int | None = None,
    practitioner_id: int | None = None,
    action: str | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    oldest_first: bool = False,
) -> Select:
    """The filtered query, newest first (or oldest first). ``action`` ending with a dot
    ("appointment.") matches every action of that family; ``start`` is included, ``end`` not."""
    query = select(_audit).order_by(_audit.c.id if oldest_first else _audit.c.id.desc())
    if actor:
        query = query.where(_audit.c.actor == actor)
    if patient_id is not None:
        query = query.where(_audit.c.patient_id == patient_id)
    if practitioner_id is not None:
        query = query.where(_audit.c.practitioner_id == practitioner_id)
    if action:
        if action.endswith("."):
            query = query.where(_audit.c.action.startswith(action, autoescape=True))
        else:
            query = query.where(_audit.c.action == action)
    if start is not None:
        query = query.where(_audit.c.at >= start)
    if end is not None:
        query = query.where(_audit.c.at < end)
    return query


def search(
    session: Session,
    *,
    actor: str | None = None,
    patient_id: int | None = None,
    practitioner_id: int | None = None,
    action: str | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    limit: int = SEARCH_LIMIT,
) -> list[AuditEntry]:
    """Records matching every filter given, newest first, at most ``limit``."""
    query = search_query(
        actor=actor,
        patient_id=patient_id,
        practitioner_id=practitioner_id,
        action=action,
        start=start,
        end=end,
    )
    return [to_entry(r) for r in session.execute(query.limit(limit))]


def stream(session: Session, **filters) -> Iterator[AuditEntry]:
    """Every record matching ``filters`` (those of ``search_query``), oldest first, fetched by
    batches (an export of the whole trail never holds every row at once)."""
    query = search_query(**filters, oldest_first=True).execution_options(yield_per=2000)
    for r in session.execute(query):
        yield to_entry(r)


def actors(session: Session) -> list[str]:
    """The logins that appear in the trail, sorted."""
    return sorted(session.scalars(select(_audit.c.actor).distinct()))


# --- the chain -------------------------------------------------------------------------------


def head(session: Session) -> ChainHead | None:
    """The chain head as stored (None when the row is missing)."""
    row = session.execute(select(_head).where(_head.c.id == 1)).one_or_none()
    if row is None:
        return None
    return ChainHead(row.last_id, row.last_hash, row.anchor_id, row.anchor_hash)


def chain_batches(
    session: Session, anchor_id: int = 0, size: int = 5000
) -> Iterator[list[AuditEntry]]:
    """The records after ``anchor_id`` in id order, ``size`` at a time (keyset pagination:
    memory stays flat over millions of records)."""
    last = anchor_id
    while True:
        rows = session.execute(
            select(_audit).where(_audit.c.id > last).order_by(_audit.c.id).limit(size)
        ).all()
        if not rows:
            return
        batch = [to_entry(r) for r in rows]
        last = batch[-1].id
        yield batch


def locate(session: Session, digest: str) -> int | None:
    """The id of the record whose hash is ``digest`` (one scan: only after a broken link)."""
    return session.scalar(select(_audit.c.id).where(_audit.c.hash == digest).limit(1))


def purge_through(session: Session, record_id: int) -> int:
    """Delete the records up to ``record_id`` (retention); returns how many were deleted.

    The chain head is locked, its anchor moves to the last record deleted (its id and hash):
    the triggers only let records up to the anchor go, and the verification starts after it.
    The caller audits the purge in the same transaction.
    """
    current = session.execute(select(_head).where(_head.c.id == 1).with_for_update()).one_or_none()
    if current is None:
        raise DatabaseUnavailable(MISSING_HEAD)
    last = session.execute(
        select(_audit.c.id, _audit.c.hash)
        .where(_audit.c.id <= record_id)
        .order_by(_audit.c.id.desc())
        .limit(1)
    ).one_or_none()
    if last is None or last.id <= current.anchor_id:
        return 0
    session.execute(
        update(_head).where(_head.c.id == 1).values(anchor_id=last.id, anchor_hash=last.hash)
    )
    return session.execute(_audit.delete().where(_audit.c.id <= last.id)).rowcount
