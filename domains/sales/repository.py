"""All SQL of the sales domain."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, Uuid, any_, bindparam, cast, func, insert, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncConnection

from db.pagination import AnySelect
from db.prepared import PreparedSelect
from db.records import record_reader
from domains.sales.kinds import SalesChannel
from domains.sales.models import SalesRecord
from domains.sales.records import DaySummary, ProductSummary, SaleLine, SaleRecord

SALE = (
    SalesRecord.id,
    SalesRecord.tenant_id,
    SalesRecord.product_id,
    SalesRecord.quantity,
    SalesRecord.unit_price,
    SalesRecord.total,
    SalesRecord.sold_at,
    SalesRecord.channel,
    SalesRecord.pos_transaction_id,
    SalesRecord.created_at,
)
SALE_ORDER: tuple[Any, ...] = (SalesRecord.sold_at, SalesRecord.id)
# Days are UTC days: a sale at 23:30 in Madrid (UTC+1) counts on that day, at 00:30 on the next.
SALE_DAY = cast(func.timezone("UTC", SalesRecord.sold_at), Date)


sale_record = record_reader(SaleRecord, SALE)


async def insert_sales(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    lines: Sequence[SaleLine],
    channel: SalesChannel,
    pos_transaction_id: uuid.UUID | None,
    sold_at: datetime,
) -> list[SaleRecord]:
    """Insert one sales record per line, in one statement, in the lines' order."""
    ids = [uuid.uuid4() for _ in lines]
    statement = (
        insert(SalesRecord)
        .values(
            [
                {
                    "tenant_id": tenant_id,
                    "id": record_id,
                    "product_id": line.product_id,
                    "quantity": line.quantity,
                    "unit_price": line.unit_price,
                    "total": line.total,
                    "sold_at": sold_at,
                    "channel": channel,
                    "pos_transaction_id": pos_transaction_id,
                }
                for record_id, line in zip(ids, lines, strict=True)
            ]
        )
        .returning(*SALE)
    )
    by_id = {record.id: record for record in map(sale_record, await connection.execute(statement))}
    return [by_id[record_id] for record_id in ids]


def _within(
    statement: AnySelect, tenant_id: uuid.UUID, since: datetime | None, until: datetime | None
) -> AnySelect:
    statement = statement.where(SalesRecord.tenant_id == tenant_id)
    if since is not None:
        statement = statement.where(SalesRecord.sold_at >= since)
    if until is not None:
        statement = statement.where(SalesRecord.sold_at < until)
    return statement


def sales_query(
    tenant_id: uuid.UUID,
    *,
    since: datetime | None,
    until: datetime | None,
    product_id: uuid.UUID | None,
    channel: SalesChannel | None,
) -> AnySelect:
    """Sales of a tenant sold in [since, until), optionally of one product and channel."""
    statement = _within(select(*SALE), tenant_id, since, until)
    if product_id is not None:
        statement = statement.where(SalesRecord.product_id == product_id)
    if channel is not None:
        statement = statement.where(SalesRecord.channel == channel)
    return statement


_IN_PERIOD = (
    SalesRecord.tenant_id == bindparam("tenant_id"),
    SalesRecord.sold_at >= bindparam("since"),
    SalesRecord.sold_at < bindparam("until"),
)
_DAY = SALE_DAY.label("day")
_BY_DAY = PreparedSelect(
    select(_DAY, func.sum(SalesRecord.quantity), func.sum(SalesRecord.total), func.count())
    .where(*_IN_PERIOD)
    .group_by(_DAY)
    .order_by(_DAY),
    make=DaySummary,
)
_PRODUCT_TOTAL = func.sum(SalesRecord.total)
_BY_PRODUCT = PreparedSelect(
    select(SalesRecord.product_id, func.sum(SalesRecord.quantity), _PRODUCT_TOTAL, func.count())
    .where(*_IN_PERIOD)
    .group_by(SalesRecord.product_id)
    .order_by(_PRODUCT_TOTAL.desc(), SalesRecord.product_id),
    make=ProductSummary,
)


async def summary_by_day(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, since: datetime, until: datetime
) -> list[DaySummary]:
    """Quantity, total and count of the sales of each UTC day with sales in [since, until)."""
    return await _BY_DAY.all(connection, {"tenant_id": tenant_id, "since": since, "until": until})


async def summary_by_product(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, since: datetime, until: datetime
) -> list[ProductSummary]:
    """Quantity, total and count of each product sold in [since, until), best sellers first."""
    values = {"tenant_id": tenant_id, "since": since, "until": until}
    return await _BY_PRODUCT.all(connection, values)


async def daily_quantities(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    product_ids: Sequence[uuid.UUID],
    since: datetime,
    until: datetime,
) -> list[tuple[uuid.UUID, date, Decimal]]:
    """(product, UTC day, quantity sold) of each of these products' days with sales in
    [since, until)."""
    day = SALE_DAY.label("day")
    statement = _within(
        select(SalesRecord.product_id, day, func.sum(SalesRecord.quantity)),
        tenant_id,
        since,
        until,
    ).where(SalesRecord.product_id == any_(bindparam(None, list(product_ids), type_=ARRAY(Uuid))))
    statement = statement.group_by(SalesRecord.product_id, day).order_by(
        SalesRecord.product_id, day
    )
    return [(row[0], row[1], row[2]) for row in await connection.execute(statement)]
