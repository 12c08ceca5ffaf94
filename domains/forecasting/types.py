"""GraphQL types of the forecasting domain."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry

from domains.forecasting.loaders import PointsByForecastLoader
from domains.forecasting.models import ForecastStatus
from domains.forecasting.records import ForecastPointRecord, ForecastRecord
from domains.inventory.types import Product, load_product
from domains.kernel.context import RequestContext
from domains.kernel.payloads import UserError
from domains.training.types import TrainedModel, load_model

Info = strawberry.Info[RequestContext, None]

strawberry.enum(
    ForecastStatus,
    description="QUEUED until a worker computes the forecast, then COMPLETED or FAILED.",
)


@strawberry.type(description="The quantity a product is expected to sell on one day.")
class ForecastPoint:
    date: date = strawberry.field(description="The day (UTC).")
    predicted: Decimal = strawberry.field(description="Expected quantity, in the product's unit.")
    lower_bound: Decimal = strawberry.field(
        description="Low end of the 95 % interval, never below 0."
    )
    upper_bound: Decimal = strawberry.field(description="High end of the 95 % interval.")

    @classmethod
    def from_record(cls, record: ForecastPointRecord) -> ForecastPoint:
        """The GraphQL view of a point."""
        return cls(
            date=record.day,
            predicted=record.predicted,
            lower_bound=record.lower_bound,
            upper_bound=record.upper_bound,
        )


@strawberry.type(
    description="A forecast of a product's daily sales from the day it was requested on."
)
class Forecast:
    id: strawberry.ID = strawberry.field(description="The forecast's id.")
    product_id: strawberry.ID = strawberry.field(description="The product forecast.")
    horizon_days: int = strawberry.field(description="How many days it covers, 1 to 90.")
    status: ForecastStatus = strawberry.field(description="Where it stands.")
    error: str | None = strawberry.field(description="Why it failed (null otherwise).")
    model_id: strawberry.ID | None = strawberry.field(
        description="The trained model used; null when computed from the last 8 weeks of sales."
    )
    created_at: datetime = strawberry.field(description="When it was requested.")
    completed_at: datetime | None = strawberry.field(description="When it completed or failed.")
    record: strawberry.Private[ForecastRecord]

    @strawberry.field(description="The product (null once deleted).")
    async def product(self, info: Info) -> Product | None:
        return await load_product(info, self.record.tenant_id, self.record.product_id)

    @strawberry.field(description="The trained model used (null if none).")
    async def model(self, info: Info) -> TrainedModel | None:
        return await load_model(info, self.record.tenant_id, self.record.model_id)

    @strawberry.field(description="One point per day, by day (empty until COMPLETED).")
    async def points(self, info: Info) -> list[ForecastPoint]:
        points = await info.context.loaders.get(PointsByForecastLoader).load(
            (self.record.tenant_id, self.record.id)
        )
        return [ForecastPoint.from_record(point) for point in points]

    @classmethod
    def from_record(cls, record: ForecastRecord) -> Forecast:
        """The GraphQL view of a forecast."""
        return cls(
            id=strawberry.ID(str(record.id)),
            product_id=strawberry.ID(str(record.product_id)),
            horizon_days=record.horizon_days,
            status=record.status,
            error=record.error,
            model_id=strawberry.ID(str(record.model_id)) if record.model_id else None,
            created_at=record.created_at,
            completed_at=record.completed_at,
            record=record,
        )


@strawberry.type(description="Result of requesting a forecast.")
class ForecastPayload:
    forecast: Forecast | None = strawberry.field(default=None, description="The queued forecast.")
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )
