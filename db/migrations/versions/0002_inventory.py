"""The inventory schema.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 04:24:49.085305
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


SCHEMA = "inventory"


def upgrade() -> None:
    op.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    op.create_table(
        "ingredients",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("category", sa.Text(), nullable=False),
        sa.Column(
            "unit",
            sa.Enum(
                "KG",
                "G",
                "L",
                "ML",
                "UNIT",
                name="unit",
                native_enum=False,
                create_constraint=True,
                schema="inventory",
            ),
            nullable=False,
        ),
        sa.Column(
            "reorder_point", sa.Numeric(precision=14, scale=3), server_default="0", nullable=False
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
        sa.CheckConstraint(
            "reorder_point >= 0", name=op.f("ck_ingredients_reorder_point_not_negative")
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_ingredients")),
        schema="inventory",
    )
    op.create_index(
        op.f("ix_ingredients_deletion_batch_id"),
        "ingredients",
        ["deletion_batch_id"],
        unique=False,
        schema="inventory",
    )
    op.create_index(
        "uq_ingredients_live_name",
        "ingredients",
        ["tenant_id", sa.literal_column("lower(name)")],
        unique=True,
        schema="inventory",
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_table(
        "products",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "FINISHED",
                "PAR_BAKED",
                name="product_kind",
                native_enum=False,
                create_constraint=True,
                schema="inventory",
            ),
            nullable=False,
        ),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column(
            "unit",
            sa.Enum(
                "KG",
                "G",
                "L",
                "ML",
                "UNIT",
                name="unit",
                native_enum=False,
                create_constraint=True,
                schema="inventory",
            ),
            nullable=False,
        ),
        sa.Column("sale_price", sa.Numeric(precision=12, scale=2), nullable=False),
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
        sa.CheckConstraint("sale_price >= 0", name=op.f("ck_products_sale_price_not_negative")),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_products")),
        schema="inventory",
    )
    op.create_index(
        op.f("ix_products_deletion_batch_id"),
        "products",
        ["deletion_batch_id"],
        unique=False,
        schema="inventory",
    )
    op.create_index(
        "uq_products_live_name",
        "products",
        ["tenant_id", sa.literal_column("lower(name)")],
        unique=True,
        schema="inventory",
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_table(
        "stock_alerts",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("ingredient_id", sa.Uuid(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "OPEN",
                "RESOLVED",
                name="alert_status",
                native_enum=False,
                create_constraint=True,
                schema="inventory",
            ),
            nullable=False,
        ),
        sa.Column("on_hand", sa.Numeric(precision=14, scale=3), nullable=False),
        sa.Column("reorder_point", sa.Numeric(precision=14, scale=3), nullable=False),
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
            ["tenant_id", "ingredient_id"],
            ["inventory.ingredients.tenant_id", "inventory.ingredients.id"],
            name=op.f("fk_stock_alerts_tenant_id_ingredient_id_ingredients"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_stock_alerts")),
        schema="inventory",
    )
    op.create_index(
        op.f("ix_stock_alerts_tenant_id_ingredient_id"),
        "stock_alerts",
        ["tenant_id", "ingredient_id"],
        unique=False,
        schema="inventory",
    )
    op.create_index(
        "uq_stock_alerts_one_open",
        "stock_alerts",
        ["tenant_id", "ingredient_id"],
        unique=True,
        schema="inventory",
        postgresql_where=sa.text("status = 'OPEN'"),
    )
    op.create_table(
        "stock_lots",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("ingredient_id", sa.Uuid(), nullable=True),
        sa.Column("product_id", sa.Uuid(), nullable=True),
        sa.Column("initial_quantity", sa.Numeric(precision=14, scale=3), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=14, scale=3), nullable=False),
        sa.Column("unit_cost", sa.Numeric(precision=14, scale=4), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("supplier_id", sa.Uuid(), nullable=True),
        sa.Column("purchase_order_id", sa.Uuid(), nullable=True),
        sa.Column("production_batch_id", sa.Uuid(), nullable=True),
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
            "(ingredient_id IS NULL) <> (product_id IS NULL)", name=op.f("ck_stock_lots_one_item")
        ),
        sa.CheckConstraint(
            "quantity <= initial_quantity", name=op.f("ck_stock_lots_quantity_within_initial")
        ),
        sa.CheckConstraint("quantity >= 0", name=op.f("ck_stock_lots_quantity_not_negative")),
        sa.CheckConstraint("unit_cost >= 0", name=op.f("ck_stock_lots_unit_cost_not_negative")),
        sa.ForeignKeyConstraint(
            ["tenant_id", "ingredient_id"],
            ["inventory.ingredients.tenant_id", "inventory.ingredients.id"],
            name=op.f("fk_stock_lots_tenant_id_ingredient_id_ingredients"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "product_id"],
            ["inventory.products.tenant_id", "inventory.products.id"],
            name=op.f("fk_stock_lots_tenant_id_product_id_products"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_stock_lots")),
        schema="inventory",
    )
    op.create_index(
        op.f("ix_stock_lots_production_batch_id"),
        "stock_lots",
        ["production_batch_id"],
        unique=False,
        schema="inventory",
    )
    op.create_index(
        op.f("ix_stock_lots_purchase_order_id"),
        "stock_lots",
        ["purchase_order_id"],
        unique=False,
        schema="inventory",
    )
    op.create_index(
        op.f("ix_stock_lots_supplier_id"),
        "stock_lots",
        ["supplier_id"],
        unique=False,
        schema="inventory",
    )
    op.create_index(
        op.f("ix_stock_lots_tenant_id_ingredient_id"),
        "stock_lots",
        ["tenant_id", "ingredient_id"],
        unique=False,
        schema="inventory",
    )
    op.create_index(
        op.f("ix_stock_lots_tenant_id_product_id"),
        "stock_lots",
        ["tenant_id", "product_id"],
        unique=False,
        schema="inventory",
    )
    op.create_table(
        "stock_movements",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("ingredient_id", sa.Uuid(), nullable=True),
        sa.Column("product_id", sa.Uuid(), nullable=True),
        sa.Column("lot_id", sa.Uuid(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "IN",
                "OUT",
                "ADJUSTMENT",
                "WASTE",
                "PRODUCTION",
                name="movement_kind",
                native_enum=False,
                create_constraint=True,
                schema="inventory",
            ),
            nullable=False,
        ),
        sa.Column("quantity", sa.Numeric(precision=14, scale=3), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("production_batch_id", sa.Uuid(), nullable=True),
        sa.Column("purchase_order_id", sa.Uuid(), nullable=True),
        sa.Column("created_by", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "(ingredient_id IS NULL) <> (product_id IS NULL)",
            name=op.f("ck_stock_movements_one_item"),
        ),
        sa.CheckConstraint("quantity <> 0", name=op.f("ck_stock_movements_quantity_not_zero")),
        sa.ForeignKeyConstraint(
            ["tenant_id", "ingredient_id"],
            ["inventory.ingredients.tenant_id", "inventory.ingredients.id"],
            name=op.f("fk_stock_movements_tenant_id_ingredient_id_ingredients"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "lot_id"],
            ["inventory.stock_lots.tenant_id", "inventory.stock_lots.id"],
            name=op.f("fk_stock_movements_tenant_id_lot_id_stock_lots"),
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "product_id"],
            ["inventory.products.tenant_id", "inventory.products.id"],
            name=op.f("fk_stock_movements_tenant_id_product_id_products"),
        ),
        sa.PrimaryKeyConstraint("tenant_id", "id", name=op.f("pk_stock_movements")),
        schema="inventory",
    )
    op.create_index(
        op.f("ix_stock_movements_production_batch_id"),
        "stock_movements",
        ["production_batch_id"],
        unique=False,
        schema="inventory",
    )
    op.create_index(
        op.f("ix_stock_movements_purchase_order_id"),
        "stock_movements",
        ["purchase_order_id"],
        unique=False,
        schema="inventory",
    )
    op.create_index(
        op.f("ix_stock_movements_tenant_id_created_at_id"),
        "stock_movements",
        ["tenant_id", "created_at", "id"],
        unique=False,
        schema="inventory",
    )
    op.create_index(
        op.f("ix_stock_movements_tenant_id_ingredient_id"),
        "stock_movements",
        ["tenant_id", "ingredient_id"],
        unique=False,
        schema="inventory",
    )
    op.create_index(
        op.f("ix_stock_movements_tenant_id_lot_id"),
        "stock_movements",
        ["tenant_id", "lot_id"],
        unique=False,
        schema="inventory",
    )
    op.create_index(
        op.f("ix_stock_movements_tenant_id_product_id"),
        "stock_movements",
        ["tenant_id", "product_id"],
        unique=False,
        schema="inventory",
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_stock_movements_tenant_id_product_id"),
        table_name="stock_movements",
        schema="inventory",
    )
    op.drop_index(
        op.f("ix_stock_movements_tenant_id_lot_id"),
        table_name="stock_movements",
        schema="inventory",
    )
    op.drop_index(
        op.f("ix_stock_movements_tenant_id_ingredient_id"),
        table_name="stock_movements",
        schema="inventory",
    )
    op.drop_index(
        op.f("ix_stock_movements_tenant_id_created_at_id"),
        table_name="stock_movements",
        schema="inventory",
    )
    op.drop_index(
        op.f("ix_stock_movements_purchase_order_id"),
        table_name="stock_movements",
        schema="inventory",
    )
    op.drop_index(
        op.f("ix_stock_movements_production_batch_id"),
        table_name="stock_movements",
        schema="inventory",
    )
    op.drop_table("stock_movements", schema="inventory")
    op.drop_index(
        op.f("ix_stock_lots_tenant_id_product_id"), table_name="stock_lots", schema="inventory"
    )
    op.drop_index(
        op.f("ix_stock_lots_tenant_id_ingredient_id"), table_name="stock_lots", schema="inventory"
    )
    op.drop_index(op.f("ix_stock_lots_supplier_id"), table_name="stock_lots", schema="inventory")
    op.drop_index(
        op.f("ix_stock_lots_purchase_order_id"), table_name="stock_lots", schema="inventory"
    )
    op.drop_index(
        op.f("ix_stock_lots_production_batch_id"), table_name="stock_lots", schema="inventory"
    )
    op.drop_table("stock_lots", schema="inventory")
    op.drop_index(
        "uq_stock_alerts_one_open",
        table_name="stock_alerts",
        schema="inventory",
        postgresql_where=sa.text("status = 'OPEN'"),
    )
    op.drop_index(
        op.f("ix_stock_alerts_tenant_id_ingredient_id"),
        table_name="stock_alerts",
        schema="inventory",
    )
    op.drop_table("stock_alerts", schema="inventory")
    op.drop_index(
        "uq_products_live_name",
        table_name="products",
        schema="inventory",
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.drop_index(op.f("ix_products_deletion_batch_id"), table_name="products", schema="inventory")
    op.drop_table("products", schema="inventory")
    op.drop_index(
        "uq_ingredients_live_name",
        table_name="ingredients",
        schema="inventory",
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.drop_index(
        op.f("ix_ingredients_deletion_batch_id"), table_name="ingredients", schema="inventory"
    )
    op.drop_table("ingredients", schema="inventory")
    op.execute(f"DROP SCHEMA IF EXISTS {SCHEMA}")
