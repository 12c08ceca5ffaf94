"""What the recipes domain hands out: plain records, never table rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from domains.inventory.units import Unit


@dataclass(frozen=True, slots=True)
class RecipeRecord:
    """A live recipe."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    product_id: uuid.UUID
    name: str
    yield_quantity: Decimal
    yield_unit: Unit
    instructions: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class RecipeLineRecord:
    """One line of a recipe: how much of an ingredient one batch of the recipe uses."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    recipe_id: uuid.UUID
    ingredient_id: uuid.UUID
    quantity: Decimal
    unit: Unit
    position: int


@dataclass(frozen=True, slots=True)
class RecipeLine:
    """A line as a caller gives it (before it is checked and stored)."""

    ingredient_id: uuid.UUID
    quantity: Decimal
    unit: Unit


@dataclass(frozen=True, slots=True)
class ProductionRecipe:
    """A live recipe with its lines in order: what production needs to make a batch."""

    recipe: RecipeRecord
    lines: list[RecipeLineRecord]
