"""Users and tenants: accounts, bakeries, memberships, subscriptions.

Revision ID: 0001
Revises:
Create Date: 2026-11-23 04:08:41.098149
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


SCHEMAS = ("users", "tenants")


def upgrade() -> None:
    for schema in SCHEMAS:
        op.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    op.create_table(
        "tenants",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column(
            "business_model",
            sa.Enum(
                "INDIVIDUAL_BAKERY",
                "CENTRAL_BAKER_SATELLITE",
                name="business_model",
                native_enum=False,
                create_constraint=True,
                schema="tenants",
            ),
            nullable=False,
        ),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("is_demo", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column(
            "is_demo_template", sa.Boolean(), server_default=sa.text("false"), nullable=False
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
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by", sa.Text(), nullable=True),
        sa.Column("deletion_reason", sa.Text(), nullable=True),
        sa.Column("deletion_batch_id", sa.Uuid(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tenants")),
        schema="tenants",
        info={"scope": "tenant_root"},
    )
    op.create_index(
        op.f("ix_tenants_deletion_batch_id"),
        "tenants",
        ["deletion_batch_id"],
        unique=False,
        schema="tenants",
    )
    op.create_index(
        op.f("ix_tenants_owner_id"), "tenants", ["owner_id"], unique=False, schema="tenants"
    )
    op.create_table(
        "subscriptions",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "plan",
            sa.Enum(
                "STARTER",
                "PROFESSIONAL",
                "ENTERPRISE",
                name="plan",
                native_enum=False,
                create_constraint=True,
                schema="tenants",
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "TRIALING",
                "ACTIVE",
                "PAST_DUE",
                "CANCELLED",
                name="subscription_status",
                native_enum=False,
                create_constraint=True,
                schema="tenants",
            ),
            nullable=False,
        ),
        sa.Column("trial_ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
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
            ["tenant_id"], ["tenants.tenants.id"], name=op.f("fk_subscriptions_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_subscriptions")),
        schema="tenants",
    )
    op.create_index(
        "uq_subscriptions_one_current",
        "subscriptions",
        ["tenant_id"],
        unique=True,
        schema="tenants",
        postgresql_where=sa.text("status <> 'CANCELLED'"),
    )
    op.create_table(
        "tenant_members",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "OWNER",
                "ADMIN",
                "MEMBER",
                "VIEWER",
                name="member_role",
                native_enum=False,
                create_constraint=True,
                schema="tenants",
            ),
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
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.tenants.id"], name=op.f("fk_tenant_members_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_tenant_members")),
        schema="tenants",
    )
    op.create_index(
        op.f("ix_tenant_members_user_id"),
        "tenant_members",
        ["user_id"],
        unique=False,
        schema="tenants",
    )
    op.create_index(
        "uq_tenant_members_one_owner",
        "tenant_members",
        ["tenant_id"],
        unique=True,
        schema="tenants",
        postgresql_where=sa.text("role = 'OWNER'"),
    )
    op.create_index(
        "uq_tenant_members_tenant_user",
        "tenant_members",
        ["tenant_id", "user_id"],
        unique=True,
        schema="tenants",
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("full_name", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
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
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        schema="users",
        info={"scope": "global"},
    )
    op.create_index(
        "uq_users_email_lower",
        "users",
        [sa.literal_column("lower(email)")],
        unique=True,
        schema="users",
    )


def downgrade() -> None:
    op.drop_index("uq_users_email_lower", table_name="users", schema="users")
    op.drop_table("users", schema="users")
    op.drop_index("uq_tenant_members_tenant_user", table_name="tenant_members", schema="tenants")
    op.drop_index(
        "uq_tenant_members_one_owner",
        table_name="tenant_members",
        schema="tenants",
        postgresql_where=sa.text("role = 'OWNER'"),
    )
    op.drop_index(op.f("ix_tenant_members_user_id"), table_name="tenant_members", schema="tenants")
    op.drop_table("tenant_members", schema="tenants")
    op.drop_index(
        "uq_subscriptions_one_current",
        table_name="subscriptions",
        schema="tenants",
        postgresql_where=sa.text("status <> 'CANCELLED'"),
    )
    op.drop_table("subscriptions", schema="tenants")
    op.drop_index(op.f("ix_tenants_owner_id"), table_name="tenants", schema="tenants")
    op.drop_index(op.f("ix_tenants_deletion_batch_id"), table_name="tenants", schema="tenants")
    op.drop_table("tenants", schema="tenants")
    for schema in reversed(SCHEMAS):
        op.execute(f"DROP SCHEMA IF EXISTS {schema}")
