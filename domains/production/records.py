"""What the production domain hands out: plain records, never table rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from domains.production.models import BatchStatus


@dataclass(frozen=True, slots=True)
class BatchRecord:
    """A production batch and where it stands."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    schedule_id: uuid.UUID
    recipe_id: uuid.UUID
    product_id: uuid.UUID
    planned_quantity: Decimal
    actual_quantity: Decimal | None
    status: BatchStatus
    planned_for: date
    started_at: datetime | None
    completed_at: datetime | None
    cancelled_at: datetime | None
    operator_id: uuid.UUID | None
    notes: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class QualityCheckRecord:
    """A quality check of a batch."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    batch_id: uuid.UUID
    check_type: str
    passed: bool
    score: Decimal | None
    notes: str
    checked_by: uuid.UUID | None
    created_at: datetime
