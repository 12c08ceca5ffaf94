"""What the orders domain hands out: plain records, never table rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from domains.orders.models import OrderStatus


@dataclass(frozen=True, slots=True)
class CustomerRecord:
    """A live customer."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    name: str
    email: str | None
    phone: str | None
    tax_id: str | None
    notes: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class OrderRecord:
    """A customer order, its totals and where it stands."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    customer_id: uuid.UUID
    status: OrderStatus
    delivery_date: date
    notes: str
    subtotal: Decimal
    total: Decimal
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class OrderItemRecord:
    """One line of an order, priced when the order was created."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    order_id: uuid.UUID
    product_id: uuid.UUID
    quantity: Decimal
    unit_price: Decimal
    line_total: Decimal
    position: int


@dataclass(frozen=True, slots=True)
class StatusChangeRecord:
    """One move of an order between statuses (the first one has no `from_status`)."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    order_id: uuid.UUID
    position: int
    from_status: OrderStatus | None
    to_status: OrderStatus
    changed_by: str
    changed_at: datetime
    note: str


@dataclass(frozen=True, slots=True)
class OrderLine:
    """A line of an order to create, as given (the service checks it)."""

    product_id: uuid.UUID
    quantity: Decimal


@dataclass(frozen=True, slots=True)
class PricedLine:
    """A checked line with the product's sale price and the line total, ready to insert."""

    product_id: uuid.UUID
    quantity: Decimal
    unit_price: Decimal
    line_total: Decimal
