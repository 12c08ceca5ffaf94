"""Forecasting: a product's daily sales over the coming days, from its weekday means.

Functions take a connection and never commit; `compute_forecast` is the `forecasting.compute`
job handler.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, timedelta
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncConnection

from db.pagination import AnySelect
from domains.forecasting import repository
from domains.forecasting.models import ForecastStatus
from domains.forecasting.records import ForecastPointRecord, ForecastRecord
from domains.inventory import service as inventory
from domains.kernel.inputs import InputCheck
from domains.kernel.jobs import JobQueue
from domains.sales import service as sales
from domains.training import service as training
from domains.training.fitting import WeekdayMeans, history_days, series, weekday_means

log = structlog.get_logger()

COMPUTE_JOB = "forecasting.compute"
MAX_HORIZON_DAYS = 90
TenantKey = tuple[uuid.UUID, uuid.UUID]


async def request_forecast(
    connection: AsyncConnection,
    *,
    queue: JobQueue,
    tenant_id: uuid.UUID,
    product_id: uuid.UUID,
    horizon_days: int,
) -> ForecastRecord:
    """A QUEUED forecast of a live product over 1 to 90 days, and its `forecasting.compute`
    job, both in the caller's transaction."""
    check = InputCheck()
    if not 1 <= horizon_days <= MAX_HORIZON_DAYS:
        check.refuse("horizonDays", f"Give 1 to {MAX_HORIZON_DAYS} days.")
    check.done()
    await inventory.require_products(
        connection, tenant_id=tenant_id, ids=[product_id], field="productId"
    )
    forecast = await repository.insert_forecast(
        connection, tenant_id=tenant_id, product_id=product_id, horizon_days=horizon_days
    )
    await queue.enqueue(
        connection,
        COMPUTE_JOB,
        {"tenant_id": str(tenant_id), "forecast_id": str(forecast.id)},
        dedupe_key=f"{COMPUTE_JOB}:{forecast.id}",
    )
    log.info("forecasting.forecast.queued", tenant_id=str(tenant_id), id=str(forecast.id))
    return forecast


async def _model(
    connection: AsyncConnection, forecast: ForecastRecord
) -> tuple[WeekdayMeans, uuid.UUID | None]:
    """The product's active trained model, or weekday means of the 8 weeks before the forecast."""
    tenant_id, product_id = forecast.tenant_id, forecast.product_id
    active = await training.active_models(connection, tenant_id=tenant_id, product_ids=[product_id])
    if product_id in active:
        model = active[product_id]
        return WeekdayMeans.from_json(model.parameters), model.id
    days = history_days(forecast.created_at.astimezone(UTC).date())
    quantities = await sales.daily_quantities(
        connection,
        tenant_id=tenant_id,
        product_ids=[product_id],
        first_day=days[0],
        last_day=days[-1],
    )
    return weekday_means(series(quantities.get(product_id, {}), days)), None


async def compute_forecast(connection: AsyncConnection, payload: Mapping[str, Any]) -> None:
    """Job `forecasting.compute`: the forecast's points, from the day it was requested on; once
    (a rerun of a finished forecast changes nothing)."""
    tenant_id, forecast_id = uuid.UUID(payload["tenant_id"]), uuid.UUID(payload["forecast_id"])
    forecast = await repository.lock_forecast(
        connection, tenant_id=tenant_id, forecast_id=forecast_id
    )
    if forecast is None or forecast.status in {ForecastStatus.COMPLETED, ForecastStatus.FAILED}:
        return
    if not await inventory.get_products(connection, [(tenant_id, forecast.product_id)]):
        await repository.finish_forecast(
            connection,
            tenant_id=tenant_id,
            forecast_id=forecast_id,
            status=ForecastStatus.FAILED,
            model_id=None,
            error="The product was deleted before the forecast ran.",
        )
        return
    model, model_id = await _model(connection, forecast)
    first_day = forecast.created_at.astimezone(UTC).date()
    days = [first_day + timedelta(days=offset) for offset in range(forecast.horizon_days)]
    await repository.replace_points(
        connection,
        tenant_id=tenant_id,
        forecast_id=forecast_id,
        points=[(day, *model.predict(day)) for day in days],
    )
    await repository.finish_forecast(
        connection,
        tenant_id=tenant_id,
        forecast_id=forecast_id,
        status=ForecastStatus.COMPLETED,
        model_id=model_id,
        error=None,
    )
    log.info(
        "forecasting.forecast.completed",
        tenant_id=str(tenant_id),
        id=str(forecast_id),
        model_id=str(model_id) if model_id else None,
    )


async def points_of(
    connection: AsyncConnection, keys: Sequence[TenantKey]
) -> list[ForecastPointRecord]:
    """Points of each (tenant id, forecast id), by day."""
    return await repository.points_of(connection, keys)


def forecasts_query(tenant_id: uuid.UUID, *, product_id: uuid.UUID | None = None) -> AnySelect:
    """The statement listing a tenant's forecasts (for paging)."""
    return repository.forecasts_query(tenant_id, product_id=product_id)


FORECAST_ORDER = repository.FORECAST_ORDER
forecast_record = repository.forecast_record
