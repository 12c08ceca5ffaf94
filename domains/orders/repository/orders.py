"""SQL of orders, their items and their status history."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from db.pagination import AnySelect, PageRead
from db.prepared import TenantKeyRead
from db.records import record_reader
from domains.orders.models import Order, OrderItem, OrderStatus, OrderStatusChange
from domains.orders.records import (
    OrderItemRecord,
    OrderRecord,
    PricedLine,
    StatusChangeRecord,
)

ORDER = (
    Order.id,
    Order.tenant_id,
    Order.customer_id,
    Order.status,
    Order.delivery_date,
    Order.notes,
    Order.subtotal,
    Order.total,
    Order.created_at,
    Order.updated_at,
)
ITEM = (
    OrderItem.id,
    OrderItem.tenant_id,
    OrderItem.order_id,
    OrderItem.product_id,
    OrderItem.quantity,
    OrderItem.unit_price,
    OrderItem.line_total,
    OrderItem.position,
)
STATUS_CHANGE = (
    OrderStatusChange.id,
    OrderStatusChange.tenant_id,
    OrderStatusChange.order_id,
    OrderStatusChange.position,
    OrderStatusChange.from_status,
    OrderStatusChange.to_status,
    OrderStatusChange.changed_by,
    OrderStatusChange.changed_at,
    OrderStatusChange.note,
)
ORDER_ORDER: tuple[Any, ...] = (Order.delivery_date, Order.created_at, Order.id)


order_record = record_reader(OrderRecord, ORDER)


item_record = record_reader(OrderItemRecord, ITEM)


status_change_record = record_reader(StatusChangeRecord, STATUS_CHANGE)
_ITEMS_BY_ORDER = TenantKeyRead(
    select(*ITEM).order_by(OrderItem.order_id, OrderItem.position),
    tenant=OrderItem.tenant_id,
    key=OrderItem.order_id,
    record=OrderItemRecord,
)
_HISTORY_BY_ORDER = TenantKeyRead(
    select(*STATUS_CHANGE).order_by(OrderStatusChange.order_id, OrderStatusChange.position),
    tenant=OrderStatusChange.tenant_id,
    key=OrderStatusChange.order_id,
    record=StatusChangeRecord,
)


async def insert_order(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    customer_id: uuid.UUID,
    delivery_date: date,
    notes: str,
    subtotal: Decimal,
    total: Decimal,
) -> OrderRecord:
    """Insert a PENDING order with its totals."""
    statement = (
        insert(Order)
        .values(
            tenant_id=tenant_id,
            id=uuid.uuid4(),
            customer_id=customer_id,
            status=OrderStatus.PENDING,
            delivery_date=delivery_date,
            notes=notes,
            subtotal=subtotal,
            total=total,
        )
        .returning(*ORDER)
    )
    return order_record((await connection.execute(statement)).one())


async def insert_items(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    order_id: uuid.UUID,
    lines: Sequence[PricedLine],
) -> None:
    """Insert the lines of an order in their order, in one statement."""
    statement = insert(OrderItem).values(
        [
            {
                "tenant_id": tenant_id,
                "id": uuid.uuid4(),
                "order_id": order_id,
                "product_id": line.product_id,
                "quantity": line.quantity,
                "unit_price": line.unit_price,
                "line_total": line.line_total,
                "position": position,
            }
            for position, line in enumerate(lines)
        ]
    )
    await connection.execute(statement)


async def insert_status_change(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    order_id: uuid.UUID,
    from_status: OrderStatus | None,
    to_status: OrderStatus,
    changed_by: str,
    note: str,
) -> None:
    """Append a change to an order's history, at the position after its last one."""
    next_position = (
        select(func.coalesce(func.max(OrderStatusChange.position) + 1, 0))
        .where(OrderStatusChange.tenant_id == tenant_id, OrderStatusChange.order_id == order_id)
        .scalar_subquery()
    )
    statement = insert(OrderStatusChange).values(
        tenant_id=tenant_id,
        id=uuid.uuid4(),
        order_id=order_id,
        position=next_position,
        from_status=from_status,
        to_status=to_status,
        changed_by=changed_by,
        note=note,
    )
    await connection.execute(statement)


async def lock_order(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, order_id: uuid.UUID
) -> OrderRecord | None:
    """The order, locked until the transaction ends (status changes queue up)."""
    statement = (
        select(*ORDER).where(Order.tenant_id == tenant_id, Order.id == order_id).with_for_update()
    )
    row = (await connection.execute(statement)).first()
    return order_record(row) if row is not None else None


async def set_status(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, order_id: uuid.UUID, status: OrderStatus
) -> OrderRecord:
    """Move an order to `status`."""
    statement = (
        update(Order)
        .where(Order.tenant_id == tenant_id, Order.id == order_id)
        .values(status=status)
        .returning(*ORDER)
    )
    return order_record((await connection.execute(statement)).one())


async def items_of(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[OrderItemRecord]:
    """Items of each (tenant id, order id), in the order they were given."""
    return await _ITEMS_BY_ORDER.fetch(connection, keys)


async def history_of(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[StatusChangeRecord]:
    """Status changes of each (tenant id, order id), oldest first."""
    return await _HISTORY_BY_ORDER.fetch(connection, keys)


def _orders(given: frozenset[str]) -> AnySelect:
    statement: AnySelect = select(*ORDER).where(Order.tenant_id == bindparam("tenant_id"))
    if "status" in given:
        statement = statement.where(Order.status == bindparam("status"))
    if "customer_id" in given:
        statement = statement.where(Order.customer_id == bindparam("customer_id"))
    if "delivery_from" in given:
        statement = statement.where(Order.delivery_date >= bindparam("delivery_from"))
    if "delivery_to" in given:
        statement = statement.where(Order.delivery_date <= bindparam("delivery_to"))
    return statement


ORDER_PAGES = PageRead(_orders, order_by=ORDER_ORDER, record=OrderRecord)
"""Orders of a tenant by delivery day, optionally of one status and customer, delivered within
[delivery_from, delivery_to] (both days included)."""


def order_filters(
    tenant_id: uuid.UUID,
    *,
    status: OrderStatus | None,
    customer_id: uuid.UUID | None,
    delivery_from: date | None,
    delivery_to: date | None,
) -> dict[str, Any]:
    """The values ORDER_PAGES filters by."""
    return {
        "tenant_id": tenant_id,
        "status": status,
        "customer_id": customer_id,
        "delivery_from": delivery_from,
        "delivery_to": delivery_to,
    }
