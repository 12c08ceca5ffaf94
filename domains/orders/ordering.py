"""Customer orders from creation to delivery. Functions take a connection, never commit.

PENDING -> CONFIRMED -> IN_PRODUCTION -> READY -> DELIVERED, and PENDING, CONFIRMED or
IN_PRODUCTION -> CANCELLED; nothing else. Every change is appended to the order's history.
Each change locks the order's row first, so two concurrent changes of one order queue up and
the second sees the status the first left instead of both moving from the same one.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncConnection

from domains.inventory import service as inventory
from domains.kernel.errors import OperationRefused, Problem
from domains.kernel.inputs import MAX_DECIMAL, InputCheck
from domains.orders import service
from domains.orders.models import OrderStatus
from domains.orders.records import (
    OrderItemRecord,
    OrderLine,
    OrderRecord,
    PricedLine,
    StatusChangeRecord,
)
from domains.orders.repository import orders as repository

log = structlog.get_logger()

MAX_ITEMS = 100
MAX_NOTES_LENGTH = 2_000
MAX_NOTE_LENGTH = 500
MAX_MONEY = Decimal("9999999999.99")  # what MONEY (NUMERIC(12, 2)) holds
CENT = Decimal("0.01")
QUANTITY_STEP = Decimal("0.001")  # what QUANTITY (NUMERIC(14, 3)) keeps
TenantKey = tuple[uuid.UUID, uuid.UUID]

Status = OrderStatus
# The statuses each status can be reached from.
REACHED_FROM: dict[OrderStatus, frozenset[OrderStatus]] = {
    Status.PENDING: frozenset(),
    Status.CONFIRMED: frozenset({Status.PENDING}),
    Status.IN_PRODUCTION: frozenset({Status.CONFIRMED}),
    Status.READY: frozenset({Status.IN_PRODUCTION}),
    Status.DELIVERED: frozenset({Status.READY}),
    Status.CANCELLED: frozenset({Status.PENDING, Status.CONFIRMED, Status.IN_PRODUCTION}),
}


def _check_lines(check: InputCheck, lines: Sequence[OrderLine]) -> None:
    check.count(lines, field="items", at_least=1, at_most=MAX_ITEMS)
    for position, line in enumerate(lines):
        field = f"items.{position}.quantity"
        quantity = check.decimal(line.quantity, field=field, positive=True)
        in_range = quantity.is_finite() and 0 < quantity <= MAX_DECIMAL
        if in_range and quantity != quantity.quantize(QUANTITY_STEP):
            check.refuse(field, "Give at most 3 decimals.")


def _line_total(quantity: Decimal, unit_price: Decimal) -> Decimal:
    """Quantity times price, rounded to the cent (half up), as the bakery bills it."""
    return (quantity * unit_price).quantize(CENT, rounding=ROUND_HALF_UP)


async def _priced_lines(
    connection: AsyncConnection, tenant_id: uuid.UUID, lines: Sequence[OrderLine]
) -> tuple[list[PricedLine], list[Problem]]:
    """Each line at its product's current sale price; NOT_FOUND for products not live here."""
    keys = [(tenant_id, line.product_id) for line in lines]
    products = {product.id: product for product in await inventory.get_products(connection, keys)}
    priced: list[PricedLine] = []
    problems: list[Problem] = []
    for position, line in enumerate(lines):
        product = products.get(line.product_id)
        if product is None:
            problems.append(
                Problem(
                    "NOT_FOUND",
                    f"No such product in this bakery: {line.product_id}.",
                    f"items.{position}.productId",
                )
            )
            continue
        line_total = _line_total(line.quantity, product.sale_price)
        if line_total > MAX_MONEY:
            problems.append(
                Problem("INVALID_INPUT", "This line would cost too much.", f"items.{position}")
            )
        priced.append(PricedLine(product.id, line.quantity, product.sale_price, line_total))
    return priced, problems


async def create_order(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    customer_id: uuid.UUID,
    delivery_date: date,
    notes: str,
    lines: Sequence[OrderLine],
    actor: str,
    today: date,
) -> OrderRecord:
    """A PENDING order of 1 to 100 lines of live products for a live customer.

    Each line is priced at its product's sale price now; the totals are fixed here, so a later
    price change does not alter the order. The history starts with the move to PENDING.
    """
    check = InputCheck()
    cleaned_notes = check.long_text(notes, field="notes", max_length=MAX_NOTES_LENGTH)
    if delivery_date < today:
        check.refuse("deliveryDate", "The delivery date is in the past.")
    _check_lines(check, lines)
    check.done()
    priced, problems = await _priced_lines(connection, tenant_id, lines)
    try:
        await service.require_customer(
            connection, tenant_id=tenant_id, customer_id=customer_id, field="customerId"
        )
    except OperationRefused as refused:
        problems = [*refused.problems, *problems]
    subtotal = sum((line.line_total for line in priced), Decimal(0))
    if not problems and subtotal > MAX_MONEY:
        problems.append(Problem("INVALID_INPUT", "This order would cost too much.", "items"))
    if problems:
        raise OperationRefused(*problems)
    order = await repository.insert_order(
        connection,
        tenant_id=tenant_id,
        customer_id=customer_id,
        delivery_date=delivery_date,
        notes=cleaned_notes,
        subtotal=subtotal,
        total=subtotal,  # no discounts or taxes yet: the total is the subtotal
    )
    await repository.insert_items(connection, tenant_id=tenant_id, order_id=order.id, lines=priced)
    await repository.insert_status_change(
        connection,
        tenant_id=tenant_id,
        order_id=order.id,
        from_status=None,
        to_status=Status.PENDING,
        changed_by=actor,
        note="",
    )
    log.info(
        "orders.order.created",
        tenant_id=str(tenant_id),
        id=str(order.id),
        items=len(priced),
    )
    return order


async def change_status(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    order_id: uuid.UUID,
    to: OrderStatus,
    note: str | None,
    actor: str,
    note_field: str = "note",
) -> OrderRecord:
    """Move an order to `to` if its status allows it, and record the move in its history."""
    check = InputCheck()
    cleaned_note = check.long_text(note or "", field=note_field, max_length=MAX_NOTE_LENGTH)
    check.done()
    order = await repository.lock_order(connection, tenant_id=tenant_id, order_id=order_id)
    if order is None:
        raise OperationRefused.because("NOT_FOUND", "No such order in this bakery.", "id")
    if order.status not in REACHED_FROM[to]:
        raise OperationRefused.because(
            "INVALID_TRANSITION",
            f"This order is {order.status.value}; it cannot become {to.value}.",
        )
    moved = await repository.set_status(
        connection, tenant_id=tenant_id, order_id=order_id, status=to
    )
    await repository.insert_status_change(
        connection,
        tenant_id=tenant_id,
        order_id=order_id,
        from_status=order.status,
        to_status=to,
        changed_by=actor,
        note=cleaned_note,
    )
    log.info(
        "orders.order.status_changed",
        tenant_id=str(tenant_id),
        id=str(order_id),
        status=to.value,
    )
    return moved


async def cancel_order(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    order_id: uuid.UUID,
    reason: str | None,
    actor: str,
) -> OrderRecord:
    """PENDING, CONFIRMED or IN_PRODUCTION -> CANCELLED, the reason kept in the history."""
    return await change_status(
        connection,
        tenant_id=tenant_id,
        order_id=order_id,
        to=Status.CANCELLED,
        note=reason,
        actor=actor,
        note_field="reason",
    )


async def items_of(connection: AsyncConnection, keys: Sequence[TenantKey]) -> list[OrderItemRecord]:
    """Items of each (tenant id, order id), in the order they were given."""
    return await repository.items_of(connection, keys)


async def history_of(
    connection: AsyncConnection, keys: Sequence[TenantKey]
) -> list[StatusChangeRecord]:
    """Status changes of each (tenant id, order id), oldest first."""
    return await repository.history_of(connection, keys)


def order_filters(
    tenant_id: uuid.UUID,
    *,
    status: OrderStatus | None = None,
    customer_id: uuid.UUID | None = None,
    delivery_from: date | None = None,
    delivery_to: date | None = None,
) -> dict[str, Any]:
    """The values `ORDER_PAGES` filters by: a tenant's orders, optionally of one status and
    customer, delivered within [delivery_from, delivery_to]."""
    return repository.order_filters(
        tenant_id,
        status=status,
        customer_id=customer_id,
        delivery_from=delivery_from,
        delivery_to=delivery_to,
    )


ORDER_PAGES = repository.ORDER_PAGES
