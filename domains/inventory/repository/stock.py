"""SQL of stock: lots, movements, on-hand quantities, costs and low-stock alerts."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Numeric,
    and_,
    bindparam,
    case,
    func,
    insert,
    literal,
    select,
    text,
    type_coerce,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from db.keys import tenant_keys
from db.pagination import AnySelect, PageRead
from db.prepared import TenantKeyRead
from db.records import record_reader
from domains.inventory.kinds import AlertStatus, MovementKind
from domains.inventory.models import Ingredient, StockAlert, StockLot, StockMovement
from domains.inventory.records import (
    AlertRecord,
    IngredientRecord,
    LotRecord,
    MovementRecord,
    StockItem,
)
from domains.inventory.repository.catalog import INGREDIENT

LOT = (
    StockLot.id,
    StockLot.tenant_id,
    StockLot.ingredient_id,
    StockLot.product_id,
    StockLot.initial_quantity,
    StockLot.quantity,
    StockLot.unit_cost,
    StockLot.received_on,
    StockLot.expires_on,
    StockLot.supplier_id,
    StockLot.purchase_order_id,
    StockLot.production_batch_id,
)
MOVEMENT = (
    StockMovement.id,
    StockMovement.tenant_id,
    StockMovement.ingredient_id,
    StockMovement.product_id,
    StockMovement.lot_id,
    StockMovement.kind,
    StockMovement.quantity,
    StockMovement.reason,
    StockMovement.production_batch_id,
    StockMovement.purchase_order_id,
    StockMovement.created_by,
    StockMovement.created_at,
)
ALERT = (
    StockAlert.id,
    StockAlert.tenant_id,
    StockAlert.ingredient_id,
    StockAlert.status,
    StockAlert.on_hand,
    StockAlert.reorder_point,
    StockAlert.created_at,
    StockAlert.resolved_at,
)
# First in, first out by expiry: what expires first is used first; lots without expiry last.
FIFO = (
    StockLot.expires_on.asc().nulls_last(),
    StockLot.received_on,
    StockLot.created_at,
    StockLot.id,
)
MOVEMENT_ORDER: tuple[Any, ...] = (StockMovement.created_at, StockMovement.id)
ALERT_ORDER: tuple[Any, ...] = (StockAlert.created_at, StockAlert.id)


lot_record = record_reader(LotRecord, LOT)


movement_record = record_reader(MovementRecord, MOVEMENT)


alert_record = record_reader(AlertRecord, ALERT)


def _of_items(items: Sequence[StockItem]) -> Any:
    """Rows of stock_lots about any of `items`."""
    ingredients = [item.ingredient_id for item in items if item.ingredient_id]
    products = [item.product_id for item in items if item.product_id]
    return (StockLot.ingredient_id.in_(ingredients)) | (StockLot.product_id.in_(products))


async def lock_available_lots(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, items: Sequence[StockItem]
) -> list[LotRecord]:
    """The lots of `items` with stock left, locked until the transaction ends, FIFO order."""
    statement = (
        select(*LOT)
        .where(StockLot.tenant_id == tenant_id, StockLot.quantity > 0, _of_items(items))
        .order_by(*FIFO)
        .with_for_update()
    )
    return [lot_record(row) for row in await connection.execute(statement)]


async def draw_from_lots(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, draws: Mapping[uuid.UUID, Decimal]
) -> None:
    """Take the given quantity out of each lot, in one statement."""
    taken = case(
        {lot_id: literal(quantity, Numeric) for lot_id, quantity in draws.items()},
        value=StockLot.id,
    )
    await connection.execute(
        update(StockLot)
        .where(StockLot.tenant_id == tenant_id, StockLot.id.in_(list(draws)))
        .values(quantity=StockLot.quantity - taken)
    )


async def insert_lot(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, values: Mapping[str, Any]
) -> LotRecord:
    """Insert a lot whose whole quantity is still there."""
    statement = (
        insert(StockLot)
        .values(
            tenant_id=tenant_id,
            id=uuid.uuid4(),
            initial_quantity=values["quantity"],
            **values,
        )
        .returning(*LOT)
    )
    return lot_record((await connection.execute(statement)).one())


async def insert_movements(
    connection: AsyncConnection, rows: Sequence[Mapping[str, Any]]
) -> list[MovementRecord]:
    """Insert movements (each row has tenant_id, an item, kind, quantity, ...), in one statement."""
    if not rows:
        return []
    statement = (
        insert(StockMovement)
        .values([{"id": uuid.uuid4(), **row} for row in rows])
        .returning(*MOVEMENT)
    )
    return [movement_record(row) for row in await connection.execute(statement)]


def _item_quantity(
    tenant_id: uuid.UUID,
    ingredient_id: uuid.UUID | None,
    product_id: uuid.UUID | None,
    quantity: Decimal,
) -> tuple[tuple[uuid.UUID, StockItem], Decimal]:
    return (tenant_id, StockItem(ingredient_id, product_id)), quantity


_ON_HAND = TenantKeyRead(
    select(
        StockLot.tenant_id,
        StockLot.ingredient_id,
        StockLot.product_id,
        func.sum(StockLot.quantity).label("quantity"),
    ).group_by(StockLot.tenant_id, StockLot.ingredient_id, StockLot.product_id),
    tenant=StockLot.tenant_id,
    key=func.coalesce(StockLot.ingredient_id, StockLot.product_id),
    make=_item_quantity,
)


async def on_hand(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, StockItem]]
) -> dict[tuple[uuid.UUID, StockItem], Decimal]:
    """Stock left per (tenant id, item); items without stock are absent."""
    return dict(await _ON_HAND.fetch(connection, [(t, item.id) for t, item in keys]))


def _with_stock(*values: Any) -> tuple[IngredientRecord, Decimal]:
    return IngredientRecord(*values[:-1]), values[-1]


_INGREDIENTS_WITH_STOCK = TenantKeyRead(
    select(
        *INGREDIENT,
        select(func.coalesce(func.sum(StockLot.quantity), 0))
        .where(StockLot.tenant_id == Ingredient.tenant_id, StockLot.ingredient_id == Ingredient.id)
        .scalar_subquery(),
    ).where(Ingredient.deleted_at.is_(None)),
    tenant=Ingredient.tenant_id,
    key=Ingredient.id,
    make=_with_stock,
)


async def ingredients_with_stock(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[tuple[IngredientRecord, Decimal]]:
    """Live ingredients by (tenant id, id), each with its stock left (zero without stock)."""
    return await _INGREDIENTS_WITH_STOCK.fetch(connection, keys)


async def unit_costs(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> dict[tuple[uuid.UUID, uuid.UUID], Decimal]:
    """Current cost of one unit per (tenant id, ingredient id).

    The average of the lots in stock, weighted by what remains of each; with nothing in stock,
    the cost of the latest lot received. Ingredients never received are absent.
    """
    remaining = func.sum(StockLot.quantity)
    latest_cost = type_coerce(
        func.array_agg(
            aggregate_order_by(
                StockLot.unit_cost, StockLot.received_on.desc(), StockLot.created_at.desc()
            )
        ),
        ARRAY(Numeric),
    )[1]
    statement = (
        select(
            StockLot.tenant_id,
            StockLot.ingredient_id,
            case(
                (remaining > 0, func.sum(StockLot.quantity * StockLot.unit_cost) / remaining),
                else_=latest_cost,
            ).label("cost"),
        )
        .where(tenant_keys(StockLot.tenant_id, StockLot.ingredient_id, keys))
        .group_by(StockLot.tenant_id, StockLot.ingredient_id)
    )
    return {
        (row.tenant_id, row.ingredient_id): row.cost for row in await connection.execute(statement)
    }


async def lots_in_stock(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, StockItem]]
) -> list[LotRecord]:
    """Lots with stock left of each (tenant id, item), in the order they will be used."""
    item_id = func.coalesce(StockLot.ingredient_id, StockLot.product_id)
    statement = (
        select(*LOT)
        .where(
            tenant_keys(StockLot.tenant_id, item_id, [(t, i.id) for t, i in keys]),
            StockLot.quantity > 0,
        )
        .order_by(*FIFO)
    )
    return [lot_record(row) for row in await connection.execute(statement)]


async def latest_unit_cost(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, item: StockItem
) -> Decimal | None:
    """The unit cost of the item's most recent lot."""
    statement = (
        select(StockLot.unit_cost)
        .where(StockLot.tenant_id == tenant_id, _of_items([item]))
        .order_by(StockLot.received_on.desc(), StockLot.created_at.desc())
        .limit(1)
    )
    cost: Decimal | None = await connection.scalar(statement)
    return cost


async def recent_movements(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, StockItem]], *, limit: int
) -> list[MovementRecord]:
    """The `limit` latest movements of each (tenant id, item), newest first, in one statement."""
    item_id = func.coalesce(StockMovement.ingredient_id, StockMovement.product_id)
    rank = (
        func.row_number()
        .over(
            partition_by=(StockMovement.tenant_id, item_id),
            order_by=(StockMovement.created_at.desc(), StockMovement.id.desc()),
        )
        .label("rank")
    )
    ranked = (
        select(*MOVEMENT, rank)
        .where(tenant_keys(StockMovement.tenant_id, item_id, [(t, i.id) for t, i in keys]))
        .subquery()
    )
    statement = (
        select(*(ranked.c[column.key] for column in MOVEMENT))
        .where(ranked.c.rank <= limit)
        .order_by(ranked.c.created_at.desc(), ranked.c.id.desc())
    )
    return [movement_record(row) for row in await connection.execute(statement)]


def movements_query(
    tenant_id: uuid.UUID,
    *,
    item: StockItem | None,
    kind: MovementKind | None,
    since: datetime | None,
    until: datetime | None,
) -> AnySelect:
    """Movements of a tenant, optionally of one item, one kind, within [since, until)."""
    statement: AnySelect = select(*MOVEMENT).where(StockMovement.tenant_id == tenant_id)
    if item is not None and item.ingredient_id is not None:
        statement = statement.where(StockMovement.ingredient_id == item.ingredient_id)
    if item is not None and item.product_id is not None:
        statement = statement.where(StockMovement.product_id == item.product_id)
    if kind is not None:
        statement = statement.where(StockMovement.kind == kind)
    if since is not None:
        statement = statement.where(StockMovement.created_at >= since)
    if until is not None:
        statement = statement.where(StockMovement.created_at < until)
    return statement


async def refresh_alerts(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, ingredient_ids: Sequence[uuid.UUID]
) -> None:
    """Open an alert for each live ingredient now below its reorder point (unless one is open);
    resolve the open alerts of those back at or above it. Two statements for any number."""
    stock = (
        select(StockLot.ingredient_id, func.sum(StockLot.quantity).label("on_hand"))
        .where(StockLot.tenant_id == tenant_id, StockLot.ingredient_id.in_(ingredient_ids))
        .group_by(StockLot.ingredient_id)
        .subquery()
    )
    level = func.coalesce(stock.c.on_hand, 0)
    below = (
        select(
            Ingredient.tenant_id,
            func.gen_random_uuid(),
            Ingredient.id,
            literal(AlertStatus.OPEN.value),
            level,
            Ingredient.reorder_point,
        )
        .select_from(Ingredient)
        .outerjoin(stock, stock.c.ingredient_id == Ingredient.id)
        .where(
            Ingredient.tenant_id == tenant_id,
            Ingredient.id.in_(ingredient_ids),
            Ingredient.deleted_at.is_(None),
            level < Ingredient.reorder_point,
        )
    )
    await connection.execute(
        pg_insert(StockAlert)
        .from_select(
            ["tenant_id", "id", "ingredient_id", "status", "on_hand", "reorder_point"], below
        )
        .on_conflict_do_nothing(
            index_elements=["tenant_id", "ingredient_id"],
            # Literal, as in the index: PostgreSQL matches the predicate by its text.
            index_where=text("status = 'OPEN'"),
        )
    )
    recovered = (
        select(Ingredient.id)
        .select_from(Ingredient)
        .outerjoin(stock, stock.c.ingredient_id == Ingredient.id)
        .where(
            Ingredient.tenant_id == tenant_id,
            Ingredient.id.in_(ingredient_ids),
            level >= Ingredient.reorder_point,
        )
    )
    await connection.execute(
        update(StockAlert)
        .where(
            and_(
                StockAlert.tenant_id == tenant_id,
                StockAlert.status == AlertStatus.OPEN,
                StockAlert.ingredient_id.in_(recovered),
            )
        )
        .values(status=AlertStatus.RESOLVED, resolved_at=func.now())
    )


async def ingredient_levels(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, ingredient_ids: Sequence[uuid.UUID]
) -> list[tuple[uuid.UUID, str, Decimal, Decimal]]:
    """(id, name, stock left, reorder point) of each live ingredient among these, in one
    statement."""
    left = (
        select(func.coalesce(func.sum(StockLot.quantity), 0))
        .where(StockLot.tenant_id == Ingredient.tenant_id, StockLot.ingredient_id == Ingredient.id)
        .scalar_subquery()
    )
    statement = select(Ingredient.id, Ingredient.name, left, Ingredient.reorder_point).where(
        Ingredient.tenant_id == tenant_id,
        Ingredient.id.in_(ingredient_ids),
        Ingredient.deleted_at.is_(None),
    )
    return [(row[0], row[1], row[2], row[3]) for row in await connection.execute(statement)]


def _alerts(given: frozenset[str]) -> AnySelect:
    statement: AnySelect = select(*ALERT).where(StockAlert.tenant_id == bindparam("tenant_id"))
    if "status" in given:
        statement = statement.where(StockAlert.status == bindparam("status"))
    return statement


ALERT_PAGES = PageRead(_alerts, order_by=ALERT_ORDER, record=AlertRecord)
"""Stock alerts of a tenant, oldest first, optionally of one status."""
