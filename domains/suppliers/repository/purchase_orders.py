"""SQL of purchase orders, their items and their deliveries."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from db.keys import tenant_keys
from db.pagination import AnySelect
from db.records import record_reader
from db.soft_delete import Trashable
from domains.suppliers.models import (
    Delivery,
    PurchaseOrder,
    PurchaseOrderItem,
    PurchaseOrderStatus,
)
from domains.suppliers.records import (
    DeliveryRecord,
    OrderLine,
    PurchaseOrderItemRecord,
    PurchaseOrderRecord,
)

PURCHASE_ORDERS = Trashable("purchase_order", PurchaseOrder, label="status")
PURCHASE_ORDER = (
    PurchaseOrder.id,
    PurchaseOrder.tenant_id,
    PurchaseOrder.supplier_id,
    PurchaseOrder.status,
    PurchaseOrder.expected_on,
    PurchaseOrder.notes,
    PurchaseOrder.sent_at,
    PurchaseOrder.received_at,
    PurchaseOrder.cancelled_at,
    PurchaseOrder.created_at,
    PurchaseOrder.updated_at,
)
ITEM = (
    PurchaseOrderItem.id,
    PurchaseOrderItem.tenant_id,
    PurchaseOrderItem.purchase_order_id,
    PurchaseOrderItem.ingredient_id,
    PurchaseOrderItem.product_id,
    PurchaseOrderItem.quantity,
    PurchaseOrderItem.unit_cost,
    PurchaseOrderItem.expires_on,
    PurchaseOrderItem.position,
)
DELIVERY = (
    Delivery.id,
    Delivery.tenant_id,
    Delivery.purchase_order_id,
    Delivery.received_by,
    Delivery.notes,
    Delivery.created_at,
)

# Keyset cursors need a sort key without NULLs: the expected day as a day number, orders
# without one after every dated order (a date minus a date is an integer in PostgreSQL).
_EPOCH = literal(date(1970, 1, 1))
_UNDATED = 2**31 - 1
EXPECTED_DAY = func.coalesce(PurchaseOrder.expected_on - _EPOCH, _UNDATED)
PURCHASE_ORDER_ORDER: tuple[Any, ...] = (EXPECTED_DAY, PurchaseOrder.created_at, PurchaseOrder.id)

# The timestamp each status change stamps.
_STAMPED = {
    PurchaseOrderStatus.SENT: "sent_at",
    PurchaseOrderStatus.RECEIVED: "received_at",
    PurchaseOrderStatus.CANCELLED: "cancelled_at",
}


purchase_order_record = record_reader(PurchaseOrderRecord, PURCHASE_ORDER)


item_record = record_reader(PurchaseOrderItemRecord, ITEM)


delivery_record = record_reader(DeliveryRecord, DELIVERY)


async def insert_purchase_order(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    supplier_id: uuid.UUID,
    expected_on: date | None,
    notes: str,
) -> PurchaseOrderRecord:
    """Insert a DRAFT purchase order."""
    statement = (
        insert(PurchaseOrder)
        .values(
            tenant_id=tenant_id,
            id=uuid.uuid4(),
            supplier_id=supplier_id,
            status=PurchaseOrderStatus.DRAFT,
            expected_on=expected_on,
            notes=notes,
        )
        .returning(*PURCHASE_ORDER)
    )
    return purchase_order_record((await connection.execute(statement)).one())


async def insert_items(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    purchase_order_id: uuid.UUID,
    lines: Sequence[OrderLine],
) -> list[PurchaseOrderItemRecord]:
    """Insert the lines of a purchase order in their order, in one statement."""
    statement = (
        insert(PurchaseOrderItem)
        .values(
            [
                {
                    "tenant_id": tenant_id,
                    "id": uuid.uuid4(),
                    "purchase_order_id": purchase_order_id,
                    "ingredient_id": line.item.ingredient_id,
                    "product_id": line.item.product_id,
                    "quantity": line.quantity,
                    "unit_cost": line.unit_cost,
                    "expires_on": line.expires_on,
                    "position": position,
                }
                for position, line in enumerate(lines)
            ]
        )
        .returning(*ITEM)
    )
    items = [item_record(row) for row in await connection.execute(statement)]
    return sorted(items, key=lambda item: item.position)


async def lock_purchase_order(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, purchase_order_id: uuid.UUID
) -> PurchaseOrderRecord | None:
    """The purchase order, locked until the transaction ends (status changes queue up)."""
    statement = (
        select(*PURCHASE_ORDER)
        .where(
            PurchaseOrder.tenant_id == tenant_id,
            PurchaseOrder.id == purchase_order_id,
            PurchaseOrder.deleted_at.is_(None),
        )
        .with_for_update()
    )
    row = (await connection.execute(statement)).first()
    return purchase_order_record(row) if row is not None else None


async def set_status(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    purchase_order_id: uuid.UUID,
    status: PurchaseOrderStatus,
) -> PurchaseOrderRecord:
    """Move a purchase order to `status`, stamping when it happened."""
    values: dict[str, Any] = {"status": status}
    if status in _STAMPED:
        values[_STAMPED[status]] = func.now()
    statement = (
        update(PurchaseOrder)
        .where(PurchaseOrder.tenant_id == tenant_id, PurchaseOrder.id == purchase_order_id)
        .values(**values)
        .returning(*PURCHASE_ORDER)
    )
    return purchase_order_record((await connection.execute(statement)).one())


async def insert_delivery(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    purchase_order_id: uuid.UUID,
    received_by: str,
    notes: str,
) -> DeliveryRecord:
    """Record the receipt of a purchase order."""
    statement = (
        insert(Delivery)
        .values(
            tenant_id=tenant_id,
            id=uuid.uuid4(),
            purchase_order_id=purchase_order_id,
            received_by=received_by,
            notes=notes,
        )
        .returning(*DELIVERY)
    )
    return delivery_record((await connection.execute(statement)).one())


async def items_of(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[PurchaseOrderItemRecord]:
    """Items of each (tenant id, purchase order id), in the order they were given."""
    statement = (
        select(*ITEM)
        .where(tenant_keys(PurchaseOrderItem.tenant_id, PurchaseOrderItem.purchase_order_id, keys))
        .order_by(PurchaseOrderItem.purchase_order_id, PurchaseOrderItem.position)
    )
    return [item_record(row) for row in await connection.execute(statement)]


async def deliveries_of(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[DeliveryRecord]:
    """Deliveries of each (tenant id, purchase order id)."""
    statement = select(*DELIVERY).where(
        tenant_keys(Delivery.tenant_id, Delivery.purchase_order_id, keys)
    )
    return [delivery_record(row) for row in await connection.execute(statement)]


async def latest_of_suppliers(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]], *, limit: int
) -> list[PurchaseOrderRecord]:
    """The `limit` latest purchase orders of each (tenant id, supplier id), newest first,
    in one statement."""
    rank = (
        func.row_number()
        .over(
            partition_by=(PurchaseOrder.tenant_id, PurchaseOrder.supplier_id),
            order_by=(PurchaseOrder.created_at.desc(), PurchaseOrder.id.desc()),
        )
        .label("rank")
    )
    ranked = (
        select(*PURCHASE_ORDER, rank)
        .where(
            tenant_keys(PurchaseOrder.tenant_id, PurchaseOrder.supplier_id, keys),
            PurchaseOrder.deleted_at.is_(None),
        )
        .subquery()
    )
    statement = (
        select(*(ranked.c[column.key] for column in PURCHASE_ORDER))
        .where(ranked.c.rank <= limit)
        .order_by(ranked.c.created_at.desc(), ranked.c.id.desc())
    )
    return [purchase_order_record(row) for row in await connection.execute(statement)]


def purchase_orders_query(
    tenant_id: uuid.UUID,
    *,
    status: PurchaseOrderStatus | None,
    supplier_id: uuid.UUID | None,
    expected_from: date | None,
    expected_to: date | None,
) -> AnySelect:
    """Purchase orders of a tenant, optionally of one status and supplier, expected within
    [expected_from, expected_to] (both days included)."""
    statement: AnySelect = select(*PURCHASE_ORDER).where(
        PurchaseOrder.tenant_id == tenant_id, PurchaseOrder.deleted_at.is_(None)
    )
    if status is not None:
        statement = statement.where(PurchaseOrder.status == status)
    if supplier_id is not None:
        statement = statement.where(PurchaseOrder.supplier_id == supplier_id)
    if expected_from is not None:
        statement = statement.where(PurchaseOrder.expected_on >= expected_from)
    if expected_to is not None:
        statement = statement.where(PurchaseOrder.expected_on <= expected_to)
    return statement
