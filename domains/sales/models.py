"""Tables of the `sales` schema."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Index
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.base import (
    MONEY,
    QUANTITY,
    TYPE_ANNOTATION_MAP,
    TenantKeyed,
    Timestamped,
    domain_metadata,
    reference,
    text_enum,
)
from domains.sales.kinds import SalesChannel


class SalesBase(DeclarativeBase):
    metadata = domain_metadata("sales")
    type_annotation_map = TYPE_ANNOTATION_MAP


class SalesRecord(TenantKeyed, Timestamped, SalesBase):
    """One product sold: how much, at what price, when, through which channel."""

    __tablename__ = "sales_records"
    __table_args__ = (
        # Lists and summaries read a tenant's sales by time; a product's sales likewise.
        Index(None, "tenant_id", "sold_at", "id"),
        Index(None, "tenant_id", "product_id", "sold_at"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("unit_price >= 0", name="unit_price_not_negative"),
        CheckConstraint("total >= 0", name="total_not_negative"),
    )

    product_id: Mapped[uuid.UUID] = reference("inventory.products")
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    unit_price: Mapped[Decimal] = mapped_column(MONEY)
    total: Mapped[Decimal] = mapped_column(MONEY)
    sold_at: Mapped[datetime]
    channel: Mapped[SalesChannel] = mapped_column(text_enum(SalesChannel, "sales_channel"))
    pos_transaction_id: Mapped[uuid.UUID | None] = reference("pos.pos_transactions", nullable=True)
