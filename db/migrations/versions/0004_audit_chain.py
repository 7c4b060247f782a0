"""Tamper-evident audit trail: hash chain, chain head, patient/practitioner links, append-only

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-12

- ``audit.prev_hash`` / ``audit.hash``: each record carries the SHA-256 of the record before it and
  its own (``desktop.domain.audit_chain``); existing records are chained here in id order.
- ``audit.patient_id`` / ``audit.practitioner_id`` (indexed, no foreign key: the trail outlives
  what it names): the audit screen's filters; filled for existing records from the appointment or
  waiting entry they name, else from their own content.
- ``audit_head``: one row (id 1) holding the last record's id and hash. Every append locks it
  (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` already serialises
  writers), so the chain order is the id order, and deleting the last record is detected.
  ``anchor_id``/``anchor_hash``: the last record a retention purge removed (0 / genesis till then).
- Append-only: triggers refuse UPDATE and DELETE on ``audit`` (and TRUNCATE on PostgreSQL), except
  the DELETE of records up to ``audit_head.anchor_id`` (a retention purge moves the anchor first),
  and the DELETE of the head row. Columns are added with plain ``ALTER TABLE … ADD COLUMN``: no
  batch rebuild of any table on SQLite.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.base
from desktop.domain.audit_chain import GENESIS_HASH, chain_hash, implied_links

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ERROR = "audit_append_only"
PG_FUNCTION = "creneau_audit_append_only"
BATCH = 2000

_audit = sa.table(
    "audit",
    sa.column("id", sa.Integer),
    sa.column("at", db.base.UTCDateTime()),
    sa.column("actor", sa.String),
    sa.column("workstation", sa.String),
    sa.column("action", sa.String),
    sa.column("object_type", sa.String),
    sa.column("object_id", sa.Integer),
    sa.column("before", sa.JSON),
    sa.column("after", sa.JSON),
    sa.column("patient_id", sa.Integer),
    sa.column("practitioner_id", sa.Integer),
    sa.column("prev_hash", sa.String),
    sa.column("hash", sa.String),
)


def upgrade() -> None:
    for name in ("patient_id", "practitioner_id"):
        op.execute(f"ALTER TABLE audit ADD COLUMN {name} INTEGER")
        op.create_index(f"ix_audit_{name}", "audit", [name])
    for name in ("prev_hash", "hash"):
        op.execute(f"ALTER TABLE audit ADD COLUMN {name} VARCHAR(64) DEFAULT '' NOT NULL")
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.Column("anchor_id", sa.Integer(), nullable=False),
        sa.Column("anchor_hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_head_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    _link_existing_records()
    last_id, last_hash = _chain_existing_records()
    op.execute(
        sa.text(
            "INSERT INTO audit_head (id, last_id, last_hash, anchor_id, anchor_hash) "
            "VALUES (1, :last_id, :last_hash, 0, :genesis)"
        ).bindparams(last_id=last_id, last_hash=last_hash, genesis=GENESIS_HASH)
    )
    if op.get_bind().dialect.name == "postgresql":
        _postgres_guard()
    else:
        _sqlite_guard()


def _link_existing_records() -> None:
    """Patient and practitioner of the appointments and waiting entries already audited."""
    for object_type, table in (("appointment", "appointment"), ("waiting_entry", "waiting_entry")):
        for column in ("patient_id", "practitioner_id"):
            op.execute(
                f"UPDATE audit SET {column} = (SELECT t.{column} FROM {table} AS t "
                f"WHERE t.id = audit.object_id) WHERE object_type = '{object_type}'"
            )


def _chain_existing_records() -> tuple[int, str]:
    """Chain the records in id order (by batches); returns the last id and hash."""
    bind = op.get_bind()
    last_id, last_hash = 0, GENESIS_HASH
    while True:
        rows = bind.execute(
            sa.select(_audit).where(_audit.c.id > last_id).order_by(_audit.c.id).limit(BATCH)
        ).all()
        if not rows:
            return last_id, last_hash
        updates = []
        for r in rows:
            implied = implied_links(r.object_type, r.object_id, r.before, r.after)
            patient_id = r.patient_id if r.patient_id is not None else implied[0]
            practitioner_id = r.practitioner_id if r.practitioner_id is not None else implied[1]
            digest = chain_hash(
                prev_hash=last_hash,
                at=r.at,
                actor=r.actor,
                workstation=r.workstation,
                action=r.action,
                object_type=r.object_type,
                object_id=r.object_id,
                patient_id=patient_id,
                practitioner_id=practitioner_id,
                before=r.before,
                after=r.after,
            )
            updates.append(
                {
                    "b_id": r.id,
                    "b_patient": patient_id,
                    "b_practitioner": practitioner_id,
                    "b_prev": last_hash,
                    "b_hash": digest,
                }
            )
            last_id, last_hash = r.id, digest
        bind.execute(
            _audit.update()
            .where(_audit.c.id == sa.bindparam("b_id"))
            .values(
                patient_id=sa.bindparam("b_patient"),
                practitioner_id=sa.bindparam("b_practitioner"),
                prev_hash=sa.bindparam("b_prev"),
                hash=sa.bindparam("b_hash"),
            ),
            updates,
        )


def _sqlite_guard() -> None:
    op.execute(
        "CREATE TRIGGER tr_audit_no_update BEFORE UPDATE ON audit FOR EACH ROW "
        f"BEGIN SELECT RAISE(ABORT, '{ERROR}'); END"
    )
    op.execute(
        "CREATE TRIGGER tr_audit_no_delete BEFORE DELETE ON audit FOR EACH ROW "
        "WHEN OLD.id > coalesce((SELECT anchor_id FROM audit_head WHERE id = 1), 0) "
        f"BEGIN SELECT RAISE(ABORT, '{ERROR}'); END"
    )
    op.execute(
        "CREATE TRIGGER tr_audit_head_no_delete BEFORE DELETE ON audit_head FOR EACH ROW "
        f"BEGIN SELECT RAISE(ABORT, '{ERROR}'); END"
    )


def _postgres_guard() -> None:
    op.execute(
        f"CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN "
        "IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW' AND TG_TABLE_NAME = 'audit' THEN "
        "IF OLD.id <= coalesce((SELECT anchor_id FROM audit_head WHERE id = 1), 0) THEN "
        "RETURN OLD; END IF; END IF; "
        f"RAISE EXCEPTION '{ERROR}: % refused on %', TG_OP, TG_TABLE_NAME "
        "USING ERRCODE = 'integrity_constraint_violation'; "
        "END $$"
    )
    op.execute(
        "CREATE TRIGGER tr_audit_append_only BEFORE UPDATE OR DELETE ON audit "
        f"FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()"
    )
    op.execute(
        "CREATE TRIGGER tr_audit_no_truncate BEFORE TRUNCATE ON audit "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {PG_FUNCTION}()"
    )
    op.execute(
        "CREATE TRIGGER tr_audit_head_no_delete BEFORE DELETE OR TRUNCATE ON audit_head "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {PG_FUNCTION}()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS tr_audit_head_no_delete ON audit_head")
        op.execute("DROP TRIGGER IF EXISTS tr_audit_no_truncate ON audit")
        op.execute("DROP TRIGGER IF EXISTS tr_audit_append_only ON audit")
        op.execute(f"DROP FUNCTION IF EXISTS {PG_FUNCTION}()")
    else:
        for name in ("tr_audit_head_no_delete", "tr_audit_no_delete", "tr_audit_no_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("audit_head")
    for name in ("practitioner_id", "patient_id"):
        op.drop_index(f"ix_audit_{name}", table_name="audit")
    # In place on SQLite too (≥ 3.35): no rebuild of the table.
    for name in ("hash", "prev_hash", "practitioner_id", "patient_id"):
        op.execute(f"ALTER TABLE audit DROP COLUMN {name}")
