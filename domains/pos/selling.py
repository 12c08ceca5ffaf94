"""Sales at the counter: one coordinated write across pos, sales and inventory.

`record_sale` writes, in the caller's transaction, the POS transaction and its lines, one sales
record per line (channel POS) and the stock taken out of inventory (one `stock.consume` for every
product, oldest expiry first). Any refusal or crash undoes all of it: the mutation's savepoint
covers the three domains. The session row is locked FOR SHARE: sales on one session run side by
side, while closing it (FOR UPDATE) waits for them and makes later sales find it CLOSED.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

import structlog
from sqlalchemy.ext.asyncio import AsyncConnection

from domains.inventory import service as inventory
from domains.inventory import stock
from domains.inventory.kinds import MovementKind
from domains.inventory.records import StockItem
from domains.kernel.errors import OperationRefused, Problem
from domains.kernel.inputs import InputCheck
from domains.pos import service
from domains.pos.models import PaymentMethod, PosSessionStatus
from domains.pos.records import (
    PosTransactionLineRecord,
    PosTransactionRecord,
    SaleLineInput,
)
from domains.pos.repository import tills, transactions
from domains.sales import service as sales
from domains.sales.kinds import SalesChannel
from domains.sales.records import CENT, QUANTITY_PLACES, SaleLine, within_places

log = structlog.get_logger()

MAX_LINES = 100
TenantKey = tuple[uuid.UUID, uuid.UUID]


def _check_lines(check: InputCheck, lines: Sequence[SaleLineInput]) -> None:
    check.count(lines, field="lines", at_least=1, at_most=MAX_LINES)
    for position, line in enumerate(lines):
        field = f"lines.{position}.quantity"
        check.decimal(line.quantity, field=field, positive=True)
        if line.quantity.is_finite() and not within_places(line.quantity, QUANTITY_PLACES):
            check.refuse(field, "Give at most 3 decimal places.")
        if line.unit_price is not None:
            service.money(check, line.unit_price, field=f"lines.{position}.unitPrice")


async def _priced(
    connection: AsyncConnection, tenant_id: uuid.UUID, lines: Sequence[SaleLineInput]
) -> list[SaleLine]:
    """The lines with their unit price (the product's sale price unless given); NOT_FOUND for
    each line whose product is not live in this bakery."""
    ids = list(dict.fromkeys(line.product_id for line in lines))
    products = {
        product.id: product
        for product in await inventory.get_products(connection, [(tenant_id, i) for i in ids])
    }
    missing = [
        Problem(
            "NOT_FOUND",
            f"No such product in this bakery: {line.product_id}.",
            f"lines.{position}.productId",
        )
        for position, line in enumerate(lines)
        if line.product_id not in products
    ]
    if missing:
        raise OperationRefused(*missing)
    return [
        SaleLine(
            product_id=line.product_id,
            quantity=line.quantity,
            unit_price=(
                line.unit_price
                if line.unit_price is not None
                else products[line.product_id].sale_price
            ),
        )
        for line in lines
    ]


def _needs(lines: Sequence[SaleLine]) -> dict[StockItem, Decimal]:
    """Quantity of each product the sale takes out of stock (lines of one product added up)."""
    needs: dict[StockItem, Decimal] = defaultdict(Decimal)
    for line in lines:
        needs[StockItem.product(line.product_id)] += line.quantity
    return dict(needs)


async def record_sale(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    session_id: uuid.UUID,
    payment_method: PaymentMethod,
    lines: Sequence[SaleLineInput],
    actor: str,
) -> PosTransactionRecord:
    """A sale of 1 to 100 lines in an OPEN session: the transaction, its sales records and the
    stock taken, all or nothing (INSUFFICIENT_STOCK naming the product when stock is short).

    Unit prices are before tax; the tax is the configured rate of the subtotal, to the cent.
    """
    check = InputCheck()
    _check_lines(check, lines)
    check.done()
    session = await tills.lock_session(
        connection, tenant_id=tenant_id, session_id=session_id, shared=True
    )
    if session is None:
        raise service.not_found("till session", "sessionId")
    if session.status is not PosSessionStatus.OPEN:
        raise service.session_closed()
    priced = await _priced(connection, tenant_id, lines)
    configuration = await service.get_configuration(connection, tenant_id=tenant_id)
    subtotal = sum((line.total for line in priced), Decimal(0))
    tax = (subtotal * configuration.tax_rate).quantize(CENT, rounding=ROUND_HALF_UP)
    transaction_id = uuid.uuid4()
    # Stock first: a shortage refuses the sale before anything else is written.
    await stock.consume(
        connection,
        tenant_id=tenant_id,
        needs=_needs(priced),
        kind=MovementKind.OUT,
        actor=actor,
        reason=f"POS sale {transaction_id}",
    )
    transaction = await transactions.insert_transaction(
        connection,
        tenant_id=tenant_id,
        transaction_id=transaction_id,
        session_id=session_id,
        payment_method=payment_method,
        subtotal=subtotal,
        tax=tax,
        created_by=actor,
    )
    await transactions.insert_lines(
        connection, tenant_id=tenant_id, transaction_id=transaction_id, lines=priced
    )
    await sales.record_sales(
        connection,
        tenant_id=tenant_id,
        lines=priced,
        channel=SalesChannel.POS,
        pos_transaction_id=transaction_id,
        sold_at=transaction.created_at,
    )
    log.info(
        "pos.sale.recorded",
        tenant_id=str(tenant_id),
        session_id=str(session_id),
        id=str(transaction_id),
        lines=len(priced),
    )
    return transaction


async def transactions_of(
    connection: AsyncConnection, keys: Sequence[TenantKey]
) -> list[PosTransactionRecord]:
    """Transactions of each (tenant id, session id), oldest first."""
    return await transactions.transactions_of(connection, keys)


async def lines_of(
    connection: AsyncConnection, keys: Sequence[TenantKey]
) -> list[PosTransactionLineRecord]:
    """Lines of each (tenant id, transaction id), in the order they were given."""
    return await transactions.lines_of(connection, keys)
