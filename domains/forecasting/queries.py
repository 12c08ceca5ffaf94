"""Fields the forecasting domain adds to `Tenant`."""

from __future__ import annotations

import uuid

import strawberry

from domains.forecasting import service
from domains.forecasting.types import Forecast
from domains.kernel.context import RequestContext
from domains.kernel.ids import parse_id
from domains.kernel.pagination import Connection, paginate
from domains.tenants.types import Tenant

Info = strawberry.Info[RequestContext, None]


@strawberry.type
class ForecastingTenantFields:
    @strawberry.field(description="Forecasts, oldest first; filter by product.")
    async def forecasts(
        self,
        info: Info,
        root: strawberry.Parent[Tenant],
        first: int | None = None,
        after: str | None = None,
        product_id: strawberry.ID | None = None,
    ) -> Connection[Forecast]:
        product = parse_id(product_id, argument="productId") if product_id else None
        return await paginate(
            info.context.uow,
            service.forecasts_query(uuid.UUID(root.id), product_id=product),
            order_by=service.FORECAST_ORDER,
            first=first,
            after=after,
            node=lambda row: Forecast.from_record(service.forecast_record(row)),
        )
