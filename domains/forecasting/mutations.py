"""Mutations of the forecasting domain: any member who works (MEMBER or above) may ask."""

from __future__ import annotations

import strawberry

from domains.forecasting import service
from domains.forecasting.types import Forecast, ForecastPayload
from domains.kernel.context import RequestContext
from domains.kernel.ids import parse_id
from domains.kernel.jobs import JobQueue
from domains.kernel.payloads import attempt
from domains.kernel.permissions import requires
from domains.tenants.permissions import TenantRole
from domains.tenants.roles import MemberRole

Info = strawberry.Info[RequestContext, None]
OPERATOR = requires(TenantRole(MemberRole.MEMBER))


@strawberry.type
class ForecastingMutation:
    @strawberry.mutation(
        description="Queue a forecast of a live product's daily sales over 1 to 90 days, from "
        "its active trained model or else its last 8 weeks of sales. MEMBER or above.",
        extensions=OPERATOR,
    )
    async def request_forecast(
        self, info: Info, tenant_id: strawberry.ID, product_id: strawberry.ID, horizon_days: int
    ) -> ForecastPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        product = parse_id(product_id, argument="productId")
        queue = info.context.dependency(JobQueue)
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.request_forecast(
                connection,
                queue=queue,
                tenant_id=tenant,
                product_id=product,
                horizon_days=horizon_days,
            ),
        )
        if isinstance(outcome, list):
            return ForecastPayload(errors=outcome)
        return ForecastPayload(forecast=Forecast.from_record(outcome))
