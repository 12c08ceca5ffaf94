"""Per-request DataLoaders of the forecasting domain, keyed by tenant."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncConnection

from domains.forecasting import service
from domains.forecasting.records import ForecastPointRecord
from domains.kernel.loaders import Loader

TenantKey = tuple[uuid.UUID, uuid.UUID]


class PointsByForecastLoader(Loader[TenantKey, list[ForecastPointRecord]]):
    """Points of each (tenant id, forecast id), by day."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[TenantKey]
    ) -> Mapping[TenantKey, list[ForecastPointRecord]]:
        grouped: dict[TenantKey, list[ForecastPointRecord]] = defaultdict(list)
        for point in await service.points_of(connection, keys):
            grouped[(point.tenant_id, point.forecast_id)].append(point)
        return grouped

    def missing(self) -> list[ForecastPointRecord]:
        return []
