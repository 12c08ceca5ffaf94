"""The demo schema: demo sessions, each a visitor's throwaway copy of a template bakery

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 02:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS demo")
    op.create_table(
        "demo_sessions",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column(
            "account_type",
            sa.Enum(
                "INDIVIDUAL_BAKERY",
                "CENTRAL_BAKER_SATELLITE",
                name="demo_account_type",
                native_enum=False,
                create_constraint=True,
                schema="demo",
            ),
            nullable=False,
        ),
        sa.Column("virtual_tenant_id", sa.Uuid(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "ACTIVE",
                "EXPIRED",
                "ENDED",
                name="demo_session_status",
                native_enum=False,
                create_constraint=True,
                schema="demo",
            ),
            nullable=False,
        ),
        sa.Column("client_address", sa.Text(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("extensions_used", sa.Integer(), server_default="0", nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cleaned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("clone_ms", sa.Numeric(10, 3), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_demo_sessions")),
        schema="demo",
    )
    op.create_index(
        op.f("ix_demo_sessions_client_address"),
        "demo_sessions",
        ["client_address"],
        schema="demo",
        postgresql_where=sa.text("status = 'ACTIVE'"),
    )
    op.create_index(
        op.f("ix_demo_sessions_expires_at"),
        "demo_sessions",
        ["expires_at"],
        schema="demo",
        postgresql_where=sa.text("cleaned_at IS NULL"),
    )
    op.create_index(
        op.f("ix_demo_sessions_virtual_tenant_id"),
        "demo_sessions",
        ["virtual_tenant_id"],
        unique=True,
        schema="demo",
    )


def downgrade() -> None:
    op.drop_table("demo_sessions", schema="demo")
    op.execute("DROP SCHEMA IF EXISTS demo")
