"""What the forecasting domain hands out: plain records, never table rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from domains.forecasting.models import ForecastStatus


@dataclass(frozen=True, slots=True)
class ForecastRecord:
    """A forecast request and where it stands."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    product_id: uuid.UUID
    horizon_days: int
    model_id: uuid.UUID | None
    status: ForecastStatus
    error: str | None
    created_at: datetime
    completed_at: datetime | None


@dataclass(frozen=True, slots=True)
class ForecastPointRecord:
    """One forecast day."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    forecast_id: uuid.UUID
    day: date
    predicted: Decimal
    lower_bound: Decimal
    upper_bound: Decimal
