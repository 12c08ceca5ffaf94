"""Soft delete and restore of catalog rows, set-based: one statement however many rows."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, update
from sqlalchemy.ext.asyncio import AsyncConnection

from db.errors import write_unique


@dataclass(frozen=True, slots=True)
class SoftDeletion:
    """What one soft delete did: its batch (what a restore brings back) and the rows it hid."""

    batch_id: uuid.UUID
    ids: list[uuid.UUID]
    deleted_at: datetime | None


async def soft_delete(
    connection: AsyncConnection,
    model: Any,
    *,
    tenant_id: uuid.UUID,
    ids: Sequence[uuid.UUID],
    deleted_by: str,
    reason: str | None,
) -> SoftDeletion:
    """Hide the live rows among `ids` as one batch; rows already deleted are left as they were."""
    batch_id = uuid.uuid4()
    statement = (
        update(model)
        .where(model.tenant_id == tenant_id, model.id.in_(ids), model.deleted_at.is_(None))
        .values(
            deleted_at=func.now(),
            deleted_by=deleted_by,
            deletion_reason=reason,
            deletion_batch_id=batch_id,
        )
        .returning(model.id, model.deleted_at)
    )
    rows = (await connection.execute(statement)).all()
    return SoftDeletion(
        batch_id=batch_id,
        ids=[row.id for row in rows],
        deleted_at=rows[0].deleted_at if rows else None,
    )


async def restore(
    connection: AsyncConnection,
    model: Any,
    *,
    tenant_id: uuid.UUID,
    ids: Sequence[uuid.UUID],
    unique_indexes: Collection[str] = (),
) -> list[uuid.UUID]:
    """Bring back the deleted rows among `ids`; returns those restored.

    A row whose live-only unique value (a name) was taken meanwhile raises UniqueTaken.
    """
    statement = (
        update(model)
        .where(model.tenant_id == tenant_id, model.id.in_(ids), model.deleted_at.is_not(None))
        .values(deleted_at=None, deleted_by=None, deletion_reason=None, deletion_batch_id=None)
        .returning(model.id)
    )
    return list((await write_unique(connection, statement, indexes=unique_indexes)).scalars())
