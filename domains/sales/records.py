"""What the sales domain hands out: plain records, never table rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from domains.sales.kinds import SalesChannel

CENT = Decimal("0.01")
MONEY_PLACES = 2  # what MONEY (NUMERIC(12, 2)) holds
QUANTITY_PLACES = 3  # what QUANTITY (NUMERIC(14, 3)) holds


def within_places(value: Decimal, places: int) -> bool:
    """True when `value` has at most `places` decimal places (the database would round more)."""
    exponent = value.normalize().as_tuple().exponent if value.is_finite() else 0
    return isinstance(exponent, int) and exponent >= -places


def line_total(quantity: Decimal, unit_price: Decimal) -> Decimal:
    """Quantity times unit price, rounded half up to the cent (what MONEY holds)."""
    return (quantity * unit_price).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class SaleLine:
    """A product sold, as another domain hands it to `record_sales`."""

    product_id: uuid.UUID
    quantity: Decimal
    unit_price: Decimal

    @property
    def total(self) -> Decimal:
        """Quantity times unit price, to the cent."""
        return line_total(self.quantity, self.unit_price)


@dataclass(frozen=True, slots=True)
class SaleRecord:
    """One recorded sale of a product."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    product_id: uuid.UUID
    quantity: Decimal
    unit_price: Decimal
    total: Decimal
    sold_at: datetime
    channel: SalesChannel
    pos_transaction_id: uuid.UUID | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class DaySummary:
    """Sales of one day (UTC)."""

    day: date
    quantity: Decimal
    total: Decimal
    count: int


@dataclass(frozen=True, slots=True)
class ProductSummary:
    """Sales of one product over a period."""

    product_id: uuid.UUID
    quantity: Decimal
    total: Decimal
    count: int
