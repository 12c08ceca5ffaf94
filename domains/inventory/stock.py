"""Stock operations other domains build on: receive, consume (FIFO by expiry), adjust, waste.

Each takes the caller's connection and never commits, so a production batch or a purchase order
receipt moves stock inside the same transaction as its own writes: all or nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncConnection

from db.pagination import AnySelect
from domains.alerts import service as alerts
from domains.alerts.records import StockLevel
from domains.inventory.kinds import AlertStatus, MovementKind
from domains.inventory.records import (
    IngredientRecord,
    LotRecord,
    MovementRecord,
    StockChange,
    StockItem,
)
from domains.inventory.repository import catalog, stock
from domains.kernel.errors import OperationRefused, Problem
from domains.kernel.inputs import InputCheck

log = structlog.get_logger()

TenantItem = tuple[uuid.UUID, StockItem]


async def _names(
    connection: AsyncConnection, tenant_id: uuid.UUID, items: Sequence[StockItem]
) -> dict[StockItem, str]:
    """Names of the live items among `items` (the absent ones are deleted or foreign)."""
    ingredients = [(tenant_id, i.ingredient_id) for i in items if i.ingredient_id]
    products = [(tenant_id, i.product_id) for i in items if i.product_id]
    names = {
        StockItem.ingredient(r.id): r.name
        for r in (await catalog.get_ingredients(connection, ingredients) if ingredients else [])
    }
    names |= {
        StockItem.product(r.id): r.name
        for r in (await catalog.get_products(connection, products) if products else [])
    }
    return names


async def _require_items(
    connection: AsyncConnection, tenant_id: uuid.UUID, items: Sequence[StockItem], field: str
) -> dict[StockItem, str]:
    names = await _names(connection, tenant_id, items)
    missing = [item for item in items if item not in names]
    if missing:
        raise OperationRefused(
            *(
                Problem("NOT_FOUND", f"No such item in this bakery: {item.id}.", field)
                for item in missing
            )
        )
    return names


async def receive(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    item: StockItem,
    quantity: Decimal,
    unit_cost: Decimal,
    received_on: date,
    expires_on: date | None = None,
    kind: MovementKind = MovementKind.IN,
    reason: str | None = None,
    actor: str,
    supplier_id: uuid.UUID | None = None,
    purchase_order_id: uuid.UUID | None = None,
    production_batch_id: uuid.UUID | None = None,
) -> tuple[LotRecord, MovementRecord]:
    """Add a lot of a live item and record the movement; resolves its low-stock alert."""
    check = InputCheck()
    check.decimal(quantity, field="quantity", positive=True)
    check.decimal(unit_cost, field="unitCost", not_negative=True)
    if expires_on is not None and expires_on < received_on:
        check.refuse("expiresOn", "The expiry date is before the day of receipt.")
    check.done()
    await _require_items(connection, tenant_id, [item], "item")
    lot = await stock.insert_lot(
        connection,
        tenant_id=tenant_id,
        values={
            "ingredient_id": item.ingredient_id,
            "product_id": item.product_id,
            "quantity": quantity,
            "unit_cost": unit_cost,
            "received_on": received_on,
            "expires_on": expires_on,
            "supplier_id": supplier_id,
            "purchase_order_id": purchase_order_id,
            "production_batch_id": production_batch_id,
        },
    )
    [movement] = await stock.insert_movements(
        connection,
        [
            {
                "tenant_id": tenant_id,
                "ingredient_id": item.ingredient_id,
                "product_id": item.product_id,
                "lot_id": lot.id,
                "kind": kind,
                "quantity": quantity,
                "reason": reason,
                "purchase_order_id": purchase_order_id,
                "production_batch_id": production_batch_id,
                "created_by": actor,
            }
        ],
    )
    if item.ingredient_id is not None:
        await stock.refresh_alerts(
            connection, tenant_id=tenant_id, ingredient_ids=[item.ingredient_id]
        )
    return lot, movement


async def _report_levels(
    connection: AsyncConnection, tenant_id: uuid.UUID, ingredient_ids: list[uuid.UUID], actor: str
) -> None:
    """Tell the alerts domain how much is left of the ingredients stock was taken from, in this
    transaction: the alerts it raises stand or fall with the stock change."""
    levels = await stock.ingredient_levels(
        connection, tenant_id=tenant_id, ingredient_ids=ingredient_ids
    )
    await alerts.stock_levels_changed(
        connection,
        tenant_id=tenant_id,
        levels=[StockLevel(*level) for level in levels],
        actor=actor,
    )


def _allocate(
    lots: Sequence[LotRecord], needs: Mapping[StockItem, Decimal]
) -> tuple[dict[uuid.UUID, tuple[StockItem, Decimal]], dict[StockItem, Decimal]]:
    """Draws per lot (first lots first) and, per item, the quantity that could not be covered."""
    left = dict(needs)
    draws: dict[uuid.UUID, tuple[StockItem, Decimal]] = {}
    for lot in lots:
        item = StockItem(lot.ingredient_id, lot.product_id)
        wanted = left.get(item, Decimal(0))
        if wanted <= 0:
            continue
        taken = min(wanted, lot.quantity)
        draws[lot.id] = (item, taken)
        left[item] = wanted - taken
    return draws, {item: short for item, short in left.items() if short > 0}


async def consume(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    needs: Mapping[StockItem, Decimal],
    kind: MovementKind,
    actor: str,
    reason: str | None = None,
    production_batch_id: uuid.UUID | None = None,
) -> StockChange:
    """Take quantities of several items out of stock, oldest expiry first, all or nothing.

    The lots are locked first, so two consumptions of the same stock queue up instead of both
    seeing it. Not enough of any item: INSUFFICIENT_STOCK naming each such item, and nothing
    is taken. Returns the movements written (one per lot touched) and their cost.
    """
    check = InputCheck()
    for quantity in needs.values():
        check.decimal(quantity, field="quantity", positive=True)
    check.done()
    items = list(needs)
    names = await _require_items(connection, tenant_id, items, "item")
    lots = await stock.lock_available_lots(connection, tenant_id=tenant_id, items=items)
    draws, shortfalls = _allocate(lots, needs)
    if shortfalls:
        raise OperationRefused(
            *(
                Problem(
                    "INSUFFICIENT_STOCK",
                    f"Not enough {names[item]}: {needs[item] - short} in stock, "
                    f"{needs[item]} needed.",
                )
                for item, short in shortfalls.items()
            )
        )
    await stock.draw_from_lots(
        connection,
        tenant_id=tenant_id,
        draws={lot_id: quantity for lot_id, (_, quantity) in draws.items()},
    )
    costs = {lot.id: lot.unit_cost for lot in lots}
    movements = await stock.insert_movements(
        connection,
        [
            {
                "tenant_id": tenant_id,
                "ingredient_id": item.ingredient_id,
                "product_id": item.product_id,
                "lot_id": lot_id,
                "kind": kind,
                "quantity": -quantity,
                "reason": reason,
                "production_batch_id": production_batch_id,
                "created_by": actor,
            }
            for lot_id, (item, quantity) in draws.items()
        ],
    )
    ingredient_ids = [item.ingredient_id for item in items if item.ingredient_id]
    if ingredient_ids:
        await stock.refresh_alerts(connection, tenant_id=tenant_id, ingredient_ids=ingredient_ids)
        await _report_levels(connection, tenant_id, ingredient_ids, actor)
    cost = sum((costs[lot_id] * quantity for lot_id, (_, quantity) in draws.items()), Decimal(0))
    return StockChange(movements=movements, cost=cost)


async def adjust(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    item: StockItem,
    delta: Decimal,
    reason: str,
    actor: str,
    unit_cost: Decimal | None = None,
    expires_on: date | None = None,
    today: date,
) -> StockChange:
    """Correct the stock of an item by `delta` (a count found different from the books).

    Up: a new lot at `unit_cost` (default: the cost of the item's latest lot). Down: taken from
    the lots like any consumption; stock never goes below zero.
    """
    check = InputCheck()
    check.decimal(delta, field="quantity")
    cleaned_reason = check.text(reason, field="reason", max_length=500)
    check.done()
    if delta < 0:
        return await consume(
            connection,
            tenant_id=tenant_id,
            needs={item: -delta},
            kind=MovementKind.ADJUSTMENT,
            actor=actor,
            reason=cleaned_reason,
        )
    if unit_cost is None:
        unit_cost = await stock.latest_unit_cost(connection, tenant_id=tenant_id, item=item)
    lot, movement = await receive(
        connection,
        tenant_id=tenant_id,
        item=item,
        quantity=delta,
        unit_cost=unit_cost if unit_cost is not None else Decimal(0),
        received_on=today,
        expires_on=expires_on,
        kind=MovementKind.ADJUSTMENT,
        reason=cleaned_reason,
        actor=actor,
    )
    return StockChange(movements=[movement], cost=lot.unit_cost * delta)


async def record_waste(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    item: StockItem,
    quantity: Decimal,
    reason: str,
    actor: str,
) -> StockChange:
    """Take spoiled or lost stock out, oldest expiry first."""
    check = InputCheck()
    check.decimal(quantity, field="quantity", positive=True)
    cleaned_reason = check.text(reason, field="reason", max_length=500)
    check.done()
    change = await consume(
        connection,
        tenant_id=tenant_id,
        needs={item: quantity},
        kind=MovementKind.WASTE,
        actor=actor,
        reason=cleaned_reason,
    )
    log.info("inventory.waste.recorded", tenant_id=str(tenant_id), item=str(item.id))
    return change


async def on_hand(
    connection: AsyncConnection, keys: Sequence[TenantItem]
) -> dict[TenantItem, Decimal]:
    """Stock left per (tenant id, item); items with no stock are absent."""
    return await stock.on_hand(connection, keys)


async def ingredients_with_stock(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[tuple[IngredientRecord, Decimal]]:
    """Live ingredients by (tenant id, id) with their stock left, in one read."""
    return await stock.ingredients_with_stock(connection, keys)


async def unit_costs(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> dict[tuple[uuid.UUID, uuid.UUID], Decimal]:
    """Current unit cost per (tenant id, ingredient id): weighted by what remains of each lot."""
    return await stock.unit_costs(connection, keys)


async def lots_in_stock(connection: AsyncConnection, keys: Sequence[TenantItem]) -> list[LotRecord]:
    """Lots with stock left, in the order they will be used."""
    return await stock.lots_in_stock(connection, keys)


async def recent_movements(
    connection: AsyncConnection, keys: Sequence[TenantItem], *, limit: int
) -> list[MovementRecord]:
    """The latest `limit` movements of each item."""
    return await stock.recent_movements(connection, keys, limit=limit)


def movements_query(
    tenant_id: uuid.UUID,
    *,
    item: StockItem | None = None,
    kind: MovementKind | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> AnySelect:
    """The statement listing a tenant's movements (for paging)."""
    return stock.movements_query(tenant_id, item=item, kind=kind, since=since, until=until)


def alert_filters(tenant_id: uuid.UUID, *, status: AlertStatus | None = None) -> dict[str, Any]:
    """The values `ALERT_PAGES` filters by: a tenant's stock alerts, optionally of one status."""
    return {"tenant_id": tenant_id, "status": status}


MOVEMENT_ORDER: tuple[Any, ...] = stock.MOVEMENT_ORDER
ALERT_PAGES = stock.ALERT_PAGES
