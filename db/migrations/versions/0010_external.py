"""The external schema: cached external data, provider usage per day, the provider call log.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS external")
    op.create_table(
        "external_data_cache",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "WEATHER",
                "TRAFFIC",
                "HOLIDAYS",
                name="external_data_kind",
                native_enum=False,
                create_constraint=True,
                schema="external",
            ),
            nullable=False,
        ),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("provider", sa.Text(), nullable=False),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "fetched_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_external_data_cache")),
        schema="external",
    )
    op.create_index(
        "uq_external_data_cache_key",
        "external_data_cache",
        ["tenant_id", "kind", sa.literal_column("lower(location)"), "date"],
        unique=True,
        schema="external",
    )
    op.create_index(
        op.f("ix_external_data_cache_tenant_id_date_id"),
        "external_data_cache",
        ["tenant_id", "date", "id"],
        unique=False,
        schema="external",
    )
    op.create_table(
        "api_key_usage",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("provider", sa.Text(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("calls", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint("calls >= 0", name=op.f("ck_api_key_usage_calls_not_negative")),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_api_key_usage")),
        schema="external",
    )
    op.create_index(
        op.f("ix_api_key_usage_tenant_id_provider_day"),
        "api_key_usage",
        ["tenant_id", "provider", "day"],
        unique=True,
        schema="external",
    )
    op.create_table(
        "external_api_logs",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("provider", sa.Text(), nullable=False),
        sa.Column("endpoint", sa.Text(), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_external_api_logs")),
        schema="external",
    )
    op.create_index(
        op.f("ix_external_api_logs_tenant_id_created_at_id"),
        "external_api_logs",
        ["tenant_id", "created_at", "id"],
        unique=False,
        schema="external",
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_external_api_logs_tenant_id_created_at_id"),
        table_name="external_api_logs",
        schema="external",
    )
    op.drop_table("external_api_logs", schema="external")
    op.drop_index(
        op.f("ix_api_key_usage_tenant_id_provider_day"),
        table_name="api_key_usage",
        schema="external",
    )
    op.drop_table("api_key_usage", schema="external")
    op.drop_index(
        op.f("ix_external_data_cache_tenant_id_date_id"),
        table_name="external_data_cache",
        schema="external",
    )
    op.drop_index("uq_external_data_cache_key", table_name="external_data_cache", schema="external")
    op.drop_table("external_data_cache", schema="external")
    op.execute("DROP SCHEMA IF EXISTS external")
