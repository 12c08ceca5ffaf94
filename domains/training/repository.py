"""All SQL of the training domain."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Uuid, any_, bindparam, func, insert, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncConnection

from db.keys import tenant_keys
from db.pagination import AnySelect
from db.records import record_reader
from domains.training.fitting import ALGORITHM, Fit
from domains.training.models import TrainedModel, TrainingJob, TrainingJobStatus
from domains.training.records import TrainedModelRecord, TrainingJobRecord

JOB = (
    TrainingJob.id,
    TrainingJob.tenant_id,
    TrainingJob.status,
    TrainingJob.product_ids,
    TrainingJob.started_at,
    TrainingJob.finished_at,
    TrainingJob.error,
    TrainingJob.metrics,
    TrainingJob.created_at,
)
MODEL = (
    TrainedModel.id,
    TrainedModel.tenant_id,
    TrainedModel.product_id,
    TrainedModel.training_job_id,
    TrainedModel.version,
    TrainedModel.algorithm,
    TrainedModel.parameters,
    TrainedModel.metrics,
    TrainedModel.active,
    TrainedModel.created_at,
)
# Oldest first (keyset pages run ascending).
JOB_ORDER: tuple[Any, ...] = (TrainingJob.created_at, TrainingJob.id)
MODEL_ORDER: tuple[Any, ...] = (TrainedModel.created_at, TrainedModel.id)

job_record = record_reader(TrainingJobRecord, JOB)
model_record = record_reader(TrainedModelRecord, MODEL)


def _any(column: Any, ids: Sequence[uuid.UUID]) -> Any:
    return column == any_(bindparam(None, list(ids), type_=ARRAY(Uuid)))


async def insert_job(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, product_ids: Sequence[uuid.UUID] | None
) -> TrainingJobRecord:
    """Insert a QUEUED job."""
    statement = (
        insert(TrainingJob)
        .values(
            tenant_id=tenant_id,
            id=uuid.uuid4(),
            status=TrainingJobStatus.QUEUED,
            product_ids=list(product_ids) if product_ids is not None else None,
        )
        .returning(*JOB)
    )
    return job_record((await connection.execute(statement)).one())


async def lock_job(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, job_id: uuid.UUID
) -> TrainingJobRecord | None:
    """The job, locked until the transaction ends (a second run of it waits)."""
    statement = (
        select(*JOB)
        .where(TrainingJob.tenant_id == tenant_id, TrainingJob.id == job_id)
        .with_for_update()
    )
    row = (await connection.execute(statement)).first()
    return job_record(row) if row is not None else None


async def finish_job(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    job_id: uuid.UUID,
    status: TrainingJobStatus,
    error: str | None,
    metrics: Mapping[str, Any],
) -> None:
    """Record how the job ended (it started in this same transaction)."""
    statement = (
        update(TrainingJob)
        .where(TrainingJob.tenant_id == tenant_id, TrainingJob.id == job_id)
        .values(
            status=status,
            error=error,
            metrics=dict(metrics),
            started_at=func.coalesce(TrainingJob.started_at, func.now()),
            finished_at=func.now(),
        )
    )
    await connection.execute(statement)


async def insert_active_models(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    job_id: uuid.UUID,
    fits: Mapping[uuid.UUID, Fit],
) -> None:
    """A new version of each product's model, made the active one (the previous deactivated)."""
    products = list(fits)
    latest = (
        select(TrainedModel.product_id, func.max(TrainedModel.version))
        .where(TrainedModel.tenant_id == tenant_id, _any(TrainedModel.product_id, products))
        .group_by(TrainedModel.product_id)
    )
    versions: dict[uuid.UUID, int] = {row[0]: row[1] for row in await connection.execute(latest)}
    await connection.execute(
        update(TrainedModel)
        .where(
            TrainedModel.tenant_id == tenant_id,
            _any(TrainedModel.product_id, products),
            TrainedModel.active,
        )
        .values(active=False)
    )
    await connection.execute(
        insert(TrainedModel).values(
            [
                {
                    "tenant_id": tenant_id,
                    "id": uuid.uuid4(),
                    "product_id": product_id,
                    "training_job_id": job_id,
                    "version": versions.get(product_id, 0) + 1,
                    "algorithm": ALGORITHM,
                    "parameters": fit.model.as_json(),
                    "metrics": fit.metrics_json(),
                    "active": True,
                }
                for product_id, fit in fits.items()
            ]
        )
    )


async def active_models(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, product_ids: Sequence[uuid.UUID]
) -> list[TrainedModelRecord]:
    """The active model of each of these products that has one."""
    statement = select(*MODEL).where(
        TrainedModel.tenant_id == tenant_id,
        _any(TrainedModel.product_id, product_ids),
        TrainedModel.active,
    )
    return [model_record(row) for row in await connection.execute(statement)]


async def get_models(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[TrainedModelRecord]:
    """Models by (tenant id, id)."""
    statement = select(*MODEL).where(tenant_keys(TrainedModel.tenant_id, TrainedModel.id, keys))
    return [model_record(row) for row in await connection.execute(statement)]


def jobs_query(tenant_id: uuid.UUID) -> AnySelect:
    """A tenant's training jobs."""
    return select(*JOB).where(TrainingJob.tenant_id == tenant_id)


def models_query(tenant_id: uuid.UUID, *, product_id: uuid.UUID | None) -> AnySelect:
    """A tenant's models, optionally of one product."""
    statement: AnySelect = select(*MODEL).where(TrainedModel.tenant_id == tenant_id)
    if product_id is not None:
        statement = statement.where(TrainedModel.product_id == product_id)
    return statement
