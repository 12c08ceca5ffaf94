"""The production schema.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 04:25:09.573900
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


SCHEMA = "production"


def upgrade() -> None:
    op.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    op.create_table(
        "production_schedules",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("scheduled_on", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_production_schedules")),
        schema="production",
    )
    op.create_index(
        "uq_production_schedules_day",
        "production_schedules",
        ["tenant_id", "scheduled_on"],
        unique=True,
        schema="production",
    )
    op.create_table(
        "production_batches",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("schedule_id", sa.Uuid(), nullable=False),
        sa.Column("recipe_id", sa.Uuid(), nullable=False),
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("planned_quantity", sa.Numeric(precision=14, scale=3), nullable=False),
        sa.Column("actual_quantity", sa.Numeric(precision=14, scale=3), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "PLANNED",
                "IN_PROGRESS",
                "COMPLETED",
                "CANCELLED",
                name="batch_status",
                native_enum=False,
                create_constraint=True,
                schema="production",
            ),
            nullable=False,
        ),
        sa.Column("planned_for", sa.Date(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("operator_id", sa.Uuid(), nullable=True),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "actual_quantity IS NULL OR actual_quantity >= 0",
            name=op.f("ck_production_batches_actual_valid"),
        ),
        sa.CheckConstraint(
            "planned_quantity > 0", name=op.f("ck_production_batches_planned_positive")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "schedule_id"],
            ["production.production_schedules.tenant_id", "production.production_schedules.id"],
            name=op.f("fk_production_batches_tenant_id_schedule_id_production_schedules"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_production_batches")),
        schema="production",
    )
    op.create_index(
        op.f("ix_production_batches_operator_id"),
        "production_batches",
        ["operator_id"],
        unique=False,
        schema="production",
    )
    op.create_index(
        op.f("ix_production_batches_product_id"),
        "production_batches",
        ["product_id"],
        unique=False,
        schema="production",
    )
    op.create_index(
        op.f("ix_production_batches_recipe_id"),
        "production_batches",
        ["recipe_id"],
        unique=False,
        schema="production",
    )
    op.create_index(
        op.f("ix_production_batches_tenant_id_schedule_id"),
        "production_batches",
        ["tenant_id", "schedule_id"],
        unique=False,
        schema="production",
    )
    op.create_index(
        op.f("ix_production_batches_tenant_id_status_planned_for"),
        "production_batches",
        ["tenant_id", "status", "planned_for"],
        unique=False,
        schema="production",
    )
    op.create_table(
        "quality_checks",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.Column("check_type", sa.Text(), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("score", sa.Numeric(precision=4, scale=2), nullable=True),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("checked_by", sa.Uuid(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "score IS NULL OR (score >= 0 AND score <= 10)",
            name=op.f("ck_quality_checks_score_range"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "batch_id"],
            ["production.production_batches.tenant_id", "production.production_batches.id"],
            name=op.f("fk_quality_checks_tenant_id_batch_id_production_batches"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_quality_checks")),
        schema="production",
    )
    op.create_index(
        op.f("ix_quality_checks_checked_by"),
        "quality_checks",
        ["checked_by"],
        unique=False,
        schema="production",
    )
    op.create_index(
        op.f("ix_quality_checks_tenant_id_batch_id"),
        "quality_checks",
        ["tenant_id", "batch_id"],
        unique=False,
        schema="production",
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_quality_checks_tenant_id_batch_id"),
        table_name="quality_checks",
        schema="production",
    )
    op.drop_index(
        op.f("ix_quality_checks_checked_by"), table_name="quality_checks", schema="production"
    )
    op.drop_table("quality_checks", schema="production")
    op.drop_index(
        op.f("ix_production_batches_tenant_id_status_planned_for"),
        table_name="production_batches",
        schema="production",
    )
    op.drop_index(
        op.f("ix_production_batches_tenant_id_schedule_id"),
        table_name="production_batches",
        schema="production",
    )
    op.drop_index(
        op.f("ix_production_batches_recipe_id"),
        table_name="production_batches",
        schema="production",
    )
    op.drop_index(
        op.f("ix_production_batches_product_id"),
        table_name="production_batches",
        schema="production",
    )
    op.drop_index(
        op.f("ix_production_batches_operator_id"),
        table_name="production_batches",
        schema="production",
    )
    op.drop_table("production_batches", schema="production")
    op.drop_index(
        "uq_production_schedules_day", table_name="production_schedules", schema="production"
    )
    op.drop_table("production_schedules", schema="production")
    op.execute(f"DROP SCHEMA IF EXISTS {SCHEMA}")
