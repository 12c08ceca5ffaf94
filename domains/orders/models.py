"""Tables of the `orders` schema."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKeyConstraint,
    Index,
    Integer,
    Text,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.base import (
    MONEY,
    QUANTITY,
    TYPE_ANNOTATION_MAP,
    SoftDeletable,
    TenantKeyed,
    Timestamped,
    domain_metadata,
    reference,
    tenant_foreign_key,
    text_enum,
    trash_index,
)


class OrderStatus(enum.Enum):
    """Where a customer order stands.

    PENDING -> CONFIRMED -> IN_PRODUCTION -> READY -> DELIVERED; PENDING, CONFIRMED or
    IN_PRODUCTION -> CANCELLED.
    """

    PENDING = "PENDING"
    CONFIRMED = "CONFIRMED"
    IN_PRODUCTION = "IN_PRODUCTION"
    READY = "READY"
    DELIVERED = "DELIVERED"
    CANCELLED = "CANCELLED"


class OrdersBase(DeclarativeBase):
    metadata = domain_metadata("orders")
    type_annotation_map = TYPE_ANNOTATION_MAP


class Customer(TenantKeyed, Timestamped, SoftDeletable, OrdersBase):
    """Someone who orders from the bakery (a café, a restaurant, a family)."""

    __tablename__ = "customers"
    __table_args__ = (
        trash_index(),
        Index(
            "uq_customers_live_name",
            "tenant_id",
            func.lower(text("name")),
            unique=True,
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )

    name: Mapped[str] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(Text)
    tax_id: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, server_default="")


class Order(TenantKeyed, Timestamped, OrdersBase):
    """A customer's order, with its totals fixed when it was created."""

    __tablename__ = "orders"
    __table_args__ = (
        *tenant_foreign_key(["customer_id"], "customers"),
        # The list's order (delivery day first) and its status filter.
        Index(None, "tenant_id", "delivery_date", "created_at", "id"),
        Index(None, "tenant_id", "status", "delivery_date"),
        CheckConstraint("subtotal >= 0", name="subtotal_not_negative"),
        CheckConstraint("total >= 0", name="total_not_negative"),
    )

    customer_id: Mapped[uuid.UUID]
    status: Mapped[OrderStatus] = mapped_column(text_enum(OrderStatus, "order_status"))
    delivery_date: Mapped[date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, server_default="")
    subtotal: Mapped[Decimal] = mapped_column(MONEY)
    total: Mapped[Decimal] = mapped_column(MONEY)


class OrderItem(TenantKeyed, OrdersBase):
    """One line of an order: a product, how many, at the price it had when ordered."""

    __tablename__ = "order_items"
    __table_args__ = (
        *tenant_foreign_key(["order_id"], "orders"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("unit_price >= 0", name="unit_price_not_negative"),
        CheckConstraint("line_total >= 0", name="line_total_not_negative"),
    )

    order_id: Mapped[uuid.UUID]
    product_id: Mapped[uuid.UUID] = reference("inventory.products")
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    unit_price: Mapped[Decimal] = mapped_column(MONEY)
    line_total: Mapped[Decimal] = mapped_column(MONEY)
    position: Mapped[int] = mapped_column(Integer)


class OrderStatusChange(TenantKeyed, OrdersBase):
    """One move of an order from a status to another: who, when, why."""

    __tablename__ = "order_status_history"
    __table_args__ = (
        ForeignKeyConstraint(["tenant_id", "order_id"], ["orders.tenant_id", "orders.id"]),
        # Positions number an order's changes 0, 1, 2...: the order they happened in, even
        # within one transaction (where now() is the same); never two changes at one position.
        Index(None, "tenant_id", "order_id", "position", unique=True),
    )

    order_id: Mapped[uuid.UUID]
    position: Mapped[int] = mapped_column(Integer)
    from_status: Mapped[OrderStatus | None] = mapped_column(
        text_enum(OrderStatus, "from_status"), nullable=True
    )
    to_status: Mapped[OrderStatus] = mapped_column(text_enum(OrderStatus, "to_status"))
    changed_by: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    note: Mapped[str] = mapped_column(Text, server_default="")
