"""Training: fitting each product's weekday-mean model on its sales history.

Functions take a connection and never commit; `fit_job` is the `training.fit` job handler.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncConnection

from db.pagination import AnySelect
from domains.inventory import service as inventory
from domains.kernel.inputs import InputCheck
from domains.kernel.jobs import JobQueue
from domains.sales import service as sales
from domains.training import fitting, repository
from domains.training.models import TrainingJobStatus
from domains.training.records import TrainedModelRecord, TrainingJobRecord

log = structlog.get_logger()

FIT_JOB = "training.fit"
MAX_PRODUCTS = 100
TenantKey = tuple[uuid.UUID, uuid.UUID]


async def start_training_job(
    connection: AsyncConnection,
    *,
    queue: JobQueue,
    tenant_id: uuid.UUID,
    product_ids: Sequence[uuid.UUID] | None,
) -> TrainingJobRecord:
    """A QUEUED job fitting these live products (every product with sales when None), and its
    `training.fit` job, both in the caller's transaction."""
    if product_ids is not None:
        check = InputCheck()
        check.count(product_ids, field="productIds", at_least=1, at_most=MAX_PRODUCTS)
        check.done()
        product_ids = list(dict.fromkeys(product_ids))
        await inventory.require_products(
            connection, tenant_id=tenant_id, ids=product_ids, field="productIds"
        )
    job = await repository.insert_job(connection, tenant_id=tenant_id, product_ids=product_ids)
    await queue.enqueue(
        connection,
        FIT_JOB,
        {"tenant_id": str(tenant_id), "job_id": str(job.id)},
        dedupe_key=f"{FIT_JOB}:{job.id}",
    )
    log.info("training.job.queued", tenant_id=str(tenant_id), id=str(job.id))
    return job


class _Unfit(Exception):
    """Why a job cannot fit its products; the job ends FAILED with this message."""


async def _fits(
    connection: AsyncConnection, job: TrainingJobRecord
) -> dict[uuid.UUID, fitting.Fit]:
    days = fitting.history_days(job.created_at.astimezone(UTC).date())
    if job.product_ids is None:
        sold = await sales.summary_by_product(
            connection, tenant_id=job.tenant_id, first_day=days[0], last_day=days[-1]
        )
        product_ids = [summary.product_id for summary in sold]
    else:
        product_ids = job.product_ids
    live = {
        p.id
        for p in await inventory.get_products(connection, [(job.tenant_id, i) for i in product_ids])
    }
    if not product_ids:
        raise _Unfit("No product sold in the 8 weeks before the job.")
    if gone := [str(i) for i in product_ids if i not in live]:
        raise _Unfit(f"Products deleted since the job was requested: {', '.join(gone)}.")
    quantities = await sales.daily_quantities(
        connection,
        tenant_id=job.tenant_id,
        product_ids=product_ids,
        first_day=days[0],
        last_day=days[-1],
    )
    if unsold := [str(i) for i in product_ids if i not in quantities]:
        raise _Unfit(f"No sales in the 8 weeks before the job for: {', '.join(unsold)}.")
    return {i: fitting.fit(fitting.series(quantities[i], days)) for i in product_ids}


async def fit_job(connection: AsyncConnection, payload: Mapping[str, Any]) -> None:
    """Job `training.fit`: fit every product of the job, all or none; once (a rerun of a
    finished job changes nothing)."""
    tenant_id, job_id = uuid.UUID(payload["tenant_id"]), uuid.UUID(payload["job_id"])
    job = await repository.lock_job(connection, tenant_id=tenant_id, job_id=job_id)
    if job is None or job.status in {TrainingJobStatus.COMPLETED, TrainingJobStatus.FAILED}:
        return
    try:
        fits = await _fits(connection, job)
    except _Unfit as unfit:
        await repository.finish_job(
            connection,
            tenant_id=tenant_id,
            job_id=job_id,
            status=TrainingJobStatus.FAILED,
            error=str(unfit),
            metrics={},
        )
        log.info("training.job.failed", tenant_id=str(tenant_id), id=str(job_id), error=str(unfit))
        return
    await repository.insert_active_models(connection, tenant_id=tenant_id, job_id=job_id, fits=fits)
    await repository.finish_job(
        connection,
        tenant_id=tenant_id,
        job_id=job_id,
        status=TrainingJobStatus.COMPLETED,
        error=None,
        metrics={str(product): fit.metrics_json() for product, fit in fits.items()},
    )
    log.info("training.job.completed", tenant_id=str(tenant_id), id=str(job_id), models=len(fits))


async def active_models(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, product_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, TrainedModelRecord]:
    """The active model of each of these products that has one, by product."""
    found = await repository.active_models(connection, tenant_id=tenant_id, product_ids=product_ids)
    return {model.product_id: model for model in found}


async def get_models(
    connection: AsyncConnection, keys: Sequence[TenantKey]
) -> list[TrainedModelRecord]:
    """Models by (tenant id, id)."""
    return await repository.get_models(connection, keys)


def jobs_query(tenant_id: uuid.UUID) -> AnySelect:
    """The statement listing a tenant's training jobs (for paging)."""
    return repository.jobs_query(tenant_id)


def models_query(tenant_id: uuid.UUID, *, product_id: uuid.UUID | None = None) -> AnySelect:
    """The statement listing a tenant's models (for paging)."""
    return repository.models_query(tenant_id, product_id=product_id)


JOB_ORDER = repository.JOB_ORDER
MODEL_ORDER = repository.MODEL_ORDER
job_record = repository.job_record
model_record = repository.model_record
