"""The notifications and alerts schemas.

Revision ID: 0008
Revises: 0005
Create Date: 2026-11-23 05:15:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


SCHEMAS = ("notifications", "alerts")


def upgrade() -> None:
    for schema in SCHEMAS:
        op.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    op.create_table(
        "notification_preferences",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column(
            "event",
            sa.Enum(
                "GENERAL",
                "LOW_STOCK",
                "EXPIRY",
                "PRODUCTION_DELAY",
                name="notification_event",
                native_enum=False,
                create_constraint=True,
                schema="notifications",
            ),
            nullable=False,
        ),
        sa.Column(
            "channel",
            sa.Enum(
                "EMAIL",
                "SMS",
                "IN_APP",
                name="notification_channel",
                native_enum=False,
                create_constraint=True,
                schema="notifications",
            ),
            nullable=False,
        ),
        sa.Column("enabled", sa.Boolean(), nullable=False),
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
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_notification_preferences")),
        schema="notifications",
    )
    op.create_index(
        op.f("ix_notification_preferences_tenant_id_user_id_event_channel"),
        "notification_preferences",
        ["tenant_id", "user_id", "event", "channel"],
        unique=True,
        schema="notifications",
    )
    op.create_index(
        op.f("ix_notification_preferences_user_id"),
        "notification_preferences",
        ["user_id"],
        unique=False,
        schema="notifications",
    )
    op.create_table(
        "notifications",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("recipient_id", sa.Uuid(), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(
                "EMAIL",
                "SMS",
                "IN_APP",
                name="notification_channel",
                native_enum=False,
                create_constraint=True,
                schema="notifications",
            ),
            nullable=False,
        ),
        sa.Column(
            "event",
            sa.Enum(
                "GENERAL",
                "LOW_STOCK",
                "EXPIRY",
                "PRODUCTION_DELAY",
                name="notification_event",
                native_enum=False,
                create_constraint=True,
                schema="notifications",
            ),
            nullable=False,
        ),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "PENDING",
                "SENT",
                "READ",
                name="notification_status",
                native_enum=False,
                create_constraint=True,
                schema="notifications",
            ),
            nullable=False,
        ),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
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
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_notifications")),
        schema="notifications",
    )
    op.create_index(
        op.f("ix_notifications_recipient_id"),
        "notifications",
        ["recipient_id"],
        unique=False,
        schema="notifications",
    )
    op.create_index(
        op.f("ix_notifications_tenant_id_created_at_id"),
        "notifications",
        ["tenant_id", "created_at", "id"],
        unique=False,
        schema="notifications",
    )
    op.create_index(
        op.f("ix_notifications_tenant_id_recipient_id_created_at_id"),
        "notifications",
        ["tenant_id", "recipient_id", "created_at", "id"],
        unique=False,
        schema="notifications",
    )
    op.create_table(
        "alert_rules",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "LOW_STOCK",
                "EXPIRY",
                "PRODUCTION_DELAY",
                name="alert_kind",
                native_enum=False,
                create_constraint=True,
                schema="alerts",
            ),
            nullable=False,
        ),
        sa.Column("threshold", sa.Numeric(precision=14, scale=3), nullable=False),
        sa.Column("ingredient_id", sa.Uuid(), nullable=True),
        sa.Column("enabled", sa.Boolean(), server_default=sa.text("true"), nullable=False),
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
            "ingredient_id IS NULL OR kind = 'LOW_STOCK'",
            name=op.f("ck_alert_rules_ingredient_only_low_stock"),
        ),
        sa.CheckConstraint("threshold >= 0", name=op.f("ck_alert_rules_threshold_not_negative")),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_alert_rules")),
        schema="alerts",
    )
    op.create_index(
        op.f("ix_alert_rules_ingredient_id"),
        "alert_rules",
        ["ingredient_id"],
        unique=False,
        schema="alerts",
    )
    op.create_index(
        op.f("ix_alert_rules_tenant_id_kind_enabled"),
        "alert_rules",
        ["tenant_id", "kind", "enabled"],
        unique=False,
        schema="alerts",
    )
    op.create_table(
        "alerts",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("rule_id", sa.Uuid(), nullable=False),
        sa.Column(
            "severity",
            sa.Enum(
                "INFO",
                "WARNING",
                "CRITICAL",
                name="alert_severity",
                native_enum=False,
                create_constraint=True,
                schema="alerts",
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "OPEN",
                "ACKNOWLEDGED",
                "RESOLVED",
                name="alert_status",
                native_enum=False,
                create_constraint=True,
                schema="alerts",
            ),
            nullable=False,
        ),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("ingredient_id", sa.Uuid(), nullable=True),
        sa.Column("acknowledged_by", sa.Text(), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by", sa.Text(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
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
            ["tenant_id", "rule_id"],
            ["alerts.alert_rules.tenant_id", "alerts.alert_rules.id"],
            name=op.f("fk_alerts_tenant_id_rule_id_alert_rules"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_alerts")),
        schema="alerts",
    )
    op.create_index(
        op.f("ix_alerts_ingredient_id"), "alerts", ["ingredient_id"], unique=False, schema="alerts"
    )
    op.create_index(
        op.f("ix_alerts_tenant_id_created_at_id"),
        "alerts",
        ["tenant_id", "created_at", "id"],
        unique=False,
        schema="alerts",
    )
    op.create_index(
        op.f("ix_alerts_tenant_id_rule_id"),
        "alerts",
        ["tenant_id", "rule_id"],
        unique=False,
        schema="alerts",
    )
    op.create_index(
        op.f("ix_alerts_tenant_id_status_created_at_id"),
        "alerts",
        ["tenant_id", "status", "created_at", "id"],
        unique=False,
        schema="alerts",
    )
    op.create_index(
        "uq_alerts_active_subject",
        "alerts",
        ["tenant_id", "rule_id", "ingredient_id"],
        unique=True,
        schema="alerts",
        postgresql_where=sa.text("status IN ('OPEN', 'ACKNOWLEDGED')"),
    )
    op.create_table(
        "alert_history",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("alert_id", sa.Uuid(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "OPEN",
                "ACKNOWLEDGED",
                "RESOLVED",
                name="alert_status",
                native_enum=False,
                create_constraint=True,
                schema="alerts",
            ),
            nullable=False,
        ),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column(
            "changed_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "alert_id"],
            ["alerts.alerts.tenant_id", "alerts.alerts.id"],
            name=op.f("fk_alert_history_tenant_id_alert_id_alerts"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_alert_history")),
        schema="alerts",
    )
    op.create_index(
        op.f("ix_alert_history_tenant_id_alert_id"),
        "alert_history",
        ["tenant_id", "alert_id"],
        unique=False,
        schema="alerts",
    )
    op.create_table(
        "alert_notifications",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("alert_id", sa.Uuid(), nullable=False),
        sa.Column("notification_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id", "alert_id"],
            ["alerts.alerts.tenant_id", "alerts.alerts.id"],
            name=op.f("fk_alert_notifications_tenant_id_alert_id_alerts"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_alert_notifications")),
        schema="alerts",
    )
    op.create_index(
        op.f("ix_alert_notifications_notification_id"),
        "alert_notifications",
        ["notification_id"],
        unique=False,
        schema="alerts",
    )
    op.create_index(
        op.f("ix_alert_notifications_tenant_id_alert_id"),
        "alert_notifications",
        ["tenant_id", "alert_id"],
        unique=False,
        schema="alerts",
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_alert_notifications_tenant_id_alert_id"),
        table_name="alert_notifications",
        schema="alerts",
    )
    op.drop_index(
        op.f("ix_alert_notifications_notification_id"),
        table_name="alert_notifications",
        schema="alerts",
    )
    op.drop_table("alert_notifications", schema="alerts")
    op.drop_index(
        op.f("ix_alert_history_tenant_id_alert_id"), table_name="alert_history", schema="alerts"
    )
    op.drop_table("alert_history", schema="alerts")
    op.drop_index(
        "uq_alerts_active_subject",
        table_name="alerts",
        schema="alerts",
        postgresql_where=sa.text("status IN ('OPEN', 'ACKNOWLEDGED')"),
    )
    op.drop_index(
        op.f("ix_alerts_tenant_id_status_created_at_id"), table_name="alerts", schema="alerts"
    )
    op.drop_index(op.f("ix_alerts_tenant_id_rule_id"), table_name="alerts", schema="alerts")
    op.drop_index(op.f("ix_alerts_tenant_id_created_at_id"), table_name="alerts", schema="alerts")
    op.drop_index(op.f("ix_alerts_ingredient_id"), table_name="alerts", schema="alerts")
    op.drop_table("alerts", schema="alerts")
    op.drop_index(
        op.f("ix_alert_rules_tenant_id_kind_enabled"), table_name="alert_rules", schema="alerts"
    )
    op.drop_index(op.f("ix_alert_rules_ingredient_id"), table_name="alert_rules", schema="alerts")
    op.drop_table("alert_rules", schema="alerts")
    op.drop_index(
        op.f("ix_notifications_tenant_id_recipient_id_created_at_id"),
        table_name="notifications",
        schema="notifications",
    )
    op.drop_index(
        op.f("ix_notifications_tenant_id_created_at_id"),
        table_name="notifications",
        schema="notifications",
    )
    op.drop_index(
        op.f("ix_notifications_recipient_id"), table_name="notifications", schema="notifications"
    )
    op.drop_table("notifications", schema="notifications")
    op.drop_index(
        op.f("ix_notification_preferences_user_id"),
        table_name="notification_preferences",
        schema="notifications",
    )
    op.drop_index(
        op.f("ix_notification_preferences_tenant_id_user_id_event_channel"),
        table_name="notification_preferences",
        schema="notifications",
    )
    op.drop_table("notification_preferences", schema="notifications")
    for schema in reversed(SCHEMAS):
        op.execute(f"DROP SCHEMA IF EXISTS {schema}")
