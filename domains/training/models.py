"""Tables of the `training` schema."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Index, Integer, Text, Uuid, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.base import (
    TYPE_ANNOTATION_MAP,
    TenantKeyed,
    Timestamped,
    domain_metadata,
    reference,
    tenant_foreign_key,
    text_enum,
)


class TrainingJobStatus(enum.Enum):
    """Where a training job stands: QUEUED -> RUNNING -> COMPLETED or FAILED."""

    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"


class TrainingBase(DeclarativeBase):
    metadata = domain_metadata("training")
    type_annotation_map = TYPE_ANNOTATION_MAP


class TrainingJob(TenantKeyed, Timestamped, TrainingBase):
    """A request to fit models for some products (all products with sales when none given)."""

    __tablename__ = "training_jobs"
    __table_args__ = (Index(None, "tenant_id", "created_at", "id"),)

    status: Mapped[TrainingJobStatus] = mapped_column(
        text_enum(TrainingJobStatus, "training_job_status")
    )
    product_ids: Mapped[list[uuid.UUID] | None] = mapped_column(ARRAY(Uuid), nullable=True)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    metrics: Mapped[Any] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))


class TrainedModel(TenantKeyed, Timestamped, TrainingBase):
    """A fitted model of one product's daily sales; one active version per product."""

    __tablename__ = "trained_models"
    __table_args__ = (
        *tenant_foreign_key(["training_job_id"], "training_jobs"),
        Index(None, "tenant_id", "product_id", "version", unique=True),
        Index(
            "uq_trained_models_active_product",
            "tenant_id",
            "product_id",
            unique=True,
            postgresql_where=text("active"),
        ),
        Index(None, "tenant_id", "created_at", "id"),
    )

    product_id: Mapped[uuid.UUID] = reference("inventory.products")
    training_job_id: Mapped[uuid.UUID]
    version: Mapped[int] = mapped_column(Integer)
    algorithm: Mapped[str] = mapped_column(Text)
    parameters: Mapped[Any] = mapped_column(JSONB)
    metrics: Mapped[Any] = mapped_column(JSONB)
    active: Mapped[bool]
