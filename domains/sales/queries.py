"""Fields the sales domain adds to `Tenant`."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

import strawberry

from domains.inventory.loaders import ProductByIdLoader
from domains.kernel.context import RequestContext
from domains.kernel.errors import BadUserInput
from domains.kernel.ids import parse_id
from domains.kernel.pagination import Connection, paginate
from domains.kernel.selection import node_selection
from domains.sales import service
from domains.sales.kinds import SalesChannel, SummaryGrouping
from domains.sales.repository import sale_record
from domains.sales.types import Sale, SalesSummary, SalesSummaryRow
from domains.tenants.types import Tenant

Info = strawberry.Info[RequestContext, None]
MAX_SUMMARY_DAYS = 366


@strawberry.type
class SalesTenantFields:
    @strawberry.field(
        description="Sales by time of sale (oldest first), then id; filter by time (`from` "
        "included, `to` excluded), product and channel."
    )
    async def sales(
        self,
        info: Info,
        root: strawberry.Parent[Tenant],
        first: int | None = None,
        after: str | None = None,
        since: Annotated[
            datetime | None, strawberry.argument(name="from", description="Sold at or after.")
        ] = None,
        until: Annotated[
            datetime | None, strawberry.argument(name="to", description="Sold before.")
        ] = None,
        product_id: strawberry.ID | None = None,
        channel: SalesChannel | None = None,
    ) -> Connection[Sale]:
        if since is not None and until is not None and since > until:
            raise BadUserInput("`from` is after `to`.", field="from")
        product = parse_id(product_id, argument="productId") if product_id else None
        loaders = info.context.loaders
        page = await paginate(
            info.context.uow,
            service.sales_query(
                uuid.UUID(root.id), since=since, until=until, product_id=product, channel=channel
            ),
            order_by=service.SALE_ORDER,
            first=first,
            after=after,
            node=lambda row: Sale.from_record(sale_record(row), loaders),
        )
        if "product" in node_selection(info):
            keys = [
                (edge.node.record.tenant_id, edge.node.record.product_id) for edge in page.edges
            ]
            await loaders.get(ProductByIdLoader).load_now(keys)
        return page

    @strawberry.field(
        description="Sales from day `from` to day `to` (UTC days, both included, at most 366 "
        "days), summed in the database, a row per DAY or per PRODUCT. Days without sales are "
        "absent, not zero rows."
    )
    async def sales_summary(
        self,
        info: Info,
        root: strawberry.Parent[Tenant],
        first_day: Annotated[
            date, strawberry.argument(name="from", description="First day, included.")
        ],
        last_day: Annotated[
            date, strawberry.argument(name="to", description="Last day, included.")
        ],
        group_by: SummaryGrouping = SummaryGrouping.DAY,
    ) -> SalesSummary:
        if first_day > last_day:
            raise BadUserInput("`from` is after `to`.", field="from")
        if (last_day - first_day).days >= MAX_SUMMARY_DAYS:
            raise BadUserInput(f"Give at most {MAX_SUMMARY_DAYS} days.", field="to")
        tenant_id = uuid.UUID(root.id)
        loaders = info.context.loaders
        async with info.context.uow.connection() as connection:
            if group_by is SummaryGrouping.DAY:
                days = await service.summary_by_day(
                    connection, tenant_id=tenant_id, first_day=first_day, last_day=last_day
                )
                rows = [SalesSummaryRow.of_day(day, loaders) for day in days]
            else:
                products = await service.summary_by_product(
                    connection, tenant_id=tenant_id, first_day=first_day, last_day=last_day
                )
                rows = [SalesSummaryRow.of_product(p, tenant_id, loaders) for p in products]
        return SalesSummary(first_day=first_day, last_day=last_day, group_by=group_by, rows=rows)
