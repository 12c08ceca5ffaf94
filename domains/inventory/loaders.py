"""Per-request DataLoaders of the inventory domain, keyed by tenant so no key crosses tenants."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncConnection

from domains.inventory import service, stock
from domains.inventory.records import (
    IngredientRecord,
    LotRecord,
    MovementRecord,
    ProductRecord,
    StockItem,
)
from domains.kernel.loaders import Loader

TenantKey = tuple[uuid.UUID, uuid.UUID]
TenantItem = tuple[uuid.UUID, StockItem]
MovementsKey = tuple[uuid.UUID, StockItem, int]


class IngredientByIdLoader(Loader[TenantKey, IngredientRecord | None]):
    """Live ingredients by (tenant id, id); deleted ones load as None."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[TenantKey]
    ) -> Mapping[TenantKey, IngredientRecord | None]:
        found = await service.get_ingredients(connection, keys)
        return {(record.tenant_id, record.id): record for record in found}


class StockedIngredientByIdLoader(Loader[TenantKey, IngredientRecord | None]):
    """Live ingredients by (tenant id, id), read with their stock in one statement.

    For lists that show both: the ingredient and on-hand loaders are primed with what it read,
    so their fields find it loaded.
    """

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[TenantKey]
    ) -> Mapping[TenantKey, IngredientRecord | None]:
        found: dict[TenantKey, IngredientRecord | None] = dict.fromkeys(keys)
        on_hand = self.siblings.get(OnHandByItemLoader)
        for record, quantity in await stock.ingredients_with_stock(connection, keys):
            found[(record.tenant_id, record.id)] = record
            on_hand.prime((record.tenant_id, StockItem.ingredient(record.id)), quantity)
        ingredients = self.siblings.get(IngredientByIdLoader)
        for key, ingredient in found.items():
            ingredients.prime(key, ingredient)
        return found


class ProductByIdLoader(Loader[TenantKey, ProductRecord | None]):
    """Live products by (tenant id, id); deleted ones load as None."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[TenantKey]
    ) -> Mapping[TenantKey, ProductRecord | None]:
        found = await service.get_products(connection, keys)
        return {(record.tenant_id, record.id): record for record in found}


class OnHandByItemLoader(Loader[TenantItem, Decimal]):
    """Stock left of each (tenant id, item); zero when there is none."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[TenantItem]
    ) -> Mapping[TenantItem, Decimal]:
        return await stock.on_hand(connection, keys)

    def missing(self) -> Decimal:
        return Decimal(0)


class LotsInStockByItemLoader(Loader[TenantItem, list[LotRecord]]):
    """Lots with stock left of each (tenant id, item), in the order they will be used."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[TenantItem]
    ) -> Mapping[TenantItem, list[LotRecord]]:
        grouped: dict[TenantItem, list[LotRecord]] = defaultdict(list)
        for lot in await stock.lots_in_stock(connection, keys):
            grouped[(lot.tenant_id, StockItem(lot.ingredient_id, lot.product_id))].append(lot)
        return grouped

    def missing(self) -> list[LotRecord]:
        return []


class RecentMovementsByItemLoader(Loader[MovementsKey, list[MovementRecord]]):
    """The latest movements of each (tenant id, item, how many), newest first."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[MovementsKey]
    ) -> Mapping[MovementsKey, list[MovementRecord]]:
        grouped: dict[MovementsKey, list[MovementRecord]] = defaultdict(list)
        by_limit: dict[int, list[TenantItem]] = defaultdict(list)
        for tenant_id, item, limit in keys:
            by_limit[limit].append((tenant_id, item))
        for limit, items in by_limit.items():
            for movement in await stock.recent_movements(connection, items, limit=limit):
                item = StockItem(movement.ingredient_id, movement.product_id)
                grouped[(movement.tenant_id, item, limit)].append(movement)
        return grouped

    def missing(self) -> list[MovementRecord]:
        return []


class UnitCostByIngredientLoader(Loader[TenantKey, Decimal | None]):
    """Current unit cost of each (tenant id, ingredient id); None if it was never received."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[TenantKey]
    ) -> Mapping[TenantKey, Decimal | None]:
        return await stock.unit_costs(connection, keys)
