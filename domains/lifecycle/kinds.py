"""How a deletion runs and where it stands."""

from __future__ import annotations

import enum


class DeletionMode(enum.Enum):
    """SCHEDULED hides the tenant now and purges it after the retention; IMMEDIATE purges now."""

    SCHEDULED = "SCHEDULED"
    IMMEDIATE = "IMMEDIATE"


class DeletionJobStatus(enum.Enum):
    """Where a deletion job stands."""

    PENDING = "PENDING"
    SCHEDULED = "SCHEDULED"
    RUNNING = "RUNNING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"


ACTIVE_STATUSES = (
    DeletionJobStatus.PENDING,
    DeletionJobStatus.SCHEDULED,
    DeletionJobStatus.RUNNING,
)


class DeletionStepStatus(enum.Enum):
    """Where one domain's part of a deletion stands."""

    PENDING = "PENDING"
    RUNNING = "RUNNING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
