"""The lifecycle and audit schemas: deletion jobs and steps, the append-only audit log, the outbox.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 01:49:39.592842
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY_FUNCTION = """
CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit.audit_events is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$
"""


def upgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS lifecycle")
    op.execute("CREATE SCHEMA IF NOT EXISTS audit")
    op.create_table(
        "deletion_jobs",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column(
            "mode",
            sa.Enum(
                "SCHEDULED",
                "IMMEDIATE",
                name="deletion_mode",
                native_enum=False,
                create_constraint=True,
                schema="lifecycle",
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "PENDING",
                "SCHEDULED",
                "RUNNING",
                "COMPLETED",
                "FAILED",
                "CANCELLED",
                name="deletion_job_status",
                native_enum=False,
                create_constraint=True,
                schema="lifecycle",
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("initiated_by", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("purge_after", sa.DateTime(timezone=True), nullable=True),
        sa.Column("items_planned", sa.BigInteger(), server_default=sa.text("0"), nullable=False),
        sa.Column(
            "total_items_deleted", sa.BigInteger(), server_default=sa.text("0"), nullable=False
        ),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("certificate", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deletion_jobs")),
        schema="lifecycle",
    )
    op.create_index(
        op.f("ix_deletion_jobs_created_at_id"),
        "deletion_jobs",
        ["created_at", "id"],
        unique=False,
        schema="lifecycle",
    )
    op.create_index(
        op.f("ix_deletion_jobs_purge_after"),
        "deletion_jobs",
        ["purge_after"],
        unique=False,
        schema="lifecycle",
        postgresql_where=sa.text("status = 'SCHEDULED'"),
    )
    op.create_index(
        op.f("ix_deletion_jobs_tenant_id_created_at_id"),
        "deletion_jobs",
        ["tenant_id", "created_at", "id"],
        unique=False,
        schema="lifecycle",
    )
    op.create_index(
        "uq_deletion_jobs_one_active",
        "deletion_jobs",
        ["tenant_id"],
        unique=True,
        schema="lifecycle",
        postgresql_where=sa.text("status IN ('PENDING', 'SCHEDULED', 'RUNNING')"),
    )
    op.create_table(
        "deletion_steps",
        sa.Column("job_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("domain", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "PENDING",
                "RUNNING",
                "COMPLETED",
                "FAILED",
                name="deletion_step_status",
                native_enum=False,
                create_constraint=True,
                schema="lifecycle",
            ),
            nullable=False,
        ),
        sa.Column(
            "counts",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.Column("items_deleted", sa.BigInteger(), server_default=sa.text("0"), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("duration_ms", sa.BigInteger(), server_default=sa.text("0"), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["lifecycle.deletion_jobs.id"],
            name=op.f("fk_deletion_steps_job_id_deletion_jobs"),
        ),
        sa.PrimaryKeyConstraint("job_id", "position", name=op.f("pk_deletion_steps")),
        schema="lifecycle",
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "occurred_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=True),
        sa.Column("target", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("counts", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
        schema="audit",
    )
    op.create_index(
        op.f("ix_audit_events_occurred_at_id"),
        "audit_events",
        ["occurred_at", "id"],
        unique=False,
        schema="audit",
    )
    op.create_index(
        op.f("ix_audit_events_tenant_id_occurred_at_id"),
        "audit_events",
        ["tenant_id", "occurred_at", "id"],
        unique=False,
        schema="audit",
    )
    op.create_table(
        "outbox_events",
        sa.Column("position", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=True),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("position", name=op.f("pk_outbox_events")),
        sa.UniqueConstraint("id", name=op.f("uq_outbox_events_id")),
        schema="audit",
    )
    # The audit log is append-only: the database itself refuses to change or remove a line.
    op.execute(APPEND_ONLY_FUNCTION)
    op.execute(
        "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit.audit_events "
        "FOR EACH ROW EXECUTE FUNCTION audit.refuse_change()"
    )
    op.execute(
        "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit.audit_events "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change()"
    )
    op.execute("REVOKE UPDATE, DELETE, TRUNCATE ON audit.audit_events FROM PUBLIC")


def downgrade() -> None:
    op.drop_table("outbox_events", schema="audit")
    op.drop_index(
        op.f("ix_audit_events_tenant_id_occurred_at_id"), table_name="audit_events", schema="audit"
    )
    op.drop_index(op.f("ix_audit_events_occurred_at_id"), table_name="audit_events", schema="audit")
    op.execute("DROP TRIGGER audit_events_no_truncate ON audit.audit_events")
    op.execute("DROP TRIGGER audit_events_append_only ON audit.audit_events")
    op.drop_table("audit_events", schema="audit")
    op.drop_table("deletion_steps", schema="lifecycle")
    op.drop_index(
        "uq_deletion_jobs_one_active",
        table_name="deletion_jobs",
        schema="lifecycle",
        postgresql_where=sa.text("status IN ('PENDING', 'SCHEDULED', 'RUNNING')"),
    )
    op.drop_index(
        op.f("ix_deletion_jobs_tenant_id_created_at_id"),
        table_name="deletion_jobs",
        schema="lifecycle",
    )
    op.drop_index(
        op.f("ix_deletion_jobs_purge_after"),
        table_name="deletion_jobs",
        schema="lifecycle",
        postgresql_where=sa.text("status = 'SCHEDULED'"),
    )
    op.drop_index(
        op.f("ix_deletion_jobs_created_at_id"), table_name="deletion_jobs", schema="lifecycle"
    )
    op.drop_table("deletion_jobs", schema="lifecycle")
    op.execute("DROP FUNCTION audit.refuse_change()")
    op.execute("DROP SCHEMA audit")
    op.execute("DROP SCHEMA lifecycle")
