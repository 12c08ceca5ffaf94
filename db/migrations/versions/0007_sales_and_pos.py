"""The sales and pos (point of sale) schemas.

Revision ID: 0007
Revises: 0005
Create Date: 2026-11-23 05:15:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


SCHEMAS = ("sales", "pos")


def upgrade() -> None:
    for schema in SCHEMAS:
        op.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    op.create_table(
        "sales_records",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=14, scale=3), nullable=False),
        sa.Column("unit_price", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("total", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("sold_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(
                "POS",
                "ONLINE",
                "WHOLESALE",
                name="sales_channel",
                native_enum=False,
                create_constraint=True,
                schema="sales",
            ),
            nullable=False,
        ),
        sa.Column("pos_transaction_id", sa.Uuid(), nullable=True),
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
        sa.CheckConstraint("quantity > 0", name=op.f("ck_sales_records_quantity_positive")),
        sa.CheckConstraint("total >= 0", name=op.f("ck_sales_records_total_not_negative")),
        sa.CheckConstraint(
            "unit_price >= 0", name=op.f("ck_sales_records_unit_price_not_negative")
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_sales_records")),
        schema="sales",
    )
    op.create_index(
        op.f("ix_sales_records_pos_transaction_id"),
        "sales_records",
        ["pos_transaction_id"],
        unique=False,
        schema="sales",
    )
    op.create_index(
        op.f("ix_sales_records_product_id"),
        "sales_records",
        ["product_id"],
        unique=False,
        schema="sales",
    )
    op.create_index(
        op.f("ix_sales_records_tenant_id_product_id_sold_at"),
        "sales_records",
        ["tenant_id", "product_id", "sold_at"],
        unique=False,
        schema="sales",
    )
    op.create_index(
        op.f("ix_sales_records_tenant_id_sold_at_id"),
        "sales_records",
        ["tenant_id", "sold_at", "id"],
        unique=False,
        schema="sales",
    )
    op.create_table(
        "pos_configurations",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("currency", sa.Text(), nullable=False),
        sa.Column("tax_rate", sa.Numeric(precision=5, scale=4), nullable=False),
        sa.Column("receipt_footer", sa.Text(), server_default="", nullable=False),
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
            "currency ~ '^[A-Z]{3}$'", name=op.f("ck_pos_configurations_currency_iso_code")
        ),
        sa.CheckConstraint(
            "tax_rate >= 0 AND tax_rate < 1", name=op.f("ck_pos_configurations_tax_rate_fraction")
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_pos_configurations")),
        schema="pos",
    )
    op.create_index(
        "uq_pos_configurations_tenant",
        "pos_configurations",
        ["tenant_id"],
        unique=True,
        schema="pos",
    )
    op.create_table(
        "pos_devices",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "REGISTER",
                "TABLET",
                "MOBILE",
                name="pos_device_kind",
                native_enum=False,
                create_constraint=True,
                schema="pos",
            ),
            nullable=False,
        ),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
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
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_pos_devices")),
        schema="pos",
    )
    op.create_index(
        "uq_pos_devices_name",
        "pos_devices",
        ["tenant_id", sa.literal_column("lower(name)")],
        unique=True,
        schema="pos",
    )
    op.create_table(
        "pos_sessions",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "OPEN",
                "CLOSED",
                name="pos_session_status",
                native_enum=False,
                create_constraint=True,
                schema="pos",
            ),
            nullable=False,
        ),
        sa.Column("opened_by", sa.Text(), nullable=False),
        sa.Column("closed_by", sa.Text(), nullable=True),
        sa.Column(
            "opened_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("opening_cash", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("closing_cash", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("expected_cash", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("cash_difference", sa.Numeric(precision=12, scale=2), nullable=True),
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
            "(status = 'CLOSED') = (closed_at IS NOT NULL AND closing_cash IS NOT NULL AND expected_cash IS NOT NULL AND cash_difference IS NOT NULL)",
            name=op.f("ck_pos_sessions_closed_when_counted"),
        ),
        sa.CheckConstraint(
            "closing_cash >= 0", name=op.f("ck_pos_sessions_closing_cash_not_negative")
        ),
        sa.CheckConstraint(
            "opening_cash >= 0", name=op.f("ck_pos_sessions_opening_cash_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "device_id"],
            ["pos.pos_devices.tenant_id", "pos.pos_devices.id"],
            name=op.f("fk_pos_sessions_tenant_id_device_id_pos_devices"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_pos_sessions")),
        schema="pos",
    )
    op.create_index(
        op.f("ix_pos_sessions_tenant_id_device_id"),
        "pos_sessions",
        ["tenant_id", "device_id"],
        unique=False,
        schema="pos",
    )
    op.create_index(
        op.f("ix_pos_sessions_tenant_id_opened_at_id"),
        "pos_sessions",
        ["tenant_id", "opened_at", "id"],
        unique=False,
        schema="pos",
    )
    op.create_index(
        "uq_pos_sessions_open_device",
        "pos_sessions",
        ["tenant_id", "device_id"],
        unique=True,
        schema="pos",
        postgresql_where=sa.text("status = 'OPEN'"),
    )
    op.create_table(
        "pos_transactions",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column(
            "payment_method",
            sa.Enum(
                "CASH",
                "CARD",
                "OTHER",
                name="payment_method",
                native_enum=False,
                create_constraint=True,
                schema="pos",
            ),
            nullable=False,
        ),
        sa.Column("subtotal", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("tax", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("total", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("subtotal >= 0", name=op.f("ck_pos_transactions_subtotal_not_negative")),
        sa.CheckConstraint("tax >= 0", name=op.f("ck_pos_transactions_tax_not_negative")),
        sa.CheckConstraint(
            "total = subtotal + tax", name=op.f("ck_pos_transactions_total_adds_up")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "session_id"],
            ["pos.pos_sessions.tenant_id", "pos.pos_sessions.id"],
            name=op.f("fk_pos_transactions_tenant_id_session_id_pos_sessions"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_pos_transactions")),
        schema="pos",
    )
    op.create_index(
        op.f("ix_pos_transactions_tenant_id_session_id"),
        "pos_transactions",
        ["tenant_id", "session_id"],
        unique=False,
        schema="pos",
    )
    op.create_table(
        "pos_transaction_lines",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("transaction_id", sa.Uuid(), nullable=False),
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=14, scale=3), nullable=False),
        sa.Column("unit_price", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("line_total", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_pos_transaction_lines_quantity_positive")),
        sa.CheckConstraint(
            "unit_price >= 0", name=op.f("ck_pos_transaction_lines_unit_price_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "transaction_id"],
            ["pos.pos_transactions.tenant_id", "pos.pos_transactions.id"],
            name=op.f("fk_pos_transaction_lines_tenant_id_transaction_id_pos_transactions"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_pos_transaction_lines")),
        schema="pos",
    )
    op.create_index(
        op.f("ix_pos_transaction_lines_product_id"),
        "pos_transaction_lines",
        ["product_id"],
        unique=False,
        schema="pos",
    )
    op.create_index(
        op.f("ix_pos_transaction_lines_tenant_id_transaction_id"),
        "pos_transaction_lines",
        ["tenant_id", "transaction_id"],
        unique=False,
        schema="pos",
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_pos_transaction_lines_tenant_id_transaction_id"),
        table_name="pos_transaction_lines",
        schema="pos",
    )
    op.drop_index(
        op.f("ix_pos_transaction_lines_product_id"),
        table_name="pos_transaction_lines",
        schema="pos",
    )
    op.drop_table("pos_transaction_lines", schema="pos")
    op.drop_index(
        op.f("ix_pos_transactions_tenant_id_session_id"),
        table_name="pos_transactions",
        schema="pos",
    )
    op.drop_table("pos_transactions", schema="pos")
    op.drop_index(
        "uq_pos_sessions_open_device",
        table_name="pos_sessions",
        schema="pos",
        postgresql_where=sa.text("status = 'OPEN'"),
    )
    op.drop_index(
        op.f("ix_pos_sessions_tenant_id_opened_at_id"), table_name="pos_sessions", schema="pos"
    )
    op.drop_index(
        op.f("ix_pos_sessions_tenant_id_device_id"), table_name="pos_sessions", schema="pos"
    )
    op.drop_table("pos_sessions", schema="pos")
    op.drop_index("uq_pos_devices_name", table_name="pos_devices", schema="pos")
    op.drop_table("pos_devices", schema="pos")
    op.drop_index("uq_pos_configurations_tenant", table_name="pos_configurations", schema="pos")
    op.drop_table("pos_configurations", schema="pos")
    op.drop_index(
        op.f("ix_sales_records_tenant_id_sold_at_id"), table_name="sales_records", schema="sales"
    )
    op.drop_index(
        op.f("ix_sales_records_tenant_id_product_id_sold_at"),
        table_name="sales_records",
        schema="sales",
    )
    op.drop_index(op.f("ix_sales_records_product_id"), table_name="sales_records", schema="sales")
    op.drop_index(
        op.f("ix_sales_records_pos_transaction_id"), table_name="sales_records", schema="sales"
    )
    op.drop_table("sales_records", schema="sales")

    for schema in reversed(SCHEMAS):
        op.execute(f"DROP SCHEMA IF EXISTS {schema}")
