"""Retention: the purge of old audit records and of long-ended appointments (administrator).

The windows are the hospital's ``retention`` setting (``desktop.domain.settings``): audit records
older than ``audit_months`` months go through ``db.repositories.audit.purge_through`` (the chain's
anchor moves, so ``creneau audit verify`` still passes), appointments that ended more than
``appointment_years`` years ago are deleted with their SMS reminders (waiting-list entries and
booking requests that named them keep their own history, without the link). Everything is one
transaction, guarded by ``Action.MANAGE_STRUCTURE`` and closed by one audit record of the purge
itself: counts and cutoffs only, no patient data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from db.repositories import audit
from db.repositories import structure as structure_repo
from db.tables import (
    AppointmentRow,
    AuditHeadRow,
    AuditRow,
    BookingRequestRow,
    ReminderRow,
    WaitingEntryRow,
)
from desktop.domain import settings as rules
from desktop.domain.model import Actor
from desktop.domain.permissions import Action
from desktop.domain.settings import RetentionSettings
from desktop.services.clock import Clock
from desktop.services.guard import guarded
from desktop.services.uow import Database


@dataclass(frozen=True, slots=True)
class PurgeReport:
    """What a purge removes (preview) or removed, and the cutoffs it used (UTC)."""

    audit_records: int
    appointments: int
    reminders: int
    audit_cutoff: datetime
    appointment_cutoff: datetime
    settings: RetentionSettings


def months_before(moment: datetime, months: int) -> datetime:
    """``moment`` minus whole calendar months (the day clamped to the target month's end)."""
    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    day = moment.day
    while True:
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            day -= 1


class RetentionService:
    """Preview and run the retention purge."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def settings(self) -> RetentionSettings:
        """The retention settings (defaults until set)."""
        with self._db.read() as s:
            return rules.retention_from_json(structure_repo.setting(s, rules.RETENTION_KEY))

    def preview(self, actor: Actor, now: datetime | None = None) -> PurgeReport:
        """What a purge at ``now`` would remove, changing nothing (administrator only)."""
        guarded(self._db, self._clock, actor, Action.MANAGE_STRUCTURE, "retention")
        with self._db.read() as s:
            report, _last, _ids = _plan(s, (now or self._clock.now()).astimezone(UTC))
            return report

    def purge(self, actor: Actor, now: datetime | None = None) -> PurgeReport:
        """Remove what is older than the retention windows, in one audited transaction."""
        guarded(self._db, self._clock, actor, Action.MANAGE_STRUCTURE, "retention")
        now = (now or self._clock.now()).astimezone(UTC)
        recorded_at = self._clock.now()

        def work(s: Session) -> PurgeReport:
            report, last_audit_id, appointment_ids = _plan(s, now)
            purged = audit.purge_through(s, last_audit_id) if last_audit_id else 0
            reminders = 0
            for chunk in _chunks(appointment_ids):
                reminders += s.execute(
                    delete(ReminderRow).where(ReminderRow.appointment_id.in_(chunk))
                ).rowcount
                for table in (WaitingEntryRow, BookingRequestRow):
                    s.execute(
                        update(table)
                        .where(table.appointment_id.in_(chunk))
                        .values(appointment_id=None)
                        .execution_options(synchronize_session=False)
                    )
                s.execute(
                    delete(AppointmentRow)
                    .where(AppointmentRow.id.in_(chunk))
                    .execution_options(synchronize_session=False)
                )
            done = PurgeReport(
                purged,
                len(appointment_ids),
                reminders,
                report.audit_cutoff,
                report.appointment_cutoff,
                report.settings,
            )
            audit.record(s, actor, recorded_at, "retention.purge", "retention", None, None, {
                "audit_records": done.audit_records,
                "appointments": done.appointments,
                "reminders": done.reminders,
                "audit_cutoff": done.audit_cutoff.isoformat(),
                "appointment_cutoff": done.appointment_cutoff.isoformat(),
                **rules.retention_to_json(done.settings),
            })  # fmt: skip
            return done

        return self._db.run(work)


def _plan(s: Session, now: datetime) -> tuple[PurgeReport, int, list[int]]:
    """The report of what goes, the last audit id to purge (0: none) and the appointments."""
    settings = rules.retention_from_json(structure_repo.setting(s, rules.RETENTION_KEY))
    audit_cutoff = months_before(now, settings.audit_months)
    appointment_cutoff = months_before(now, 12 * settings.appointment_years)
    anchor = s.scalar(select(AuditHeadRow.anchor_id).where(AuditHeadRow.id == 1)) or 0
    # The chain order is the id order: only the records before the first one to keep go.
    first_kept = s.scalar(select(func.min(AuditRow.id)).where(AuditRow.at >= audit_cutoff))
    # The chain's last record always stays: SQLite would give a freed id to the next record.
    last_id = s.scalar(select(func.max(AuditRow.id))) or 0
    older = select(func.max(AuditRow.id)).where(
        AuditRow.at < audit_cutoff, AuditRow.id < min(first_kept or last_id, last_id)
    )
    last_audit_id = s.scalar(older) or 0
    audit_count = 0
    if last_audit_id > anchor:
        audit_count = s.scalar(
            select(func.count()).select_from(AuditRow).where(AuditRow.id <= last_audit_id)
        )
    appointment_ids = list(
        s.scalars(select(AppointmentRow.id).where(AppointmentRow.end_at < appointment_cutoff))
    )
    reminders = 0
    for chunk in _chunks(appointment_ids):
        reminders += s.scalar(
            select(func.count())
            .select_from(ReminderRow)
            .where(ReminderRow.appointment_id.in_(chunk))
        )
    report = PurgeReport(
        audit_count or 0,
        len(appointment_ids),
        reminders,
        audit_cutoff,
        appointment_cutoff,
        settings,
    )
    return report, last_audit_id if audit_count else 0, appointment_ids


def _chunks(ids: list[int], size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
