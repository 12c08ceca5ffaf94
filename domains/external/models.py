"""Tables of the `external` schema: data fetched from outside providers, stored per tenant.

The gateway makes no network calls: the platform fetches weather, traffic and holidays and
stores them here (`storeExternalData`); forecasting reads them back.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Date, DateTime, Index, Integer, Text, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.base import TYPE_ANNOTATION_MAP, TenantKeyed, domain_metadata, text_enum


class DataKind(enum.Enum):
    """What a cached entry describes."""

    WEATHER = "WEATHER"
    TRAFFIC = "TRAFFIC"
    HOLIDAYS = "HOLIDAYS"


class ExternalBase(DeclarativeBase):
    metadata = domain_metadata("external")
    type_annotation_map = TYPE_ANNOTATION_MAP


class ExternalDataCache(TenantKeyed, ExternalBase):
    """One day of one kind of data for one location; storing it again replaces the payload."""

    __tablename__ = "external_data_cache"
    __table_args__ = (
        # One entry per (kind, location, date); "Madrid" and "madrid" are one location.
        Index(
            "uq_external_data_cache_key",
            "tenant_id",
            "kind",
            func.lower(text("location")),
            "date",
            unique=True,
        ),
        # The list's order (date, id).
        Index(None, "tenant_id", "date", "id"),
    )

    kind: Mapped[DataKind] = mapped_column(text_enum(DataKind, "external_data_kind"))
    location: Mapped[str] = mapped_column(Text)
    date: Mapped[date] = mapped_column(Date)
    provider: Mapped[str] = mapped_column(Text)
    payload: Mapped[Any] = mapped_column(JSONB)
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ApiKeyUsage(TenantKeyed, ExternalBase):
    """How many calls a tenant made to a provider on a day (UTC), counted by upsert."""

    __tablename__ = "api_key_usage"
    __table_args__ = (
        Index(None, "tenant_id", "provider", "day", unique=True),
        CheckConstraint("calls >= 0", name="calls_not_negative"),
    )

    provider: Mapped[str] = mapped_column(Text)
    day: Mapped[date] = mapped_column(Date)
    calls: Mapped[int] = mapped_column(Integer, server_default="0")


class ExternalApiLog(TenantKeyed, ExternalBase):
    """One call to a provider: where, with what answer, how long it took. Append-only."""

    __tablename__ = "external_api_logs"
    __table_args__ = (Index(None, "tenant_id", "created_at", "id"),)

    provider: Mapped[str] = mapped_column(Text)
    endpoint: Mapped[str] = mapped_column(Text)
    status_code: Mapped[int] = mapped_column(Integer)
    duration_ms: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
