"""The forecasting and training schemas: forecasts and their points, training jobs and models.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-23 05:35:38.226129
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS forecasting")
    op.execute("CREATE SCHEMA IF NOT EXISTS training")
    op.create_table(
        "forecasts",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("horizon_days", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Uuid(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "QUEUED",
                "RUNNING",
                "COMPLETED",
                "FAILED",
                name="forecast_status",
                native_enum=False,
                create_constraint=True,
                schema="forecasting",
            ),
            nullable=False,
        ),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
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
            "horizon_days BETWEEN 1 AND 90", name=op.f("ck_forecasts_horizon_days_in_range")
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_forecasts")),
        schema="forecasting",
    )
    op.create_index(
        op.f("ix_forecasts_model_id"), "forecasts", ["model_id"], unique=False, schema="forecasting"
    )
    op.create_index(
        op.f("ix_forecasts_product_id"),
        "forecasts",
        ["product_id"],
        unique=False,
        schema="forecasting",
    )
    op.create_index(
        op.f("ix_forecasts_tenant_id_created_at_id"),
        "forecasts",
        ["tenant_id", "created_at", "id"],
        unique=False,
        schema="forecasting",
    )
    op.create_table(
        "forecast_points",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("forecast_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("predicted", sa.Numeric(precision=14, scale=3), nullable=False),
        sa.Column("lower_bound", sa.Numeric(precision=14, scale=3), nullable=False),
        sa.Column("upper_bound", sa.Numeric(precision=14, scale=3), nullable=False),
        sa.CheckConstraint(
            "lower_bound <= predicted AND predicted <= upper_bound",
            name=op.f("ck_forecast_points_bounds_around_predicted"),
        ),
        sa.CheckConstraint(
            "lower_bound >= 0", name=op.f("ck_forecast_points_lower_bound_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "forecast_id"],
            ["forecasting.forecasts.tenant_id", "forecasting.forecasts.id"],
            name=op.f("fk_forecast_points_tenant_id_forecast_id_forecasts"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_forecast_points")),
        schema="forecasting",
    )
    op.create_index(
        op.f("ix_forecast_points_tenant_id_forecast_id_day"),
        "forecast_points",
        ["tenant_id", "forecast_id", "day"],
        unique=True,
        schema="forecasting",
    )
    op.create_table(
        "training_jobs",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "QUEUED",
                "RUNNING",
                "COMPLETED",
                "FAILED",
                name="training_job_status",
                native_enum=False,
                create_constraint=True,
                schema="training",
            ),
            nullable=False,
        ),
        sa.Column("product_ids", postgresql.ARRAY(sa.Uuid()), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column(
            "metrics",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
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
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_training_jobs")),
        schema="training",
    )
    op.create_index(
        op.f("ix_training_jobs_tenant_id_created_at_id"),
        "training_jobs",
        ["tenant_id", "created_at", "id"],
        unique=False,
        schema="training",
    )
    op.create_table(
        "trained_models",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("training_job_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("algorithm", sa.Text(), nullable=False),
        sa.Column("parameters", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("metrics", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
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
        sa.ForeignKeyConstraint(
            ["tenant_id", "training_job_id"],
            ["training.training_jobs.tenant_id", "training.training_jobs.id"],
            name=op.f("fk_trained_models_tenant_id_training_job_id_training_jobs"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_trained_models")),
        schema="training",
    )
    op.create_index(
        op.f("ix_trained_models_product_id"),
        "trained_models",
        ["product_id"],
        unique=False,
        schema="training",
    )
    op.create_index(
        op.f("ix_trained_models_tenant_id_created_at_id"),
        "trained_models",
        ["tenant_id", "created_at", "id"],
        unique=False,
        schema="training",
    )
    op.create_index(
        op.f("ix_trained_models_tenant_id_product_id_version"),
        "trained_models",
        ["tenant_id", "product_id", "version"],
        unique=True,
        schema="training",
    )
    op.create_index(
        op.f("ix_trained_models_tenant_id_training_job_id"),
        "trained_models",
        ["tenant_id", "training_job_id"],
        unique=False,
        schema="training",
    )
    op.create_index(
        "uq_trained_models_active_product",
        "trained_models",
        ["tenant_id", "product_id"],
        unique=True,
        schema="training",
        postgresql_where=sa.text("active"),
    )


def downgrade() -> None:
    op.drop_index(
        "uq_trained_models_active_product",
        table_name="trained_models",
        schema="training",
        postgresql_where=sa.text("active"),
    )
    op.drop_index(
        op.f("ix_trained_models_tenant_id_training_job_id"),
        table_name="trained_models",
        schema="training",
    )
    op.drop_index(
        op.f("ix_trained_models_tenant_id_product_id_version"),
        table_name="trained_models",
        schema="training",
    )
    op.drop_index(
        op.f("ix_trained_models_tenant_id_created_at_id"),
        table_name="trained_models",
        schema="training",
    )
    op.drop_index(
        op.f("ix_trained_models_product_id"), table_name="trained_models", schema="training"
    )
    op.drop_table("trained_models", schema="training")
    op.drop_index(
        op.f("ix_training_jobs_tenant_id_created_at_id"),
        table_name="training_jobs",
        schema="training",
    )
    op.drop_table("training_jobs", schema="training")
    op.drop_index(
        op.f("ix_forecast_points_tenant_id_forecast_id_day"),
        table_name="forecast_points",
        schema="forecasting",
    )
    op.drop_table("forecast_points", schema="forecasting")
    op.drop_index(
        op.f("ix_forecasts_tenant_id_created_at_id"), table_name="forecasts", schema="forecasting"
    )
    op.drop_index(op.f("ix_forecasts_product_id"), table_name="forecasts", schema="forecasting")
    op.drop_index(op.f("ix_forecasts_model_id"), table_name="forecasts", schema="forecasting")
    op.drop_table("forecasts", schema="forecasting")
    op.execute("DROP SCHEMA IF EXISTS training")
    op.execute("DROP SCHEMA IF EXISTS forecasting")
