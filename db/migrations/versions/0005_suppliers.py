"""The suppliers schema.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 04:25:11.440642
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


SCHEMA = "suppliers"


def upgrade() -> None:
    op.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    op.create_table(
        "suppliers",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("tax_id", sa.Text(), nullable=True),
        sa.Column("contact_name", sa.Text(), nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.Column("lead_time_days", sa.Integer(), server_default="1", nullable=False),
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
        sa.CheckConstraint("lead_time_days >= 0", name=op.f("ck_suppliers_lead_time_not_negative")),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_suppliers")),
        schema="suppliers",
    )
    op.create_index(
        op.f("ix_suppliers_deletion_batch_id"),
        "suppliers",
        ["deletion_batch_id"],
        unique=False,
        schema="suppliers",
    )
    op.create_index(
        "uq_suppliers_live_name",
        "suppliers",
        ["tenant_id", sa.literal_column("lower(name)")],
        unique=True,
        schema="suppliers",
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_table(
        "purchase_orders",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("supplier_id", sa.Uuid(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "DRAFT",
                "SENT",
                "RECEIVED",
                "CANCELLED",
                name="purchase_order_status",
                native_enum=False,
                create_constraint=True,
                schema="suppliers",
            ),
            nullable=False,
        ),
        sa.Column("expected_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), server_default="", nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=True),
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
            ["tenant_id", "supplier_id"],
            ["suppliers.suppliers.tenant_id", "suppliers.suppliers.id"],
            name=op.f("fk_purchase_orders_tenant_id_supplier_id_suppliers"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_purchase_orders")),
        schema="suppliers",
    )
    op.create_index(
        op.f("ix_purchase_orders_tenant_id_status_expected_on"),
        "purchase_orders",
        ["tenant_id", "status", "expected_on"],
        unique=False,
        schema="suppliers",
    )
    op.create_index(
        op.f("ix_purchase_orders_tenant_id_supplier_id"),
        "purchase_orders",
        ["tenant_id", "supplier_id"],
        unique=False,
        schema="suppliers",
    )
    op.create_table(
        "deliveries",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("purchase_order_id", sa.Uuid(), nullable=False),
        sa.Column("received_by", sa.Text(), nullable=True),
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
        sa.ForeignKeyConstraint(
            ["tenant_id", "purchase_order_id"],
            ["suppliers.purchase_orders.tenant_id", "suppliers.purchase_orders.id"],
            name=op.f("fk_deliveries_tenant_id_purchase_order_id_purchase_orders"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_deliveries")),
        schema="suppliers",
    )
    op.create_index(
        op.f("ix_deliveries_tenant_id_purchase_order_id"),
        "deliveries",
        ["tenant_id", "purchase_order_id"],
        unique=True,
        schema="suppliers",
    )
    op.create_table(
        "purchase_order_items",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("purchase_order_id", sa.Uuid(), nullable=False),
        sa.Column("ingredient_id", sa.Uuid(), nullable=True),
        sa.Column("product_id", sa.Uuid(), nullable=True),
        sa.Column("quantity", sa.Numeric(precision=14, scale=3), nullable=False),
        sa.Column("unit_cost", sa.Numeric(precision=14, scale=4), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(ingredient_id IS NULL) <> (product_id IS NULL)",
            name=op.f("ck_purchase_order_items_one_item"),
        ),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_purchase_order_items_quantity_positive")),
        sa.CheckConstraint(
            "unit_cost >= 0", name=op.f("ck_purchase_order_items_unit_cost_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "purchase_order_id"],
            ["suppliers.purchase_orders.tenant_id", "suppliers.purchase_orders.id"],
            name=op.f("fk_purchase_order_items_tenant_id_purchase_order_id_purchase_orders"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_purchase_order_items")),
        schema="suppliers",
    )
    op.create_index(
        op.f("ix_purchase_order_items_ingredient_id"),
        "purchase_order_items",
        ["ingredient_id"],
        unique=False,
        schema="suppliers",
    )
    op.create_index(
        op.f("ix_purchase_order_items_product_id"),
        "purchase_order_items",
        ["product_id"],
        unique=False,
        schema="suppliers",
    )
    op.create_index(
        op.f("ix_purchase_order_items_tenant_id_purchase_order_id"),
        "purchase_order_items",
        ["tenant_id", "purchase_order_id"],
        unique=False,
        schema="suppliers",
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_purchase_order_items_tenant_id_purchase_order_id"),
        table_name="purchase_order_items",
        schema="suppliers",
    )
    op.drop_index(
        op.f("ix_purchase_order_items_product_id"),
        table_name="purchase_order_items",
        schema="suppliers",
    )
    op.drop_index(
        op.f("ix_purchase_order_items_ingredient_id"),
        table_name="purchase_order_items",
        schema="suppliers",
    )
    op.drop_table("purchase_order_items", schema="suppliers")
    op.drop_index(
        op.f("ix_deliveries_tenant_id_purchase_order_id"),
        table_name="deliveries",
        schema="suppliers",
    )
    op.drop_table("deliveries", schema="suppliers")
    op.drop_index(
        op.f("ix_purchase_orders_tenant_id_supplier_id"),
        table_name="purchase_orders",
        schema="suppliers",
    )
    op.drop_index(
        op.f("ix_purchase_orders_tenant_id_status_expected_on"),
        table_name="purchase_orders",
        schema="suppliers",
    )
    op.drop_table("purchase_orders", schema="suppliers")
    op.drop_index(
        "uq_suppliers_live_name",
        table_name="suppliers",
        schema="suppliers",
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.drop_index(
        op.f("ix_suppliers_deletion_batch_id"), table_name="suppliers", schema="suppliers"
    )
    op.drop_table("suppliers", schema="suppliers")
    op.execute(f"DROP SCHEMA IF EXISTS {SCHEMA}")
