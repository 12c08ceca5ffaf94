"""What the suppliers domain hands out: plain records, never table rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from domains.inventory.records import StockItem
from domains.suppliers.models import PurchaseOrderStatus


@dataclass(frozen=True, slots=True)
class SupplierRecord:
    """A live supplier."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    name: str
    tax_id: str | None
    contact_name: str | None
    email: str | None
    phone: str | None
    lead_time_days: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class PurchaseOrderRecord:
    """A purchase order and where it stands."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    supplier_id: uuid.UUID
    status: PurchaseOrderStatus
    expected_on: date | None
    notes: str
    sent_at: datetime | None
    received_at: datetime | None
    cancelled_at: datetime | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class PurchaseOrderItemRecord:
    """One line of a purchase order."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    purchase_order_id: uuid.UUID
    ingredient_id: uuid.UUID | None
    product_id: uuid.UUID | None
    quantity: Decimal
    unit_cost: Decimal
    expires_on: date | None
    position: int

    @property
    def item(self) -> StockItem:
        """The ingredient or product ordered."""
        return StockItem(self.ingredient_id, self.product_id)

    @property
    def line_total(self) -> Decimal:
        """Quantity times unit cost, exact."""
        return self.quantity * self.unit_cost


@dataclass(frozen=True, slots=True)
class DeliveryRecord:
    """The receipt of a purchase order."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    purchase_order_id: uuid.UUID
    received_by: str | None
    notes: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class OrderLine:
    """A line of a purchase order to create, as given (the service checks it)."""

    item: StockItem
    quantity: Decimal
    unit_cost: Decimal
    expires_on: date | None
