"""The orders schema: customers, their orders, order lines and status history.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 05:10:26.844292
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


SCHEMA = "orders"


def upgrade() -> None:
    op.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    op.create_table(
        "customers",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.Column("tax_id", sa.Text(), nullable=True),
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
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by", sa.Text(), nullable=True),
        sa.Column("deletion_reason", sa.Text(), nullable=True),
        sa.Column("deletion_batch_id", sa.Uuid(), nullable=True),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_customers")),
        schema="orders",
    )
    op.create_index(
        op.f("ix_customers_deletion_batch_id"),
        "customers",
        ["deletion_batch_id"],
        unique=False,
        schema="orders",
    )
    op.create_index(
        "uq_customers_live_name",
        "customers",
        ["tenant_id", sa.literal_column("lower(name)")],
        unique=True,
        schema="orders",
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_table(
        "orders",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "PENDING",
                "CONFIRMED",
                "IN_PRODUCTION",
                "READY",
                "DELIVERED",
                "CANCELLED",
                name="order_status",
                native_enum=False,
                create_constraint=True,
                schema="orders",
            ),
            nullable=False,
        ),
        sa.Column("delivery_date", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("subtotal", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("total", sa.Numeric(precision=12, scale=2), nullable=False),
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
        sa.CheckConstraint("subtotal >= 0", name=op.f("ck_orders_subtotal_not_negative")),
        sa.CheckConstraint("total >= 0", name=op.f("ck_orders_total_not_negative")),
        sa.ForeignKeyConstraint(
            ["tenant_id", "customer_id"],
            ["orders.customers.tenant_id", "orders.customers.id"],
            name=op.f("fk_orders_tenant_id_customer_id_customers"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_orders")),
        schema="orders",
    )
    op.create_index(
        op.f("ix_orders_tenant_id_customer_id"),
        "orders",
        ["tenant_id", "customer_id"],
        unique=False,
        schema="orders",
    )
    op.create_index(
        op.f("ix_orders_tenant_id_delivery_date_created_at_id"),
        "orders",
        ["tenant_id", "delivery_date", "created_at", "id"],
        unique=False,
        schema="orders",
    )
    op.create_index(
        op.f("ix_orders_tenant_id_status_delivery_date"),
        "orders",
        ["tenant_id", "status", "delivery_date"],
        unique=False,
        schema="orders",
    )
    op.create_table(
        "order_items",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("order_id", sa.Uuid(), nullable=False),
        sa.Column("product_id", sa.Uuid(), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=14, scale=3), nullable=False),
        sa.Column("unit_price", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("line_total", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("line_total >= 0", name=op.f("ck_order_items_line_total_not_negative")),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_order_items_quantity_positive")),
        sa.CheckConstraint("unit_price >= 0", name=op.f("ck_order_items_unit_price_not_negative")),
        sa.ForeignKeyConstraint(
            ["tenant_id", "order_id"],
            ["orders.orders.tenant_id", "orders.orders.id"],
            name=op.f("fk_order_items_tenant_id_order_id_orders"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_order_items")),
        schema="orders",
    )
    op.create_index(
        op.f("ix_order_items_product_id"),
        "order_items",
        ["product_id"],
        unique=False,
        schema="orders",
    )
    op.create_index(
        op.f("ix_order_items_tenant_id_order_id"),
        "order_items",
        ["tenant_id", "order_id"],
        unique=False,
        schema="orders",
    )
    op.create_table(
        "order_status_history",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("order_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "from_status",
            sa.Enum(
                "PENDING",
                "CONFIRMED",
                "IN_PRODUCTION",
                "READY",
                "DELIVERED",
                "CANCELLED",
                name="from_status",
                native_enum=False,
                create_constraint=True,
                schema="orders",
            ),
            nullable=True,
        ),
        sa.Column(
            "to_status",
            sa.Enum(
                "PENDING",
                "CONFIRMED",
                "IN_PRODUCTION",
                "READY",
                "DELIVERED",
                "CANCELLED",
                name="to_status",
                native_enum=False,
                create_constraint=True,
                schema="orders",
            ),
            nullable=False,
        ),
        sa.Column("changed_by", sa.Text(), nullable=False),
        sa.Column(
            "changed_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id", "order_id"],
            ["orders.orders.tenant_id", "orders.orders.id"],
            name=op.f("fk_order_status_history_tenant_id_order_id_orders"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_order_status_history")),
        schema="orders",
    )
    op.create_index(
        op.f("ix_order_status_history_tenant_id_order_id_position"),
        "order_status_history",
        ["tenant_id", "order_id", "position"],
        unique=True,
        schema="orders",
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_order_status_history_tenant_id_order_id_position"),
        table_name="order_status_history",
        schema="orders",
    )
    op.drop_table("order_status_history", schema="orders")
    op.drop_index(
        op.f("ix_order_items_tenant_id_order_id"), table_name="order_items", schema="orders"
    )
    op.drop_index(op.f("ix_order_items_product_id"), table_name="order_items", schema="orders")
    op.drop_table("order_items", schema="orders")
    op.drop_index(
        op.f("ix_orders_tenant_id_status_delivery_date"), table_name="orders", schema="orders"
    )
    op.drop_index(
        op.f("ix_orders_tenant_id_delivery_date_created_at_id"),
        table_name="orders",
        schema="orders",
    )
    op.drop_index(op.f("ix_orders_tenant_id_customer_id"), table_name="orders", schema="orders")
    op.drop_table("orders", schema="orders")
    op.drop_index(
        "uq_customers_live_name",
        table_name="customers",
        schema="orders",
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.drop_index(op.f("ix_customers_deletion_batch_id"), table_name="customers", schema="orders")
    op.drop_table("customers", schema="orders")
    op.execute(f"DROP SCHEMA IF EXISTS {SCHEMA}")
