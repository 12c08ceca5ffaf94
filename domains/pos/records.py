"""What the point-of-sale domain hands out: plain records, never table rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from domains.pos.models import PaymentMethod, PosDeviceKind, PosSessionStatus


@dataclass(frozen=True, slots=True)
class PosConfigurationRecord:
    """How a bakery's tills work."""

    currency: str
    tax_rate: Decimal
    receipt_footer: str


DEFAULT_CONFIGURATION = PosConfigurationRecord(
    currency="EUR", tax_rate=Decimal("0"), receipt_footer=""
)
"""What a bakery that never configured its tills gets: euros, prices without tax."""


@dataclass(frozen=True, slots=True)
class PosDeviceRecord:
    """A till."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    name: str
    kind: PosDeviceKind
    active: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class PosSessionRecord:
    """A till session and its cash count."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    device_id: uuid.UUID
    status: PosSessionStatus
    opened_by: str
    closed_by: str | None
    opened_at: datetime
    closed_at: datetime | None
    opening_cash: Decimal
    closing_cash: Decimal | None
    expected_cash: Decimal | None
    cash_difference: Decimal | None


@dataclass(frozen=True, slots=True)
class PosTransactionRecord:
    """A sale at the counter."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    session_id: uuid.UUID
    payment_method: PaymentMethod
    subtotal: Decimal
    tax: Decimal
    total: Decimal
    created_by: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class PosTransactionLineRecord:
    """One product of a sale at the counter."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    transaction_id: uuid.UUID
    product_id: uuid.UUID
    quantity: Decimal
    unit_price: Decimal
    line_total: Decimal
    position: int


@dataclass(frozen=True, slots=True)
class SaleLineInput:
    """A line of a sale as given: the unit price defaults to the product's sale price."""

    product_id: uuid.UUID
    quantity: Decimal
    unit_price: Decimal | None
