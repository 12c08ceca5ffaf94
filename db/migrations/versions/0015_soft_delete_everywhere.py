"""Soft delete everywhere: purchase orders and alert rules, and a trash index on every soft-deletable table

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 02:10:40.571785
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "alert_rules",
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        schema="alerts",
    )
    op.add_column("alert_rules", sa.Column("deleted_by", sa.Text(), nullable=True), schema="alerts")
    op.add_column(
        "alert_rules", sa.Column("deletion_reason", sa.Text(), nullable=True), schema="alerts"
    )
    op.add_column(
        "alert_rules", sa.Column("deletion_batch_id", sa.Uuid(), nullable=True), schema="alerts"
    )
    op.create_index(
        op.f("ix_alert_rules_deletion_batch_id"),
        "alert_rules",
        ["deletion_batch_id"],
        unique=False,
        schema="alerts",
    )
    op.create_index(
        op.f("ix_alert_rules_tenant_id_deleted_at"),
        "alert_rules",
        ["tenant_id", "deleted_at"],
        unique=False,
        schema="alerts",
        postgresql_where=sa.text("deleted_at IS NOT NULL"),
    )
    op.create_index(
        op.f("ix_ingredients_tenant_id_deleted_at"),
        "ingredients",
        ["tenant_id", "deleted_at"],
        unique=False,
        schema="inventory",
        postgresql_where=sa.text("deleted_at IS NOT NULL"),
    )
    op.create_index(
        op.f("ix_products_tenant_id_deleted_at"),
        "products",
        ["tenant_id", "deleted_at"],
        unique=False,
        schema="inventory",
        postgresql_where=sa.text("deleted_at IS NOT NULL"),
    )
    op.create_index(
        op.f("ix_customers_tenant_id_deleted_at"),
        "customers",
        ["tenant_id", "deleted_at"],
        unique=False,
        schema="orders",
        postgresql_where=sa.text("deleted_at IS NOT NULL"),
    )
    op.create_index(
        op.f("ix_recipes_tenant_id_deleted_at"),
        "recipes",
        ["tenant_id", "deleted_at"],
        unique=False,
        schema="recipes",
        postgresql_where=sa.text("deleted_at IS NOT NULL"),
    )
    op.add_column(
        "purchase_orders",
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        schema="suppliers",
    )
    op.add_column(
        "purchase_orders", sa.Column("deleted_by", sa.Text(), nullable=True), schema="suppliers"
    )
    op.add_column(
        "purchase_orders",
        sa.Column("deletion_reason", sa.Text(), nullable=True),
        schema="suppliers",
    )
    op.add_column(
        "purchase_orders",
        sa.Column("deletion_batch_id", sa.Uuid(), nullable=True),
        schema="suppliers",
    )
    op.create_index(
        op.f("ix_purchase_orders_deletion_batch_id"),
        "purchase_orders",
        ["deletion_batch_id"],
        unique=False,
        schema="suppliers",
    )
    op.create_index(
        op.f("ix_purchase_orders_tenant_id_deleted_at"),
        "purchase_orders",
        ["tenant_id", "deleted_at"],
        unique=False,
        schema="suppliers",
        postgresql_where=sa.text("deleted_at IS NOT NULL"),
    )
    op.create_index(
        op.f("ix_suppliers_tenant_id_deleted_at"),
        "suppliers",
        ["tenant_id", "deleted_at"],
        unique=False,
        schema="suppliers",
        postgresql_where=sa.text("deleted_at IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_suppliers_tenant_id_deleted_at"),
        table_name="suppliers",
        schema="suppliers",
        postgresql_where=sa.text("deleted_at IS NOT NULL"),
    )
    op.drop_index(
        op.f("ix_purchase_orders_tenant_id_deleted_at"),
        table_name="purchase_orders",
        schema="suppliers",
        postgresql_where=sa.text("deleted_at IS NOT NULL"),
    )
    op.drop_index(
        op.f("ix_purchase_orders_deletion_batch_id"),
        table_name="purchase_orders",
        schema="suppliers",
    )
    op.drop_column("purchase_orders", "deletion_batch_id", schema="suppliers")
    op.drop_column("purchase_orders", "deletion_reason", schema="suppliers")
    op.drop_column("purchase_orders", "deleted_by", schema="suppliers")
    op.drop_column("purchase_orders", "deleted_at", schema="suppliers")
    op.drop_index(
        op.f("ix_recipes_tenant_id_deleted_at"),
        table_name="recipes",
        schema="recipes",
        postgresql_where=sa.text("deleted_at IS NOT NULL"),
    )
    op.drop_index(
        op.f("ix_customers_tenant_id_deleted_at"),
        table_name="customers",
        schema="orders",
        postgresql_where=sa.text("deleted_at IS NOT NULL"),
    )
    op.drop_index(
        op.f("ix_products_tenant_id_deleted_at"),
        table_name="products",
        schema="inventory",
        postgresql_where=sa.text("deleted_at IS NOT NULL"),
    )
    op.drop_index(
        op.f("ix_ingredients_tenant_id_deleted_at"),
        table_name="ingredients",
        schema="inventory",
        postgresql_where=sa.text("deleted_at IS NOT NULL"),
    )
    op.drop_index(
        op.f("ix_alert_rules_tenant_id_deleted_at"),
        table_name="alert_rules",
        schema="alerts",
        postgresql_where=sa.text("deleted_at IS NOT NULL"),
    )
    op.drop_index(
        op.f("ix_alert_rules_deletion_batch_id"), table_name="alert_rules", schema="alerts"
    )
    op.drop_column("alert_rules", "deletion_batch_id", schema="alerts")
    op.drop_column("alert_rules", "deletion_reason", schema="alerts")
    op.drop_column("alert_rules", "deleted_by", schema="alerts")
    op.drop_column("alert_rules", "deleted_at", schema="alerts")
