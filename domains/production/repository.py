"""SQL of production: daily schedules, batches and their quality checks."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from db.keys import tenant_keys
from db.pagination import AnySelect
from db.records import record_reader
from domains.production.models import (
    BatchStatus,
    ProductionBatch,
    ProductionSchedule,
    QualityCheck,
)
from domains.production.records import BatchRecord, QualityCheckRecord

BATCH = (
    ProductionBatch.id,
    ProductionBatch.tenant_id,
    ProductionBatch.schedule_id,
    ProductionBatch.recipe_id,
    ProductionBatch.product_id,
    ProductionBatch.planned_quantity,
    ProductionBatch.actual_quantity,
    ProductionBatch.status,
    ProductionBatch.planned_for,
    ProductionBatch.started_at,
    ProductionBatch.completed_at,
    ProductionBatch.cancelled_at,
    ProductionBatch.operator_id,
    ProductionBatch.notes,
    ProductionBatch.created_at,
    ProductionBatch.updated_at,
)
CHECK = (
    QualityCheck.id,
    QualityCheck.tenant_id,
    QualityCheck.batch_id,
    QualityCheck.check_type,
    QualityCheck.passed,
    QualityCheck.score,
    QualityCheck.notes,
    QualityCheck.checked_by,
    QualityCheck.created_at,
)
BATCH_ORDER: tuple[Any, ...] = (
    ProductionBatch.planned_for,
    ProductionBatch.created_at,
    ProductionBatch.id,
)


batch_record = record_reader(BatchRecord, BATCH)


check_record = record_reader(QualityCheckRecord, CHECK)


async def schedule_for(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, day: date
) -> uuid.UUID:
    """The id of the tenant's schedule of `day`, created if there is none (safe when concurrent)."""
    statement = (
        pg_insert(ProductionSchedule)
        .values(tenant_id=tenant_id, id=uuid.uuid4(), scheduled_on=day)
        # A no-op update, so RETURNING gives the existing row's id too.
        .on_conflict_do_update(
            index_elements=["tenant_id", "scheduled_on"],
            set_={"scheduled_on": pg_insert(ProductionSchedule).excluded.scheduled_on},
        )
        .returning(ProductionSchedule.id)
    )
    schedule_id: uuid.UUID = (await connection.execute(statement)).scalar_one()
    return schedule_id


async def insert_batch(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, values: Mapping[str, Any]
) -> BatchRecord:
    """Insert a batch."""
    statement = (
        insert(ProductionBatch)
        .values(tenant_id=tenant_id, id=uuid.uuid4(), **values)
        .returning(*BATCH)
    )
    return batch_record((await connection.execute(statement)).one())


async def lock_batch(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, batch_id: uuid.UUID, share: bool = False
) -> BatchRecord | None:
    """The batch, locked until the transaction ends (exclusively, or shared with other readers
    that lock it shared); a concurrent transition waits, then sees this one's outcome."""
    statement = (
        select(*BATCH)
        .where(ProductionBatch.tenant_id == tenant_id, ProductionBatch.id == batch_id)
        .with_for_update(read=share)
    )
    row = (await connection.execute(statement)).first()
    return batch_record(row) if row is not None else None


async def _set(
    connection: AsyncConnection, tenant_id: uuid.UUID, batch_id: uuid.UUID, **values: Any
) -> BatchRecord:
    statement = (
        update(ProductionBatch)
        .where(ProductionBatch.tenant_id == tenant_id, ProductionBatch.id == batch_id)
        .values(updated_at=func.now(), **values)
        .returning(*BATCH)
    )
    return batch_record((await connection.execute(statement)).one())


async def mark_started(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    batch_id: uuid.UUID,
    operator_id: uuid.UUID | None,
) -> BatchRecord:
    """Set the batch IN_PROGRESS, started now by `operator_id`."""
    return await _set(
        connection,
        tenant_id,
        batch_id,
        status=BatchStatus.IN_PROGRESS,
        started_at=func.now(),
        operator_id=operator_id,
    )


async def mark_completed(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    batch_id: uuid.UUID,
    actual_quantity: Decimal,
) -> BatchRecord:
    """Set the batch COMPLETED now, with what it actually yielded."""
    return await _set(
        connection,
        tenant_id,
        batch_id,
        status=BatchStatus.COMPLETED,
        completed_at=func.now(),
        actual_quantity=actual_quantity,
    )


async def mark_cancelled(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, batch_id: uuid.UUID
) -> BatchRecord:
    """Set the batch CANCELLED now."""
    return await _set(
        connection, tenant_id, batch_id, status=BatchStatus.CANCELLED, cancelled_at=func.now()
    )


async def insert_check(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, values: Mapping[str, Any]
) -> QualityCheckRecord:
    """Insert a quality check."""
    statement = (
        insert(QualityCheck)
        .values(tenant_id=tenant_id, id=uuid.uuid4(), **values)
        .returning(*CHECK)
    )
    return check_record((await connection.execute(statement)).one())


async def checks_of(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[QualityCheckRecord]:
    """Quality checks of the batches by (tenant id, batch id), oldest first."""
    statement = (
        select(*CHECK)
        .where(tenant_keys(QualityCheck.tenant_id, QualityCheck.batch_id, keys))
        .order_by(QualityCheck.created_at, QualityCheck.id)
    )
    return [check_record(row) for row in await connection.execute(statement)]


def batches_query(
    tenant_id: uuid.UUID,
    *,
    status: BatchStatus | None,
    since: date | None,
    until: date | None,
) -> AnySelect:
    """Batches of a tenant, optionally of one status, planned within [since, until]."""
    statement: AnySelect = select(*BATCH).where(ProductionBatch.tenant_id == tenant_id)
    if status is not None:
        statement = statement.where(ProductionBatch.status == status)
    if since is not None:
        statement = statement.where(ProductionBatch.planned_for >= since)
    if until is not None:
        statement = statement.where(ProductionBatch.planned_for <= until)
    return statement
