"""What the inventory domain hands out: plain records, never table rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from domains.inventory.kinds import AlertStatus, MovementKind, ProductKind
from domains.inventory.units import Unit


@dataclass(frozen=True, slots=True)
class StockItem:
    """What a stock row is about: exactly one of an ingredient or a product."""

    ingredient_id: uuid.UUID | None = None
    product_id: uuid.UUID | None = None

    def __post_init__(self) -> None:
        if (self.ingredient_id is None) == (self.product_id is None):
            raise ValueError("a stock item is an ingredient or a product, not both or neither")

    @classmethod
    def ingredient(cls, ingredient_id: uuid.UUID) -> StockItem:
        """The ingredient with this id."""
        return cls(ingredient_id=ingredient_id)

    @classmethod
    def product(cls, product_id: uuid.UUID) -> StockItem:
        """The product with this id."""
        return cls(product_id=product_id)

    @property
    def id(self) -> uuid.UUID:
        """The ingredient's or product's id."""
        found = self.ingredient_id or self.product_id
        assert found is not None
        return found


@dataclass(frozen=True, slots=True)
class IngredientRecord:
    """A live ingredient."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    name: str
    category: str
    unit: Unit
    reorder_point: Decimal
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ProductRecord:
    """A live product."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    kind: ProductKind
    name: str
    unit: Unit
    sale_price: Decimal
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class LotRecord:
    """A stock lot and what remains of it."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    ingredient_id: uuid.UUID | None
    product_id: uuid.UUID | None
    initial_quantity: Decimal
    quantity: Decimal
    unit_cost: Decimal
    received_on: date
    expires_on: date | None
    supplier_id: uuid.UUID | None
    purchase_order_id: uuid.UUID | None
    production_batch_id: uuid.UUID | None


@dataclass(frozen=True, slots=True)
class MovementRecord:
    """One signed change of stock."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    ingredient_id: uuid.UUID | None
    product_id: uuid.UUID | None
    lot_id: uuid.UUID | None
    kind: MovementKind
    quantity: Decimal
    reason: str | None
    production_batch_id: uuid.UUID | None
    purchase_order_id: uuid.UUID | None
    created_by: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class AlertRecord:
    """A low-stock alert."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    ingredient_id: uuid.UUID
    status: AlertStatus
    on_hand: Decimal
    reorder_point: Decimal
    created_at: datetime
    resolved_at: datetime | None


@dataclass(frozen=True, slots=True)
class StockChange:
    """The movements one stock operation wrote and what they cost (consumptions)."""

    movements: list[MovementRecord]
    cost: Decimal
