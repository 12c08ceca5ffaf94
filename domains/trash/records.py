"""Plain data of the trash."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class DeletedRecord:
    """A soft-deleted row: what it is, who deleted it, when, why, in which batch."""

    entity: str
    id: uuid.UUID
    label: str
    deleted_at: datetime
    deleted_by: str | None
    reason: str | None
    batch_id: uuid.UUID | None


@dataclass(frozen=True, slots=True)
class TableHealth:
    """What an operator looks at for one table."""

    schema: str
    table: str
    live_rows: int
    dead_rows: int
    total_bytes: int
    awaiting_purge: int | None
    """Soft-deleted rows past their retention (None: the table is not soft-deletable)."""
    has_tenant_index: bool | None
    """Whether an index starts with `tenant_id` (None: the table holds no tenant id)."""


@dataclass(frozen=True, slots=True)
class UnindexedForeignKey:
    """A foreign key whose columns no index starts with: deletes of its parent scan the table."""

    schema: str
    table: str
    constraint: str
    columns: list[str]
