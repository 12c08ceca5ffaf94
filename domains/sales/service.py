"""Sales: what was sold, when, through which channel. Functions take a connection, never commit.

Other domains record their sales here (`record_sales`); the product references are theirs to
check (the point of sale has just taken the products out of stock).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncConnection

from db.pagination import AnySelect
from domains.kernel.inputs import InputCheck
from domains.sales import repository
from domains.sales.kinds import SalesChannel
from domains.sales.records import (
    MONEY_PLACES,
    QUANTITY_PLACES,
    DaySummary,
    ProductSummary,
    SaleLine,
    SaleRecord,
    within_places,
)

log = structlog.get_logger()

MAX_LINES = 1_000


def _check_lines(check: InputCheck, lines: Sequence[SaleLine]) -> None:
    check.count(lines, field="lines", at_least=1, at_most=MAX_LINES)
    for position, line in enumerate(lines):
        check.decimal(line.quantity, field=f"lines.{position}.quantity", positive=True)
        check.decimal(line.unit_price, field=f"lines.{position}.unitPrice", not_negative=True)
        if not within_places(line.quantity, QUANTITY_PLACES):
            check.refuse(f"lines.{position}.quantity", "Give at most 3 decimal places.")
        if not within_places(line.unit_price, MONEY_PLACES):
            check.refuse(f"lines.{position}.unitPrice", "Give at most 2 decimal places.")


async def record_sales(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    lines: Sequence[SaleLine],
    channel: SalesChannel,
    pos_transaction_id: uuid.UUID | None,
    sold_at: datetime,
) -> list[SaleRecord]:
    """One sales record per line, sold at `sold_at` through `channel`, in the lines' order."""
    check = InputCheck()
    _check_lines(check, lines)
    if sold_at.tzinfo is None:
        check.refuse("soldAt", "Give the time of sale with its time zone.")
    check.done()
    recorded = await repository.insert_sales(
        connection,
        tenant_id=tenant_id,
        lines=lines,
        channel=channel,
        pos_transaction_id=pos_transaction_id,
        sold_at=sold_at,
    )
    log.info(
        "sales.sales.recorded",
        tenant_id=str(tenant_id),
        channel=channel.value,
        pos_transaction_id=str(pos_transaction_id) if pos_transaction_id else None,
        lines=len(recorded),
    )
    return recorded


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


async def summary_by_day(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, first_day: date, last_day: date
) -> list[DaySummary]:
    """Sales of each UTC day from `first_day` to `last_day` (included); days without any are
    absent."""
    return await repository.summary_by_day(
        connection,
        tenant_id=tenant_id,
        since=_day_start(first_day),
        until=_day_start(last_day + timedelta(days=1)),
    )


async def summary_by_product(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, first_day: date, last_day: date
) -> list[ProductSummary]:
    """Sales of each product sold from `first_day` to `last_day` (UTC days, included)."""
    return await repository.summary_by_product(
        connection,
        tenant_id=tenant_id,
        since=_day_start(first_day),
        until=_day_start(last_day + timedelta(days=1)),
    )


async def daily_quantities(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    product_ids: Sequence[uuid.UUID],
    first_day: date,
    last_day: date,
) -> dict[uuid.UUID, dict[date, Decimal]]:
    """Quantity sold of each product on each UTC day from `first_day` to `last_day` (included);
    days without sales are absent, products without any too."""
    quantities: dict[uuid.UUID, dict[date, Decimal]] = {}
    for product_id, day, quantity in await repository.daily_quantities(
        connection,
        tenant_id=tenant_id,
        product_ids=product_ids,
        since=_day_start(first_day),
        until=_day_start(last_day + timedelta(days=1)),
    ):
        quantities.setdefault(product_id, {})[day] = quantity
    return quantities


def sales_query(
    tenant_id: uuid.UUID,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    product_id: uuid.UUID | None = None,
    channel: SalesChannel | None = None,
) -> AnySelect:
    """The statement listing a tenant's sales (for paging)."""
    return repository.sales_query(
        tenant_id, since=since, until=until, product_id=product_id, channel=channel
    )


SALE_ORDER: tuple[Any, ...] = repository.SALE_ORDER
