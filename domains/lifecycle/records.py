"""What the lifecycle domain hands out: plain records, never table rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domains.lifecycle.kinds import DeletionJobStatus, DeletionMode, DeletionStepStatus


@dataclass(frozen=True, slots=True)
class DeletionJobRecord:
    """A deletion job."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    mode: DeletionMode
    status: DeletionJobStatus
    reason: str | None
    initiated_by: str
    created_at: datetime
    started_at: datetime | None
    completed_at: datetime | None
    purge_after: datetime | None
    items_planned: int
    total_items_deleted: int
    error: str | None
    certificate: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class DeletionStepRecord:
    """One domain's part of a deletion job."""

    job_id: uuid.UUID
    position: int
    domain: str
    status: DeletionStepStatus
    counts: dict[str, int]
    items_deleted: int
    started_at: datetime | None
    completed_at: datetime | None
    duration_ms: int
    error: str | None
