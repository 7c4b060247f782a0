"""Waiting list, cancellation origin, and change notifications for live refresh

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05

- ``waiting_entry``: patients waiting for an earlier slot (a practitioner or a department, wished
  days and time of day, dates, priority), with the appointment booked for them from the list.
- ``appointment.cancel_origin``: who called an appointment off (patient / hospital), for the
  activity report. Added with a plain ``ALTER TABLE … ADD COLUMN`` on both engines: a batch
  rebuild of ``appointment`` on SQLite would drop the overlap-guard triggers of 0002.
- PostgreSQL only: statement-level triggers on the tables the agenda shows call
  ``pg_notify('creneau_changes', <table>)``, so that every workstation listening refreshes within
  a moment of a commit (notifications are delivered at commit, never for a rolled-back change).
  SQLite needs nothing: ``PRAGMA data_version`` tells a connection that another one committed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.base

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CHANNEL = "creneau_changes"
NOTIFY_FUNCTION = "creneau_notify_change"
WATCHED_TABLES = ("appointment", "absence", "closure", "opening", "waiting_entry", "patient")


def upgrade() -> None:
    op.create_table(
        "waiting_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("visit_reason_id", sa.Integer(), nullable=False),
        sa.Column("practitioner_id", sa.Integer(), nullable=True),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("weekdays", sa.String(length=20), nullable=False),
        sa.Column("time_window", sa.String(length=9), nullable=False),
        sa.Column("not_before", sa.Date(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("appointment_id", sa.Integer(), nullable=True),
        sa.Column("removed_reason", sa.String(length=500), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.CheckConstraint(
            "status IN ('waiting', 'booked', 'removed')", name=op.f("ck_waiting_entry_status")
        ),
        sa.CheckConstraint(
            "time_window IN ('any', 'morning', 'afternoon')",
            name=op.f("ck_waiting_entry_time_window"),
        ),
        sa.CheckConstraint("priority BETWEEN 0 AND 2", name=op.f("ck_waiting_entry_priority")),
        sa.CheckConstraint(
            "not_before IS NULL OR deadline IS NULL OR not_before <= deadline",
            name=op.f("ck_waiting_entry_not_before_deadline"),
        ),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointment.id"],
            name=op.f("fk_waiting_entry_appointment_id_appointment"),
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["department.id"],
            name=op.f("fk_waiting_entry_department_id_department"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"], name=op.f("fk_waiting_entry_patient_id_patient")
        ),
        sa.ForeignKeyConstraint(
            ["practitioner_id"],
            ["practitioner.id"],
            name=op.f("fk_waiting_entry_practitioner_id_practitioner"),
        ),
        sa.ForeignKeyConstraint(
            ["visit_reason_id"],
            ["visit_reason.id"],
            name=op.f("fk_waiting_entry_visit_reason_id_visit_reason"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_waiting_entry")),
    )
    op.create_index("ix_waiting_entry_patient", "waiting_entry", ["patient_id"])
    op.create_index(
        "ix_waiting_entry_status_department", "waiting_entry", ["status", "department_id"]
    )

    op.execute(
        "ALTER TABLE appointment ADD COLUMN cancel_origin VARCHAR(8) "
        "CONSTRAINT ck_appointment_cancel_origin "
        "CHECK (cancel_origin IN ('patient', 'hospital'))"
    )

    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE OR REPLACE FUNCTION {NOTIFY_FUNCTION}() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN "
            f"PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME); RETURN NULL; END $$"
        )
        for table in WATCHED_TABLES:
            op.execute(
                f"CREATE TRIGGER tr_{table}_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {NOTIFY_FUNCTION}()"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in WATCHED_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS tr_{table}_notify ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {NOTIFY_FUNCTION}()")
    # In place on SQLite too (≥ 3.35): the column's own CHECK goes with it, the triggers stay.
    op.execute("ALTER TABLE appointment DROP COLUMN cancel_origin")
    op.drop_index("ix_waiting_entry_status_department", table_name="waiting_entry")
    op.drop_index("ix_waiting_entry_patient", table_name="waiting_entry")
    op.drop_table("waiting_entry")
