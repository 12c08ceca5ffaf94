"""Tables of the `audit` schema: both global (they outlive the tenants they speak of)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Identity, Index, Text, Uuid, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.base import GLOBAL_TABLE, TYPE_ANNOTATION_MAP, domain_metadata


class AuditBase(DeclarativeBase):
    metadata = domain_metadata("audit")
    type_annotation_map = TYPE_ANNOTATION_MAP


class AuditEvent(AuditBase):
    """One deletion, restore, transfer, member removal or user deletion; never changed.

    The database refuses UPDATE, DELETE and TRUNCATE of this table (migration 0014).
    """

    __tablename__ = "audit_events"
    __table_args__ = (
        Index(None, "tenant_id", "occurred_at", "id"),
        Index(None, "occurred_at", "id"),
        GLOBAL_TABLE,
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    # The clock, not the transaction's start: lines written by one transaction keep their order.
    occurred_at: Mapped[datetime] = mapped_column(server_default=func.clock_timestamp())
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text)
    tenant_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    target: Mapped[str | None] = mapped_column(Text, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    counts: Mapped[Any] = mapped_column(JSONB, nullable=True)


class OutboxEvent(AuditBase):
    """An event for other systems, written in the transaction of what it announces."""

    __tablename__ = "outbox_events"
    __table_args__ = GLOBAL_TABLE

    position: Mapped[int] = mapped_column(BigInteger, Identity(always=True), primary_key=True)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, default=uuid.uuid4, unique=True)
    event: Mapped[str] = mapped_column(Text)
    tenant_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    payload: Mapped[Any] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
