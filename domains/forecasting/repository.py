"""All SQL of the forecasting domain."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from db.keys import tenant_keys
from db.pagination import AnySelect
from db.records import record_reader
from domains.forecasting.models import Forecast, ForecastPoint, ForecastStatus
from domains.forecasting.records import ForecastPointRecord, ForecastRecord

FORECAST = (
    Forecast.id,
    Forecast.tenant_id,
    Forecast.product_id,
    Forecast.horizon_days,
    Forecast.model_id,
    Forecast.status,
    Forecast.error,
    Forecast.created_at,
    Forecast.completed_at,
)
POINT = (
    ForecastPoint.id,
    ForecastPoint.tenant_id,
    ForecastPoint.forecast_id,
    ForecastPoint.day,
    ForecastPoint.predicted,
    ForecastPoint.lower_bound,
    ForecastPoint.upper_bound,
)
FORECAST_ORDER: tuple[Any, ...] = (Forecast.created_at, Forecast.id)

forecast_record = record_reader(ForecastRecord, FORECAST)
point_record = record_reader(ForecastPointRecord, POINT)


async def insert_forecast(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, product_id: uuid.UUID, horizon_days: int
) -> ForecastRecord:
    """Insert a QUEUED forecast."""
    statement = (
        insert(Forecast)
        .values(
            tenant_id=tenant_id,
            id=uuid.uuid4(),
            product_id=product_id,
            horizon_days=horizon_days,
            status=ForecastStatus.QUEUED,
        )
        .returning(*FORECAST)
    )
    return forecast_record((await connection.execute(statement)).one())


async def lock_forecast(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, forecast_id: uuid.UUID
) -> ForecastRecord | None:
    """The forecast, locked until the transaction ends (a second run of its job waits)."""
    statement = (
        select(*FORECAST)
        .where(Forecast.tenant_id == tenant_id, Forecast.id == forecast_id)
        .with_for_update()
    )
    row = (await connection.execute(statement)).first()
    return forecast_record(row) if row is not None else None


async def finish_forecast(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    forecast_id: uuid.UUID,
    status: ForecastStatus,
    model_id: uuid.UUID | None,
    error: str | None,
) -> None:
    """Record how the forecast ended."""
    await connection.execute(
        update(Forecast)
        .where(Forecast.tenant_id == tenant_id, Forecast.id == forecast_id)
        .values(status=status, model_id=model_id, error=error, completed_at=func.now())
    )


async def replace_points(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    forecast_id: uuid.UUID,
    points: Sequence[tuple[date, Decimal, Decimal, Decimal]],
) -> None:
    """The forecast's points are exactly `points` (day, predicted, lower, upper)."""
    await connection.execute(
        delete(ForecastPoint).where(
            ForecastPoint.tenant_id == tenant_id, ForecastPoint.forecast_id == forecast_id
        )
    )
    if not points:
        return
    await connection.execute(
        insert(ForecastPoint).values(
            [
                {
                    "tenant_id": tenant_id,
                    "id": uuid.uuid4(),
                    "forecast_id": forecast_id,
                    "day": day,
                    "predicted": predicted,
                    "lower_bound": lower,
                    "upper_bound": upper,
                }
                for day, predicted, lower, upper in points
            ]
        )
    )


async def points_of(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[ForecastPointRecord]:
    """Points of each (tenant id, forecast id), by day."""
    statement = (
        select(*POINT)
        .where(tenant_keys(ForecastPoint.tenant_id, ForecastPoint.forecast_id, keys))
        .order_by(ForecastPoint.forecast_id, ForecastPoint.day)
    )
    return [point_record(row) for row in await connection.execute(statement)]


def forecasts_query(tenant_id: uuid.UUID, *, product_id: uuid.UUID | None) -> AnySelect:
    """A tenant's forecasts, optionally of one product."""
    statement: AnySelect = select(*FORECAST).where(Forecast.tenant_id == tenant_id)
    if product_id is not None:
        statement = statement.where(Forecast.product_id == product_id)
    return statement
