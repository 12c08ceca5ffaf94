"""Tables of the `lifecycle` schema: deletion jobs and steps, global (they outlive tenants)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, Text, Uuid, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.base import GLOBAL_TABLE, TYPE_ANNOTATION_MAP, domain_metadata, text_enum
from domains.lifecycle.kinds import DeletionJobStatus, DeletionMode, DeletionStepStatus


class LifecycleBase(DeclarativeBase):
    metadata = domain_metadata("lifecycle")
    type_annotation_map = TYPE_ANNOTATION_MAP


class DeletionJob(LifecycleBase):
    """One deletion of one tenant: who asked, why, how far it got, and its certificate."""

    __tablename__ = "deletion_jobs"
    __table_args__ = (
        Index(None, "tenant_id", "created_at", "id"),
        Index(None, "created_at", "id"),
        # At most one deletion of a tenant under way: a second request finds the first.
        Index(
            "uq_deletion_jobs_one_active",
            "tenant_id",
            unique=True,
            postgresql_where=text("status IN ('PENDING', 'SCHEDULED', 'RUNNING')"),
        ),
        Index(None, "purge_after", postgresql_where=text("status = 'SCHEDULED'")),
        GLOBAL_TABLE,
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    mode: Mapped[DeletionMode] = mapped_column(text_enum(DeletionMode, "deletion_mode"))
    status: Mapped[DeletionJobStatus] = mapped_column(
        text_enum(DeletionJobStatus, "deletion_job_status")
    )
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    initiated_by: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    started_at: Mapped[datetime | None] = mapped_column(nullable=True)
    completed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    purge_after: Mapped[datetime | None] = mapped_column(nullable=True)
    items_planned: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    total_items_deleted: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    certificate: Mapped[Any] = mapped_column(JSONB, nullable=True)


class DeletionStep(LifecycleBase):
    """One domain's part of a deletion job: its counts per entity, duration and error."""

    __tablename__ = "deletion_steps"
    __table_args__ = GLOBAL_TABLE

    job_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("lifecycle.deletion_jobs.id"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    domain: Mapped[str] = mapped_column(Text)
    status: Mapped[DeletionStepStatus] = mapped_column(
        text_enum(DeletionStepStatus, "deletion_step_status")
    )
    counts: Mapped[Any] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    items_deleted: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    started_at: Mapped[datetime | None] = mapped_column(nullable=True)
    completed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    duration_ms: Mapped[int] = mapped_column(BigInteger, server_default=text("0"))
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
