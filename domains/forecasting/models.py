"""Tables of the `forecasting` schema."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKeyConstraint, Index, Integer, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.base import (
    QUANTITY,
    TYPE_ANNOTATION_MAP,
    TenantKeyed,
    Timestamped,
    domain_metadata,
    reference,
    text_enum,
)


class ForecastStatus(enum.Enum):
    """Where a forecast stands: QUEUED -> RUNNING -> COMPLETED or FAILED."""

    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"


class ForecastingBase(DeclarativeBase):
    metadata = domain_metadata("forecasting")
    type_annotation_map = TYPE_ANNOTATION_MAP


class Forecast(TenantKeyed, Timestamped, ForecastingBase):
    """A forecast of one product's daily sales over the next `horizon_days` days."""

    __tablename__ = "forecasts"
    __table_args__ = (
        Index(None, "tenant_id", "created_at", "id"),
        CheckConstraint("horizon_days BETWEEN 1 AND 90", name="horizon_days_in_range"),
    )

    product_id: Mapped[uuid.UUID] = reference("inventory.products")
    horizon_days: Mapped[int] = mapped_column(Integer)
    model_id: Mapped[uuid.UUID | None] = reference("training.trained_models", nullable=True)
    status: Mapped[ForecastStatus] = mapped_column(text_enum(ForecastStatus, "forecast_status"))
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ForecastPoint(TenantKeyed, ForecastingBase):
    """The predicted quantity of one day, with its interval."""

    __tablename__ = "forecast_points"
    __table_args__ = (
        ForeignKeyConstraint(["tenant_id", "forecast_id"], ["forecasts.tenant_id", "forecasts.id"]),
        # Also the foreign key's index; a day appears once per forecast.
        Index(None, "tenant_id", "forecast_id", "day", unique=True),
        CheckConstraint("lower_bound >= 0", name="lower_bound_not_negative"),
        CheckConstraint(
            "lower_bound <= predicted AND predicted <= upper_bound", name="bounds_around_predicted"
        ),
    )

    forecast_id: Mapped[uuid.UUID]
    day: Mapped[date] = mapped_column(Date)
    predicted: Mapped[Decimal] = mapped_column(QUANTITY)
    lower_bound: Mapped[Decimal] = mapped_column(QUANTITY)
    upper_bound: Mapped[Decimal] = mapped_column(QUANTITY)
