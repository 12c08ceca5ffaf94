"""SQL of sales at the counter: transactions and their lines."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from db.keys import tenant_keys
from db.records import record_reader
from domains.pos.models import PaymentMethod, PosTransaction, PosTransactionLine
from domains.pos.records import PosTransactionLineRecord, PosTransactionRecord
from domains.sales.records import SaleLine

TRANSACTION = (
    PosTransaction.id,
    PosTransaction.tenant_id,
    PosTransaction.session_id,
    PosTransaction.payment_method,
    PosTransaction.subtotal,
    PosTransaction.tax,
    PosTransaction.total,
    PosTransaction.created_by,
    PosTransaction.created_at,
)
LINE = (
    PosTransactionLine.id,
    PosTransactionLine.tenant_id,
    PosTransactionLine.transaction_id,
    PosTransactionLine.product_id,
    PosTransactionLine.quantity,
    PosTransactionLine.unit_price,
    PosTransactionLine.line_total,
    PosTransactionLine.position,
)


transaction_record = record_reader(PosTransactionRecord, TRANSACTION)
line_record = record_reader(PosTransactionLineRecord, LINE)


async def insert_transaction(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    transaction_id: uuid.UUID,
    session_id: uuid.UUID,
    payment_method: PaymentMethod,
    subtotal: Decimal,
    tax: Decimal,
    created_by: str,
) -> PosTransactionRecord:
    """Insert a transaction (its total is subtotal plus tax)."""
    statement = (
        insert(PosTransaction)
        .values(
            tenant_id=tenant_id,
            id=transaction_id,
            session_id=session_id,
            payment_method=payment_method,
            subtotal=subtotal,
            tax=tax,
            total=subtotal + tax,
            created_by=created_by,
        )
        .returning(*TRANSACTION)
    )
    return transaction_record((await connection.execute(statement)).one())


async def insert_lines(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    transaction_id: uuid.UUID,
    lines: Sequence[SaleLine],
) -> None:
    """Insert the lines of a transaction in their order, in one statement."""
    await connection.execute(
        insert(PosTransactionLine).values(
            [
                {
                    "tenant_id": tenant_id,
                    "id": uuid.uuid4(),
                    "transaction_id": transaction_id,
                    "product_id": line.product_id,
                    "quantity": line.quantity,
                    "unit_price": line.unit_price,
                    "line_total": line.total,
                    "position": position,
                }
                for position, line in enumerate(lines)
            ]
        )
    )


async def cash_taken(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, session_id: uuid.UUID
) -> Decimal:
    """Sum of the totals of the session's cash transactions."""
    statement = select(func.coalesce(func.sum(PosTransaction.total), 0)).where(
        PosTransaction.tenant_id == tenant_id,
        PosTransaction.session_id == session_id,
        PosTransaction.payment_method == PaymentMethod.CASH,
    )
    return Decimal(await connection.scalar(statement) or 0)


async def transactions_of(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[PosTransactionRecord]:
    """Transactions of each (tenant id, session id), oldest first."""
    statement = (
        select(*TRANSACTION)
        .where(tenant_keys(PosTransaction.tenant_id, PosTransaction.session_id, keys))
        .order_by(PosTransaction.created_at, PosTransaction.id)
    )
    return [transaction_record(row) for row in await connection.execute(statement)]


async def lines_of(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[PosTransactionLineRecord]:
    """Lines of each (tenant id, transaction id), in the order they were given."""
    statement = (
        select(*LINE)
        .where(tenant_keys(PosTransactionLine.tenant_id, PosTransactionLine.transaction_id, keys))
        .order_by(PosTransactionLine.transaction_id, PosTransactionLine.position)
    )
    return [line_record(row) for row in await connection.execute(statement)]
