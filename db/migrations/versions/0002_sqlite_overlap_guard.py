"""SQLite overlap guard: triggers refuse overlapping active, non-overbooked appointments

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28

PostgreSQL has had the exclusion constraint ``ex_appointment_no_overlap`` since 0001. SQLite has
no exclusion constraints; these triggers give it the same guarantee at the database level (the
service's check inside ``BEGIN IMMEDIATE`` stays the first line), with the same name in the error
so that ``Database.run`` turns it into the same ``SlotConflict``.
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_CONDITION = """
    NEW.status <> 'cancelled' AND NOT NEW.overbooked AND EXISTS (
        SELECT 1 FROM appointment AS other
        WHERE other.practitioner_id = NEW.practitioner_id
          AND other.id IS NOT NEW.id
          AND other.status <> 'cancelled'
          AND NOT other.overbooked
          AND other.start_at < NEW.end_at
          AND other.end_at > NEW.start_at
          -- No appointment lasts longer than 720 minutes (a CHECK of visit_reason): this lower
          -- bound keeps the index range to the day instead of the practitioner's whole history.
          AND other.start_at > strftime('%Y-%m-%dT%H:%M:%SZ', NEW.start_at, '-720 minutes')
    )
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for event in ("INSERT", "UPDATE"):
        op.execute(
            f"CREATE TRIGGER tr_appointment_no_overlap_{event.lower()} "
            f"BEFORE {event} ON appointment FOR EACH ROW WHEN {_CONDITION} "
            "BEGIN SELECT RAISE(ABORT, 'ex_appointment_no_overlap'); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for event in ("insert", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS tr_appointment_no_overlap_{event}")
