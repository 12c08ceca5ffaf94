"""Tables of the `suppliers` schema."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKeyConstraint,
    Index,
    Integer,
    Text,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

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


class PurchaseOrderStatus(enum.Enum):
    """Where a purchase order stands. DRAFT -> SENT -> RECEIVED, or CANCELLED before receipt."""

    DRAFT = "DRAFT"
    SENT = "SENT"
    RECEIVED = "RECEIVED"
    CANCELLED = "CANCELLED"


class SuppliersBase(DeclarativeBase):
    metadata = domain_metadata("suppliers")
    type_annotation_map = TYPE_ANNOTATION_MAP


class Supplier(TenantKeyed, Timestamped, SoftDeletable, SuppliersBase):
    """Someone the bakery buys from (a mill, a dairy, a central baker)."""

    __tablename__ = "suppliers"
    __table_args__ = (
        trash_index(),
        Index(
            "uq_suppliers_live_name",
            "tenant_id",
            func.lower(text("name")),
            unique=True,
            postgresql_where=text("deleted_at IS NULL"),
        ),
        CheckConstraint("lead_time_days >= 0", name="lead_time_not_negative"),
    )

    name: Mapped[str] = mapped_column(Text)
    tax_id: Mapped[str | None] = mapped_column(Text)
    contact_name: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(Text)
    lead_time_days: Mapped[int] = mapped_column(Integer, server_default="1")


class PurchaseOrder(TenantKeyed, Timestamped, SoftDeletable, SuppliersBase):
    """An order to a supplier, from draft to receipt."""

    __tablename__ = "purchase_orders"
    __table_args__ = (
        trash_index(),
        *tenant_foreign_key(["supplier_id"], "suppliers"),
        Index(None, "tenant_id", "status", "expected_on"),
    )

    supplier_id: Mapped[uuid.UUID]
    status: Mapped[PurchaseOrderStatus] = mapped_column(
        text_enum(PurchaseOrderStatus, "purchase_order_status")
    )
    expected_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, server_default="")
    sent_at: Mapped[datetime | None]
    received_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]


class PurchaseOrderItem(TenantKeyed, SuppliersBase):
    """One line of a purchase order: an ingredient or a product, how much, at what cost."""

    __tablename__ = "purchase_order_items"
    __table_args__ = (
        *tenant_foreign_key(["purchase_order_id"], "purchase_orders"),
        CheckConstraint("(ingredient_id IS NULL) <> (product_id IS NULL)", name="one_item"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("unit_cost >= 0", name="unit_cost_not_negative"),
    )

    purchase_order_id: Mapped[uuid.UUID]
    ingredient_id: Mapped[uuid.UUID | None] = reference("inventory.ingredients", nullable=True)
    product_id: Mapped[uuid.UUID | None] = reference("inventory.products", nullable=True)
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    unit_cost: Mapped[Decimal] = mapped_column(UNIT_COST)
    expires_on: Mapped[date | None] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer)


class Delivery(TenantKeyed, Timestamped, SuppliersBase):
    """The receipt of a purchase order: when, by whom."""

    __tablename__ = "deliveries"
    __table_args__ = (
        # A purchase order is received once: at most one delivery each.
        ForeignKeyConstraint(
            ["tenant_id", "purchase_order_id"],
            ["purchase_orders.tenant_id", "purchase_orders.id"],
        ),
        Index(None, "tenant_id", "purchase_order_id", unique=True),
    )

    purchase_order_id: Mapped[uuid.UUID]
    received_by: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, server_default="")
