"""Tables of the `inventory` schema."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, Index, Text, func, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.base import MONEY as MONEY_TYPE
from db.base import (
    QUANTITY,
    TYPE_ANNOTATION_MAP,
    UNIT_COST,
    SoftDeletable,
    TenantKeyed,
    Timestamped,
    domain_metadata,
    reference,
    tenant_foreign_key,
    text_enum,
    trash_index,
)
from domains.inventory.kinds import AlertStatus, MovementKind, ProductKind
from domains.inventory.units import Unit


class InventoryBase(DeclarativeBase):
    metadata = domain_metadata("inventory")
    type_annotation_map = TYPE_ANNOTATION_MAP


# A stock row belongs to exactly one item: an ingredient or a product.
ONE_ITEM = "(ingredient_id IS NULL) <> (product_id IS NULL)"


class Ingredient(TenantKeyed, Timestamped, SoftDeletable, InventoryBase):
    """A raw material (flour, butter, yeast, ...)."""

    __tablename__ = "ingredients"
    __table_args__ = (
        trash_index(),
        Index(
            "uq_ingredients_live_name",
            "tenant_id",
            func.lower(text("name")),
            unique=True,
            postgresql_where=text("deleted_at IS NULL"),
        ),
        CheckConstraint("reorder_point >= 0", name="reorder_point_not_negative"),
    )

    name: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(Text)
    unit: Mapped[Unit] = mapped_column(text_enum(Unit, "unit"))
    reorder_point: Mapped[Decimal] = mapped_column(QUANTITY, server_default="0")


class Product(TenantKeyed, Timestamped, SoftDeletable, InventoryBase):
    """Something the bakery sells: finished, or par-baked and finished in the shop."""

    __tablename__ = "products"
    __table_args__ = (
        trash_index(),
        Index(
            "uq_products_live_name",
            "tenant_id",
            func.lower(text("name")),
            unique=True,
            postgresql_where=text("deleted_at IS NULL"),
        ),
        CheckConstraint("sale_price >= 0", name="sale_price_not_negative"),
    )

    kind: Mapped[ProductKind] = mapped_column(text_enum(ProductKind, "product_kind"))
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[Unit] = mapped_column(text_enum(Unit, "unit"))
    sale_price: Mapped[Decimal] = mapped_column(MONEY_TYPE)


class StockLot(TenantKeyed, Timestamped, InventoryBase):
    """A quantity of one item received together: its cost, its expiry, what remains of it."""

    __tablename__ = "stock_lots"
    __table_args__ = (
        *tenant_foreign_key(["ingredient_id"], "ingredients"),
        *tenant_foreign_key(["product_id"], "products"),
        CheckConstraint(ONE_ITEM, name="one_item"),
        CheckConstraint("quantity >= 0", name="quantity_not_negative"),
        CheckConstraint("quantity <= initial_quantity", name="quantity_within_initial"),
        CheckConstraint("unit_cost >= 0", name="unit_cost_not_negative"),
    )

    ingredient_id: Mapped[uuid.UUID | None]
    product_id: Mapped[uuid.UUID | None]
    initial_quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    unit_cost: Mapped[Decimal] = mapped_column(UNIT_COST)
    received_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    supplier_id: Mapped[uuid.UUID | None] = reference("suppliers.suppliers", nullable=True)
    purchase_order_id: Mapped[uuid.UUID | None] = reference(
        "suppliers.purchase_orders", nullable=True
    )
    production_batch_id: Mapped[uuid.UUID | None] = reference(
        "production.production_batches", nullable=True
    )


class StockMovement(TenantKeyed, InventoryBase):
    """One change of stock, signed: positive adds, negative removes. Never updated."""

    __tablename__ = "stock_movements"
    __table_args__ = (
        *tenant_foreign_key(["ingredient_id"], "ingredients"),
        *tenant_foreign_key(["product_id"], "products"),
        *tenant_foreign_key(["lot_id"], "stock_lots"),
        CheckConstraint(ONE_ITEM, name="one_item"),
        CheckConstraint("quantity <> 0", name="quantity_not_zero"),
        Index(None, "tenant_id", "created_at", "id"),
    )

    ingredient_id: Mapped[uuid.UUID | None]
    product_id: Mapped[uuid.UUID | None]
    lot_id: Mapped[uuid.UUID | None]
    kind: Mapped[MovementKind] = mapped_column(text_enum(MovementKind, "movement_kind"))
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    reason: Mapped[str | None] = mapped_column(Text)
    production_batch_id: Mapped[uuid.UUID | None] = reference(
        "production.production_batches", nullable=True
    )
    purchase_order_id: Mapped[uuid.UUID | None] = reference(
        "suppliers.purchase_orders", nullable=True
    )
    created_by: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class StockAlert(TenantKeyed, Timestamped, InventoryBase):
    """An ingredient whose stock fell below its reorder point; one open alert at a time."""

    __tablename__ = "stock_alerts"
    __table_args__ = (
        *tenant_foreign_key(["ingredient_id"], "ingredients"),
        Index(
            "uq_stock_alerts_one_open",
            "tenant_id",
            "ingredient_id",
            unique=True,
            postgresql_where=text("status = 'OPEN'"),
        ),
    )

    ingredient_id: Mapped[uuid.UUID]
    status: Mapped[AlertStatus] = mapped_column(text_enum(AlertStatus, "alert_status"))
    on_hand: Mapped[Decimal] = mapped_column(QUANTITY)
    reorder_point: Mapped[Decimal] = mapped_column(QUANTITY)
    resolved_at: Mapped[datetime | None]
