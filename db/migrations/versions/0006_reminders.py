"""Reminder queue and patients' opt-out

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28

- ``reminder``: one row per SMS (appointment, kind, text, number in E.164, due time, status
  queued / sent / failed / cancelled, attempts, next attempt, the gateway's reply or the reason,
  sent time) with a sender's claim (token and expiry) so that two senders never send one message
  twice; ``idempotency_key`` (appointment + kind + due time) is unique. An SMS about an online
  booking request (received and held, other slot proposed, declined, expired: the ``request_*``
  kinds) names its ``booking_request`` instead: exactly one of ``appointment_id`` and
  ``request_id`` is set (check ``ck_reminder_subject``).
- ``patient.sms_opt_out``: the patient refused SMS. Added with a plain ``ALTER TABLE … ADD
  COLUMN``: a batch rebuild of ``patient`` on SQLite is never needed (and one of ``appointment``
  would drop the overlap-guard triggers of 0002).
- The reminder policy per visit reason lives in the ``setting`` table (key
  ``reminder_policies``), next to the hospital's defaults (key ``reminders``): no schema.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.base

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

KINDS = (
    "confirmation",
    "day_before",
    "two_days_before",
    "cancelled",
    "moved",
    "request_held",
    "request_proposed",
    "request_declined",
    "request_expired",
)
STATUSES = ("queued", "sent", "failed", "cancelled")
# An SMS is about one appointment or one booking request, never both, never neither.
SUBJECT = (
    "(appointment_id IS NOT NULL AND request_id IS NULL)"
    " OR (appointment_id IS NULL AND request_id IS NOT NULL)"
)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    instant = db.base.UTCDateTime(timezone=True)
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("appointment_id", sa.Integer(), nullable=True),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("e164", sa.String(length=16), nullable=False),
        sa.Column("due_at", instant, nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", instant, nullable=False),
        sa.Column("claim_token", sa.String(length=36), nullable=True),
        sa.Column("claimed_until", instant, nullable=True),
        sa.Column("reply", sa.String(length=500), nullable=False),
        sa.Column("sent_at", instant, nullable=True),
        sa.Column("idempotency_key", sa.String(length=80), nullable=False),
        sa.Column("created_at", instant, nullable=False),
        sa.Column("updated_at", instant, nullable=False),
        sa.CheckConstraint(_in("kind", KINDS), name=op.f("ck_reminder_kind")),
        sa.CheckConstraint(_in("status", STATUSES), name=op.f("ck_reminder_status")),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_reminder_attempts")),
        sa.CheckConstraint(SUBJECT, name=op.f("ck_reminder_subject")),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointment.id"],
            name=op.f("fk_reminder_appointment_id_appointment"),
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["booking_request.id"],
            name=op.f("fk_reminder_request_id_booking_request"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_reminder_idempotency_key")),
    )
    op.create_index("ix_reminder_appointment_id", "reminder", ["appointment_id"])
    op.create_index("ix_reminder_request_id", "reminder", ["request_id"])
    op.create_index("ix_reminder_status_next_attempt_at", "reminder", ["status", "next_attempt_at"])
    false = "0" if op.get_bind().dialect.name == "sqlite" else "false"
    op.execute(f"ALTER TABLE patient ADD COLUMN sms_opt_out BOOLEAN DEFAULT {false} NOT NULL")


def downgrade() -> None:
    # In place on SQLite too (≥ 3.35): no table is rebuilt.
    op.execute("ALTER TABLE patient DROP COLUMN sms_opt_out")
    op.drop_index("ix_reminder_status_next_attempt_at", table_name="reminder")
    op.drop_index("ix_reminder_request_id", table_name="reminder")
    op.drop_index("ix_reminder_appointment_id", table_name="reminder")
    op.drop_table("reminder")
