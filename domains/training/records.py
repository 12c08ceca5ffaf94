"""What the training domain hands out: plain records, never table rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domains.training.models import TrainingJobStatus


@dataclass(frozen=True, slots=True)
class TrainingJobRecord:
    """A training job and where it stands."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    status: TrainingJobStatus
    product_ids: list[uuid.UUID] | None
    started_at: datetime | None
    finished_at: datetime | None
    error: str | None
    metrics: Any
    created_at: datetime


@dataclass(frozen=True, slots=True)
class TrainedModelRecord:
    """One version of a product's model, its parameters and hold-out metrics."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    product_id: uuid.UUID
    training_job_id: uuid.UUID
    version: int
    algorithm: str
    parameters: Any
    metrics: Any
    active: bool
    created_at: datetime
