"""Publication policy and booking requests from the hospital's website

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from __future__ import annotations

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # --- booking requests ---
    _upgrade_booking_requests()
    # --- end of booking requests ---
    # --- publication policy ---
    _upgrade_publication_policy()
    # --- end of publication policy ---


def downgrade() -> None:
    # --- booking requests ---
    _downgrade_booking_requests()
    # --- end of booking requests ---
    # --- publication policy ---
    _downgrade_publication_policy()
    # --- end of publication policy ---


# --- booking requests ---
# ``booking_request``: requests from the booking page (or files), held slots, decisions, and the
# rejected ones kept aside with their raw body and reason. New table only (SQLite: nothing altered).
# PostgreSQL: the change-notification trigger of 0003, so that inboxes refresh at once.


def _upgrade_booking_requests() -> None:
    import sqlalchemy as sa
    from alembic import op

    import db.base

    statuses = ", ".join(
        repr(s)
        for s in ("received", "held", "proposed", "accepted", "declined", "rejected", "expired")
    )
    op.create_table(
        "booking_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("received_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("requested_slot", sa.String(length=64), nullable=False),
        sa.Column("practitioner_id", sa.Integer(), nullable=True),
        sa.Column("visit_reason_id", sa.Integer(), nullable=True),
        sa.Column("start_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("end_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("hold_until", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("family_name", sa.String(length=100), nullable=False),
        sa.Column("given_names", sa.String(length=100), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("phone", sa.String(length=16), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("message", sa.String(length=500), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=True),
        sa.Column("appointment_id", sa.Integer(), nullable=True),
        sa.Column("decision_reason", sa.String(length=500), nullable=False),
        sa.Column("client_hash", sa.String(length=64), nullable=False),
        sa.Column("raw_body", sa.Text(), nullable=True),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.CheckConstraint(f"status IN ({statuses})", name=op.f("ck_booking_request_status")),
        sa.CheckConstraint(
            "start_at IS NULL OR start_at < end_at",
            name=op.f("ck_booking_request_start_before_end"),
        ),
        sa.ForeignKeyConstraint(
            ["practitioner_id"],
            ["practitioner.id"],
            name=op.f("fk_booking_request_practitioner_id_practitioner"),
        ),
        sa.ForeignKeyConstraint(
            ["visit_reason_id"],
            ["visit_reason.id"],
            name=op.f("fk_booking_request_visit_reason_id_visit_reason"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"], name=op.f("fk_booking_request_patient_id_patient")
        ),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointment.id"],
            name=op.f("fk_booking_request_appointment_id_appointment"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booking_request")),
    )
    op.create_index(
        "ix_booking_request_status_received_at", "booking_request", ["status", "received_at"]
    )
    op.create_index(
        "ix_booking_request_practitioner_start", "booking_request", ["practitioner_id", "start_at"]
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TRIGGER tr_booking_request_notify AFTER INSERT OR UPDATE OR DELETE OR "
            "TRUNCATE ON booking_request FOR EACH STATEMENT "
            "EXECUTE FUNCTION creneau_notify_change()"
        )


def _downgrade_booking_requests() -> None:
    from alembic import op

    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS tr_booking_request_notify ON booking_request")
    op.drop_index("ix_booking_request_practitioner_start", table_name="booking_request")
    op.drop_index("ix_booking_request_status_received_at", table_name="booking_request")
    op.drop_table("booking_request")


# --- end of booking requests ---


# --- publication policy ---
# ``publication_policy``: per practitioner (and visit reason, NULL: all of them) the horizon in
# weeks and the share of free slots published; ``publication_embargo``: local date ranges a
# policy publishes nothing on. New tables only (SQLite: nothing altered). One policy per
# practitioner and reason: a unique index on ``(practitioner_id, coalesce(visit_reason_id, 0))``
# (a plain unique constraint would let two NULL reasons through).


def _upgrade_publication_policy() -> None:
    import sqlalchemy as sa
    from alembic import op

    op.create_table(
        "publication_policy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("practitioner_id", sa.Integer(), nullable=False),
        sa.Column("visit_reason_id", sa.Integer(), nullable=True),
        sa.Column("horizon_weeks", sa.Integer(), nullable=True),
        sa.Column("share_percent", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "share_percent BETWEEN 1 AND 100", name=op.f("ck_publication_policy_share")
        ),
        sa.CheckConstraint(
            "horizon_weeks IS NULL OR horizon_weeks BETWEEN 1 AND 52",
            name=op.f("ck_publication_policy_horizon"),
        ),
        sa.ForeignKeyConstraint(
            ["practitioner_id"],
            ["practitioner.id"],
            name=op.f("fk_publication_policy_practitioner_id_practitioner"),
        ),
        sa.ForeignKeyConstraint(
            ["visit_reason_id"],
            ["visit_reason.id"],
            name=op.f("fk_publication_policy_visit_reason_id_visit_reason"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publication_policy")),
    )
    op.create_index(
        "ux_publication_policy_practitioner_reason",
        "publication_policy",
        ["practitioner_id", sa.text("coalesce(visit_reason_id, 0)")],
        unique=True,
    )
    op.create_table(
        "publication_embargo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("policy_id", sa.Integer(), nullable=False),
        sa.Column("date_from", sa.Date(), nullable=False),
        sa.Column("date_to", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.CheckConstraint(
            "date_from <= date_to", name=op.f("ck_publication_embargo_from_before_to")
        ),
        sa.ForeignKeyConstraint(
            ["policy_id"],
            ["publication_policy.id"],
            name=op.f("fk_publication_embargo_policy_id_publication_policy"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publication_embargo")),
    )
    op.create_index(
        "ix_publication_embargo_policy_id", "publication_embargo", ["policy_id"], unique=False
    )


def _downgrade_publication_policy() -> None:
    from alembic import op

    op.drop_index("ix_publication_embargo_policy_id", table_name="publication_embargo")
    op.drop_table("publication_embargo")
    op.drop_index("ux_publication_policy_practitioner_reason", table_name="publication_policy")
    op.drop_table("publication_policy")


# --- end of publication policy ---
