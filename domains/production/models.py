"""Tables of the `production` schema."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, Date, Index, Numeric, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.base import (
    QUANTITY,
    TYPE_ANNOTATION_MAP,
    TenantKeyed,
    Timestamped,
    domain_metadata,
    reference,
    tenant_foreign_key,
    text_enum,
)


class BatchStatus(enum.Enum):
    """Where a production batch stands. PLANNED -> IN_PROGRESS -> COMPLETED, or CANCELLED."""

    PLANNED = "PLANNED"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class ProductionBase(DeclarativeBase):
    metadata = domain_metadata("production")
    type_annotation_map = TYPE_ANNOTATION_MAP


class ProductionSchedule(TenantKeyed, Timestamped, ProductionBase):
    """The production plan of one day; batches planned for that day belong to it."""

    __tablename__ = "production_schedules"
    __table_args__ = (
        Index("uq_production_schedules_day", "tenant_id", "scheduled_on", unique=True),
    )

    scheduled_on: Mapped[date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, server_default="")


class ProductionBatch(TenantKeyed, Timestamped, ProductionBase):
    """One batch of a recipe: planned, started, completed (stock moved) or cancelled."""

    __tablename__ = "production_batches"
    __table_args__ = (
        *tenant_foreign_key(["schedule_id"], "production_schedules"),
        CheckConstraint("planned_quantity > 0", name="planned_positive"),
        CheckConstraint("actual_quantity IS NULL OR actual_quantity >= 0", name="actual_valid"),
        Index(None, "tenant_id", "status", "planned_for"),
    )

    schedule_id: Mapped[uuid.UUID]
    recipe_id: Mapped[uuid.UUID] = reference("recipes.recipes")
    product_id: Mapped[uuid.UUID] = reference("inventory.products")
    planned_quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    actual_quantity: Mapped[Decimal | None] = mapped_column(QUANTITY)
    status: Mapped[BatchStatus] = mapped_column(text_enum(BatchStatus, "batch_status"))
    planned_for: Mapped[date] = mapped_column(Date)
    started_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    operator_id: Mapped[uuid.UUID | None] = reference("users.users", nullable=True)
    notes: Mapped[str] = mapped_column(Text, server_default="")


class QualityCheck(TenantKeyed, Timestamped, ProductionBase):
    """A check of a batch: what was checked, whether it passed, who checked."""

    __tablename__ = "quality_checks"
    __table_args__ = (
        *tenant_foreign_key(["batch_id"], "production_batches"),
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= 10)", name="score_range"),
    )

    batch_id: Mapped[uuid.UUID]
    check_type: Mapped[str] = mapped_column(Text)
    passed: Mapped[bool] = mapped_column(Boolean)
    score: Mapped[Decimal | None] = mapped_column(Numeric(4, 2))
    notes: Mapped[str] = mapped_column(Text, server_default="")
    checked_by: Mapped[uuid.UUID | None] = reference("users.users", nullable=True)
