"""Purchase orders from draft to receipt. Functions take a connection, never commit.

DRAFT -> SENT -> RECEIVED, and DRAFT or SENT -> CANCELLED; nothing else. Each status change
locks the order's row first, so two concurrent receipts of one order queue up and the second
finds it RECEIVED instead of adding the stock again.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncConnection

from db.pagination import AnySelect
from domains.inventory import service as inventory
from domains.inventory import stock
from domains.kernel.errors import OperationRefused, Problem
from domains.kernel.inputs import InputCheck
from domains.suppliers import service
from domains.suppliers.models import PurchaseOrderStatus
from domains.suppliers.records import (
    DeliveryRecord,
    OrderLine,
    PurchaseOrderItemRecord,
    PurchaseOrderRecord,
)
from domains.suppliers.repository import purchase_orders as repository

log = structlog.get_logger()

MAX_ITEMS = 100
MAX_NOTES_LENGTH = 2_000
TenantKey = tuple[uuid.UUID, uuid.UUID]

Status = PurchaseOrderStatus
# The statuses each status can be reached from.
_REACHED_FROM = {
    Status.SENT: {Status.DRAFT},
    Status.RECEIVED: {Status.SENT},
    Status.CANCELLED: {Status.DRAFT, Status.SENT},
}


def _item_field(position: int, line: OrderLine | PurchaseOrderItemRecord) -> str:
    name = "ingredientId" if line.item.ingredient_id is not None else "productId"
    return f"items.{position}.{name}"


def _check_lines(
    check: InputCheck, lines: Sequence[OrderLine], *, today: date, expected_on: date | None
) -> None:
    check.count(lines, field="items", at_least=1, at_most=MAX_ITEMS)
    for position, line in enumerate(lines):
        check.decimal(line.quantity, field=f"items.{position}.quantity", positive=True)
        check.decimal(line.unit_cost, field=f"items.{position}.unitCost", not_negative=True)
        if line.expires_on is None:
            continue
        if line.expires_on < today:
            check.refuse(f"items.{position}.expiresOn", "The expiry date is in the past.")
        elif expected_on is not None and line.expires_on < expected_on:
            check.refuse(f"items.{position}.expiresOn", "The goods would expire before delivery.")


async def _missing_items(
    connection: AsyncConnection, tenant_id: uuid.UUID, lines: Sequence[OrderLine]
) -> list[Problem]:
    """NOT_FOUND for each line whose ingredient or product is not live in this tenant."""
    ingredients = [
        (tenant_id, line.item.ingredient_id) for line in lines if line.item.ingredient_id
    ]
    products = [(tenant_id, line.item.product_id) for line in lines if line.item.product_id]
    live = {
        record.id
        for record in (
            await inventory.get_ingredients(connection, ingredients) if ingredients else []
        )
    }
    live |= {
        record.id
        for record in (await inventory.get_products(connection, products) if products else [])
    }
    return [
        Problem("NOT_FOUND", f"No such item in this bakery: {line.item.id}.", _item_field(i, line))
        for i, line in enumerate(lines)
        if line.item.id not in live
    ]


async def create_purchase_order(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    supplier_id: uuid.UUID,
    expected_on: date | None,
    notes: str,
    lines: Sequence[OrderLine],
    today: date,
) -> PurchaseOrderRecord:
    """A DRAFT order of 1 to 100 lines to a live supplier, each of a live ingredient or product."""
    check = InputCheck()
    cleaned_notes = check.long_text(notes, field="notes", max_length=MAX_NOTES_LENGTH)
    _check_lines(check, lines, today=today, expected_on=expected_on)
    check.done()
    problems = await _missing_items(connection, tenant_id, lines)
    try:
        await service.require_supplier(
            connection, tenant_id=tenant_id, supplier_id=supplier_id, field="supplierId"
        )
    except OperationRefused as refused:
        problems = [*refused.problems, *problems]
    if problems:
        raise OperationRefused(*problems)
    order = await repository.insert_purchase_order(
        connection,
        tenant_id=tenant_id,
        supplier_id=supplier_id,
        expected_on=expected_on,
        notes=cleaned_notes,
    )
    await repository.insert_items(
        connection, tenant_id=tenant_id, purchase_order_id=order.id, lines=lines
    )
    log.info(
        "suppliers.purchase_order.created",
        tenant_id=str(tenant_id),
        id=str(order.id),
        items=len(lines),
    )
    return order


async def _lock_for(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, purchase_order_id: uuid.UUID, to: Status
) -> PurchaseOrderRecord:
    """The order, locked, if it may move to `to`; NOT_FOUND or INVALID_TRANSITION otherwise."""
    order = await repository.lock_purchase_order(
        connection, tenant_id=tenant_id, purchase_order_id=purchase_order_id
    )
    if order is None:
        raise OperationRefused.because("NOT_FOUND", "No such purchase order in this bakery.", "id")
    if order.status not in _REACHED_FROM[to]:
        allowed = " or ".join(sorted(status.value for status in _REACHED_FROM[to]))
        raise OperationRefused.because(
            "INVALID_TRANSITION",
            f"This purchase order is {order.status.value}; only a {allowed} one can become "
            f"{to.value}.",
        )
    return order


async def _move(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, purchase_order_id: uuid.UUID, to: Status
) -> PurchaseOrderRecord:
    await _lock_for(connection, tenant_id=tenant_id, purchase_order_id=purchase_order_id, to=to)
    moved = await repository.set_status(
        connection, tenant_id=tenant_id, purchase_order_id=purchase_order_id, status=to
    )
    log.info(
        "suppliers.purchase_order.status_changed",
        tenant_id=str(tenant_id),
        id=str(purchase_order_id),
        status=to.value,
    )
    return moved


async def send_purchase_order(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, purchase_order_id: uuid.UUID
) -> PurchaseOrderRecord:
    """DRAFT -> SENT: the order went to the supplier and can no longer change."""
    return await _move(
        connection, tenant_id=tenant_id, purchase_order_id=purchase_order_id, to=Status.SENT
    )


async def cancel_purchase_order(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, purchase_order_id: uuid.UUID
) -> PurchaseOrderRecord:
    """DRAFT or SENT -> CANCELLED: nothing will be received."""
    return await _move(
        connection, tenant_id=tenant_id, purchase_order_id=purchase_order_id, to=Status.CANCELLED
    )


def _about_line(problem: Problem, position: int, line: PurchaseOrderItemRecord) -> Problem:
    """A refusal of inventory about one line, naming the line's field."""
    if problem.field is None:
        return problem
    if problem.field == "item":
        field = _item_field(position, line)
    else:
        field = f"items.{position}.{problem.field}"
    return Problem(problem.code, problem.message, field)


async def receive_purchase_order(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    purchase_order_id: uuid.UUID,
    notes: str,
    actor: str,
    today: date,
) -> PurchaseOrderRecord:
    """SENT -> RECEIVED: one stock lot per line, the delivery, the status; all or nothing.

    Each lot carries the line's cost and expiry, the supplier and the order, received `today`.
    A line inventory refuses (its item deleted since, already expired) refuses the whole receipt.
    """
    check = InputCheck()
    cleaned_notes = check.long_text(notes, field="notes", max_length=MAX_NOTES_LENGTH)
    check.done()
    order = await _lock_for(
        connection, tenant_id=tenant_id, purchase_order_id=purchase_order_id, to=Status.RECEIVED
    )
    lines = await repository.items_of(connection, [(tenant_id, order.id)])
    for position, line in enumerate(lines):
        try:
            await stock.receive(
                connection,
                tenant_id=tenant_id,
                item=line.item,
                quantity=line.quantity,
                unit_cost=line.unit_cost,
                received_on=today,
                expires_on=line.expires_on,
                actor=actor,
                supplier_id=order.supplier_id,
                purchase_order_id=order.id,
            )
        except OperationRefused as refused:
            raise OperationRefused(
                *(_about_line(problem, position, line) for problem in refused.problems)
            ) from None
    await repository.insert_delivery(
        connection,
        tenant_id=tenant_id,
        purchase_order_id=order.id,
        received_by=actor,
        notes=cleaned_notes,
    )
    received = await repository.set_status(
        connection, tenant_id=tenant_id, purchase_order_id=order.id, status=Status.RECEIVED
    )
    log.info(
        "suppliers.purchase_order.received",
        tenant_id=str(tenant_id),
        id=str(order.id),
        lots=len(lines),
    )
    return received


async def items_of(
    connection: AsyncConnection, keys: Sequence[TenantKey]
) -> list[PurchaseOrderItemRecord]:
    """Items of each (tenant id, purchase order id), in the order they were given."""
    return await repository.items_of(connection, keys)


async def deliveries_of(
    connection: AsyncConnection, keys: Sequence[TenantKey]
) -> list[DeliveryRecord]:
    """The delivery of each (tenant id, purchase order id) received."""
    return await repository.deliveries_of(connection, keys)


async def latest_of_suppliers(
    connection: AsyncConnection, keys: Sequence[TenantKey], *, limit: int
) -> list[PurchaseOrderRecord]:
    """The `limit` latest purchase orders of each (tenant id, supplier id), newest first."""
    return await repository.latest_of_suppliers(connection, keys, limit=limit)


def purchase_orders_query(
    tenant_id: uuid.UUID,
    *,
    status: PurchaseOrderStatus | None = None,
    supplier_id: uuid.UUID | None = None,
    expected_from: date | None = None,
    expected_to: date | None = None,
) -> AnySelect:
    """The statement listing a tenant's purchase orders (for paging)."""
    return repository.purchase_orders_query(
        tenant_id,
        status=status,
        supplier_id=supplier_id,
        expected_from=expected_from,
        expected_to=expected_to,
    )


PURCHASE_ORDER_ORDER: tuple[Any, ...] = repository.PURCHASE_ORDER_ORDER
