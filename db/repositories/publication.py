"""What the publication of free slots reads, as columns, and the publication policies.

The feed's reads select columns, never ORM entities (QUALITY.md P11: the whole hospital over
twelve weeks). Nothing here reads a patient: the busy time comes from
``agenda.busy_intervals`` (start and end only).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.tables import (
    AuditRow,
    DepartmentRow,
    PractitionerRow,
    PublicationEmbargoRow,
    PublicationPolicyRow,
    SiteRow,
    VisitReasonRow,
)
from desktop.domain.errors import NotFound
from desktop.domain.model import Department, Practitioner, Site, VisitReason
from desktop.domain.publication_policy import Embargo, PublicationPolicy


def sites(session: Session) -> list[Site]:
    """Every site, by code."""
    t = SiteRow
    rows = session.execute(select(t.id, t.code, t.name, t.address).order_by(t.code))
    return [Site(*r) for r in rows]


def departments(session: Session) -> list[Department]:
    """Every department, by code."""
    t = DepartmentRow
    rows = session.execute(select(t.id, t.code, t.name, t.site_id).order_by(t.code))
    return [Department(*r) for r in rows]


def practitioners(session: Session) -> list[Practitioner]:
    """The active practitioners, by id."""
    t = PractitionerRow
    rows = session.execute(
        select(t.id, t.code, t.name, t.department_id, t.rpps).where(t.active).order_by(t.id)
    )
    return [Practitioner(*r) for r in rows]


def online_reasons(session: Session) -> list[VisitReason]:
    """The active visit reasons marked online, by id."""
    t = VisitReasonRow
    rows = session.execute(
        select(
            t.id, t.code, t.department_id, t.label, t.duration_min, t.online, t.new_patients,
            t.min_notice_hours, t.color, t.instructions, t.active,
        )
        .where(t.active, t.online)
        .order_by(t.id)
    )  # fmt: skip
    return [VisitReason(*r) for r in rows]


def policies(session: Session) -> list[PublicationPolicy]:
    """Every publication policy with its embargoes, by practitioner then reason."""
    p, e = PublicationPolicyRow, PublicationEmbargoRow
    embargoes: dict[int, list[Embargo]] = {}
    rows = session.execute(
        select(e.policy_id, e.date_from, e.date_to, e.reason).order_by(e.date_from, e.id)
    )
    for policy_id, date_from, date_to, reason in rows:
        embargoes.setdefault(policy_id, []).append(Embargo(date_from, date_to, reason))
    rows = session.execute(
        select(p.id, p.practitioner_id, p.visit_reason_id, p.horizon_weeks, p.share_percent)
    )
    result = [
        PublicationPolicy(pid, prac, reason, weeks, share, tuple(embargoes.get(pid, ())))
        for pid, prac, reason, weeks, share in rows
    ]
    result.sort(key=lambda x: (x.practitioner_id, x.visit_reason_id or 0))
    return result


def policy(session: Session, policy_id: int) -> PublicationPolicy:
    """One policy; ``NotFound`` (French) when it does not exist."""
    for found in policies_of(session, [policy_id]):
        return found
    raise NotFound(f"Politique de publication inconnue : n° {policy_id}.")


def policies_of(session: Session, ids: Iterable[int]) -> list[PublicationPolicy]:
    wanted = set(ids)
    return [p for p in policies(session) if p.id in wanted]


def find_policy(
    session: Session, practitioner_id: int, visit_reason_id: int | None
) -> PublicationPolicy | None:
    """The policy of a practitioner (and reason, None: all of them), if any."""
    p = PublicationPolicyRow
    query = select(p.id).where(p.practitioner_id == practitioner_id)
    if visit_reason_id is None:
        query = query.where(p.visit_reason_id.is_(None))
    else:
        query = query.where(p.visit_reason_id == visit_reason_id)
    policy_id = session.scalar(query)
    return None if policy_id is None else policy(session, policy_id)


def save_policy(
    session: Session,
    practitioner_id: int,
    visit_reason_id: int | None,
    horizon_weeks: int | None,
    share_percent: int,
    embargoes: Iterable[Embargo],
    policy_id: int | None = None,
) -> PublicationPolicy:
    """Create (``policy_id`` None) or replace a policy and its embargoes; returns it."""
    if policy_id is None:
        row = PublicationPolicyRow(practitioner_id=practitioner_id)
        session.add(row)
    else:
        row = session.get(PublicationPolicyRow, policy_id)
        if row is None:
            raise NotFound(f"Politique de publication inconnue : n° {policy_id}.")
        session.execute(
            delete(PublicationEmbargoRow).where(PublicationEmbargoRow.policy_id == row.id)
        )
    row.practitioner_id = practitioner_id
    row.visit_reason_id = visit_reason_id
    row.horizon_weeks = horizon_weeks
    row.share_percent = share_percent
    session.flush()
    periods = tuple(embargoes)
    session.add_all(
        PublicationEmbargoRow(
            policy_id=row.id, date_from=e.date_from, date_to=e.date_to, reason=e.reason
        )
        for e in periods
    )
    session.flush()
    return PublicationPolicy(
        row.id, practitioner_id, visit_reason_id, horizon_weeks, share_percent, periods
    )


def delete_policy(session: Session, policy_id: int) -> PublicationPolicy:
    """Delete a policy and its embargoes; returns what it was."""
    before = policy(session, policy_id)
    session.execute(
        delete(PublicationEmbargoRow).where(PublicationEmbargoRow.policy_id == policy_id)
    )
    session.execute(delete(PublicationPolicyRow).where(PublicationPolicyRow.id == policy_id))
    return before


def last_change(session: Session, except_action: str) -> int:
    """The id of the last audit record whose action is not ``except_action`` (0: none)."""
    found = session.scalar(
        select(AuditRow.id)
        .where(AuditRow.action != except_action)
        .order_by(AuditRow.id.desc())
        .limit(1)
    )
    return found or 0
