"""What the audit domain hands out: plain records, never table rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One line of the audit log."""

    id: uuid.UUID
    occurred_at: datetime
    actor: str
    action: str
    tenant_id: uuid.UUID | None
    target: str | None
    reason: str | None
    counts: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class OutboxRecord:
    """One event for other systems, at its position in the outbox."""

    position: int
    id: uuid.UUID
    event: str
    tenant_id: uuid.UUID | None
    payload: dict[str, Any]
    created_at: datetime
