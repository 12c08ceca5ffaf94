"""Deleting and restoring tenants. Functions take a connection and never commit.

A deletion is a persisted job with one step per domain. A tenant small enough (by the preview)
is deleted by every domain's deleter in one transaction: all or nothing. A larger one is deleted
by the `lifecycle.purge` job in bounded batches, one short transaction each, which checkpoints
its progress per domain in the same transaction as the rows it deleted, so a crash loses nothing
and a rerun repeats nothing.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import structlog
from sqlalchemy.ext.asyncio import AsyncConnection

from db import row_security
from db.pagination import AnySelect
from domains.audit import service as audit
from domains.demo.accounts import TEMPLATE_TENANT_IDS
from domains.kernel.deleter import EntityCounts, plan_once_by_index
from domains.kernel.errors import OperationRefused
from domains.kernel.jobs import JobQueue
from domains.lifecycle import repository
from domains.lifecycle.kinds import DeletionJobStatus, DeletionMode, DeletionStepStatus
from domains.lifecycle.policy import LifecyclePolicy
from domains.lifecycle.records import DeletionJobRecord, DeletionStepRecord
from domains.tenants import service as tenants
from domains.tenants.records import TenantRecord

log = structlog.get_logger()

PURGE_JOB = "lifecycle.purge"
MAX_REASON_LENGTH = 1000
JOB_ORDER = repository.JOB_ORDER
job_record = repository.job_record


async def preview(
    connection: AsyncConnection, *, policy: LifecyclePolicy, tenant_id: uuid.UUID
) -> dict[str, EntityCounts]:
    """What deleting the tenant would remove: rows per domain and entity."""
    return await policy.plan.preview(connection, tenant_id)


async def delete_tenant(
    connection: AsyncConnection,
    *,
    policy: LifecyclePolicy,
    queue: JobQueue,
    tenant_id: uuid.UUID,
    reason: str | None,
    mode: DeletionMode,
    actor: str,
) -> DeletionJobRecord:
    """Start deleting a tenant, or return the deletion already under way.

    The tenant row is locked first, so two requests queue up and the second finds the first's
    job. SCHEDULED hides the tenant until `purge_after`; IMMEDIATE hides it and purges now (an
    IMMEDIATE request also brings a scheduled deletion forward).
    """
    reason = _clean_reason(reason)
    if tenant_id in TEMPLATE_TENANT_IDS:
        # Every demo session is copied from it: whoever asks (the CLI calls this directly).
        raise OperationRefused.because(
            "DEMO_TEMPLATE", "A demo template bakery cannot be deleted.", "tenantId"
        )
    state = await tenants.lock_tenant(connection, tenant_id)
    running = await repository.active_job(connection, tenant_id)
    if running is not None:
        if mode is DeletionMode.IMMEDIATE and running.status is DeletionJobStatus.SCHEDULED:
            job = await repository.update_job(
                connection, running.id, mode=mode, status=DeletionJobStatus.PENDING
            )
            return await _start_purge(connection, policy=policy, queue=queue, job=job)
        return running
    counts = await policy.plan.preview(connection, tenant_id)
    planned = sum(sum(entities.values()) for entities in counts.values())
    scheduled = mode is DeletionMode.SCHEDULED
    job = await repository.insert_job(
        connection,
        tenant_id=tenant_id,
        mode=mode,
        status=DeletionJobStatus.SCHEDULED if scheduled else DeletionJobStatus.PENDING,
        reason=reason,
        initiated_by=actor,
        purge_after=datetime.now(UTC) + policy.retention if scheduled else None,
        items_planned=planned,
    )
    await repository.insert_steps(connection, job_id=job.id, domains=policy.plan.domains)
    if state.deleted_at is None:
        # Hidden at once, whatever the mode: nobody writes to a tenant while it is deleted.
        await tenants.hide_tenant(connection, tenant_id=tenant_id, deleted_by=actor, reason=reason)
    await audit.record(
        connection,
        actor=actor,
        action="tenant.deleted",
        tenant_id=tenant_id,
        target=f"tenant:{tenant_id}",
        reason=reason,
        counts={domain: sum(entities.values()) for domain, entities in counts.items()},
    )
    await audit.publish(
        connection,
        event="tenant.deleted",
        tenant_id=tenant_id,
        payload={
            "tenantId": str(tenant_id),
            "jobId": str(job.id),
            "mode": mode.value,
            "purgeAfter": job.purge_after.isoformat() if job.purge_after else None,
        },
    )
    log.info(
        "lifecycle.deletion.started",
        tenant_id=str(tenant_id),
        job_id=str(job.id),
        mode=mode.value,
        items=planned,
    )
    if scheduled:
        return job
    return await _start_purge(connection, policy=policy, queue=queue, job=job)


async def restore_tenant(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, actor: str
) -> TenantRecord:
    """Bring back a tenant whose SCHEDULED deletion has not been purged; its job is cancelled."""
    state = await tenants.lock_tenant(connection, tenant_id)
    job = await repository.active_job(connection, tenant_id)
    if state.deleted_at is None or job is None:
        raise OperationRefused.because("NOT_DELETED", "This bakery is not deleted.", "tenantId")
    purge_after = job.purge_after
    if (
        job.status is not DeletionJobStatus.SCHEDULED
        or purge_after is None
        or purge_after <= datetime.now(UTC)
    ):
        raise OperationRefused.because(
            "NOT_RESTORABLE",
            "This bakery's deletion is under way or its retention period is over.",
            "tenantId",
        )
    await repository.update_job(
        connection, job.id, status=DeletionJobStatus.CANCELLED, completed_at=datetime.now(UTC)
    )
    tenant = await tenants.unhide_tenant(connection, tenant_id=tenant_id)
    await audit.record(
        connection,
        actor=actor,
        action="tenant.restored",
        tenant_id=tenant_id,
        target=f"tenant:{tenant_id}",
    )
    await audit.publish(
        connection,
        event="tenant.restored",
        tenant_id=tenant_id,
        payload={"tenantId": str(tenant_id), "jobId": str(job.id)},
    )
    log.info("lifecycle.tenant.restored", tenant_id=str(tenant_id), job_id=str(job.id))
    return tenant


async def run_purge(
    connection: AsyncConnection,
    *,
    policy: LifecyclePolicy,
    queue: JobQueue,
    job_id: uuid.UUID,
) -> bool:
    """One run of the `lifecycle.purge` job: the whole deletion if small, else one batch.

    True when more batches remain: the worker runs it again at once, in a new transaction. The
    first run (the job PENDING, its row locked so only one starts it) counts the tenant's rows;
    a large tenant's purge then queues `parallel_domains - 1` more runs of this job, which work
    side by side, each batch in a domain no other run holds (the step row is locked). A run
    finding the job finished, failed or gone, or no domain free, does nothing. Each batch
    commits with its checkpoint, so a crashed run is simply run again, by whichever worker the
    queue gives the job to.
    """
    found = await repository.get_jobs(connection, [job_id])
    job = found[0] if found else None
    if job is not None and job.status is DeletionJobStatus.PENDING:
        job = await repository.lock_job(connection, job_id)
    if job is None or job.status not in (DeletionJobStatus.PENDING, DeletionJobStatus.RUNNING):
        return False
    await repository.commit_without_waiting_for_disk(connection)
    if job.status is DeletionJobStatus.PENDING:
        counts = await policy.plan.preview(connection, job.tenant_id)
        planned = sum(sum(entities.values()) for entities in counts.values())
        job = await repository.update_job(
            connection,
            job.id,
            status=DeletionJobStatus.RUNNING,
            started_at=datetime.now(UTC),
            items_planned=planned,
        )
        if planned <= policy.immediate_threshold:
            await _purge_in_one_transaction(connection, policy=policy, job=job)
            return False
        for _ in range(policy.parallel_domains - 1):
            await queue.enqueue(connection, PURGE_JOB, {"jobId": str(job.id)})
    return await _purge_one_batch(connection, policy=policy, job=job)


async def purge_due(connection: AsyncConnection, *, queue: JobQueue, now: datetime) -> int:
    """Start purging every SCHEDULED deletion past its retention period; how many."""
    due = await repository.due_scheduled_jobs(connection, now)
    for job_id in due:
        await repository.update_job(connection, job_id, status=DeletionJobStatus.PENDING)
        await queue.enqueue(connection, PURGE_JOB, {"jobId": str(job_id)})
    if due:
        log.info("lifecycle.purge.due", jobs=len(due))
    return len(due)


async def due_deletions(connection: AsyncConnection, *, now: datetime) -> list[uuid.UUID]:
    """Scheduled deletions whose retention is over (what the next `purge_due` will start)."""
    return await repository.due_scheduled_jobs(connection, now)


async def job_totals(connection: AsyncConnection) -> dict[DeletionJobStatus, tuple[int, int]]:
    """Per status: how many deletion jobs, and the rows they deleted (for the metrics)."""
    return await repository.job_totals(connection)


async def get_jobs(
    connection: AsyncConnection, ids: Sequence[uuid.UUID]
) -> list[DeletionJobRecord]:
    """Deletion jobs with these ids."""
    return await repository.get_jobs(connection, ids)


async def steps_of(
    connection: AsyncConnection, job_ids: Sequence[uuid.UUID]
) -> list[DeletionStepRecord]:
    """Steps of these jobs, in deletion order."""
    return await repository.steps_of(connection, job_ids)


def jobs_query(*, tenant_id: uuid.UUID | None, initiated_by: str | None) -> AnySelect:
    """The statement listing deletion jobs, oldest first (for paging)."""
    return repository.jobs_query(tenant_id=tenant_id, initiated_by=initiated_by)


async def _start_purge(
    connection: AsyncConnection,
    *,
    policy: LifecyclePolicy,
    queue: JobQueue,
    job: DeletionJobRecord,
) -> DeletionJobRecord:
    """Purge now when small (in the caller's transaction), else queue the batched job."""
    if job.items_planned > policy.immediate_threshold:
        await queue.enqueue(connection, PURGE_JOB, {"jobId": str(job.id)})
        return job
    job = await repository.update_job(
        connection, job.id, status=DeletionJobStatus.RUNNING, started_at=datetime.now(UTC)
    )
    await _purge_in_one_transaction(connection, policy=policy, job=job)
    (done,) = await repository.get_jobs(connection, [job.id])
    return done


async def _purge_in_one_transaction(
    connection: AsyncConnection, *, policy: LifecyclePolicy, job: DeletionJobRecord
) -> None:
    """Every domain's deleter in one savepoint: a failure anywhere undoes them all.

    The failure is then recorded on the job, outside the undone savepoint: FAILED, naming the
    domain and the error.
    """
    current: tuple[int, str] | None = None
    await plan_once_by_index(connection)
    try:
        # The tenant's memberships go with it: the scope is the tenant, not who asked.
        async with (
            row_security.widened(connection, row_security.tenant(job.tenant_id), why="purge"),
            connection.begin_nested(),
        ):
            for position, step in enumerate(policy.plan.steps):
                current = (position, step.domain)
                started, clock = datetime.now(UTC), time.perf_counter()
                counts = await step.deleter.delete(connection, job.tenant_id)
                await repository.update_step(
                    connection,
                    job_id=job.id,
                    position=position,
                    status=DeletionStepStatus.COMPLETED,
                    counts=counts,
                    items_deleted=sum(counts.values()),
                    started_at=started,
                    completed_at=datetime.now(UTC),
                    duration_ms=round((time.perf_counter() - clock) * 1000),
                )
            current = None
            await _finish(connection, policy=policy, job_id=job.id)
    except Exception as error:
        if connection.invalidated:  # the database went away: nothing to record the failure on
            raise
        await _fail(connection, job=job, step=current, error=error)


async def _purge_one_batch(
    connection: AsyncConnection, *, policy: LifecyclePolicy, job: DeletionJobRecord
) -> bool:
    """Delete one bounded batch of the first domain free; True while this run has more to do.

    The run that completes the last unfinished step certifies the deletion: steps are checked
    with the job row locked, so of two runs completing their last steps at once, the second
    sees the first's.
    """
    step = await repository.take_step(connection, job.id, last=policy.plan.last)
    if step is None:
        return False  # every domain is done or being deleted by another run
    started, clock = step.started_at or datetime.now(UTC), time.perf_counter()
    await plan_once_by_index(connection)
    try:
        async with connection.begin_nested():
            deleter = policy.plan.deleter(step.domain)
            # The step counts the tables it deleted from; the last one may still have rows.
            resume_at = next((e for e in reversed(deleter.entities) if e in step.counts), None)
            stopped = policy.resume_points.get(
                job.id, position=step.position, items_deleted=step.items_deleted
            )
            batch = await deleter.delete_batch(
                connection,
                job.tenant_id,
                limit=policy.batch_size,
                resume_at=stopped.table if stopped else resume_at,
                after=stopped.after if stopped else None,
            )
    except Exception as error:
        await _fail(connection, job=job, step=(step.position, step.domain), error=error)
        return False
    counts = dict(step.counts)
    for entity, deleted in batch.counts.items():
        counts[entity] = counts.get(entity, 0) + deleted
    deleted_now = sum(batch.counts.values())
    policy.resume_points.put(
        job.id,
        position=step.position,
        items_deleted=step.items_deleted + deleted_now,
        resume=batch.stopped,
    )
    await repository.update_step(
        connection,
        job_id=job.id,
        position=step.position,
        status=DeletionStepStatus.COMPLETED if batch.finished else DeletionStepStatus.RUNNING,
        counts=counts,
        items_deleted=step.items_deleted + deleted_now,
        started_at=started,
        completed_at=datetime.now(UTC) if batch.finished else None,
        duration_ms=step.duration_ms + round((time.perf_counter() - clock) * 1000),
    )
    await repository.count_deleted(connection, job.id, deleted_now)
    log.info(
        "lifecycle.purge.batch",
        job_id=str(job.id),
        domain=step.domain,
        rows=deleted_now,
        domain_finished=batch.finished,
        duration_ms=round((time.perf_counter() - clock) * 1000),
    )
    if not batch.finished:
        return True
    await repository.lock_job(connection, job.id)
    steps = await repository.steps_of(connection, [job.id])
    if any(other.status is not DeletionStepStatus.COMPLETED for other in steps):
        return True
    await _finish(connection, policy=policy, job_id=job.id)
    return False


async def _finish(
    connection: AsyncConnection, *, policy: LifecyclePolicy, job_id: uuid.UUID
) -> None:
    """Check in the catalog that nothing of the tenant is left, then certify and complete."""
    (job,) = await repository.get_jobs(connection, [job_id])
    steps = await repository.steps_of(connection, [job_id])
    deleted = {step.domain: step.counts for step in steps}
    total = sum(step.items_deleted for step in steps)
    left = await policy.plan.rows_left(connection, job.tenant_id)
    remaining = {table: rows for table, rows in left.items() if rows}
    now = datetime.now(UTC)
    if remaining:
        await repository.update_job(
            connection,
            job.id,
            status=DeletionJobStatus.FAILED,
            completed_at=now,
            total_items_deleted=total,
            error=f"rows remain after deletion: {remaining}",
        )
        log.error("lifecycle.deletion.incomplete", job_id=str(job.id), remaining=remaining)
        return
    certificate = policy.signer.sign(
        {
            "tenantId": str(job.tenant_id),
            "jobId": str(job.id),
            "mode": job.mode.value,
            "reason": job.reason,
            "initiatedBy": job.initiated_by,
            "requestedAt": job.created_at.isoformat(),
            "completedAt": now.isoformat(),
            "itemsDeleted": total,
            "deleted": deleted,
            "rowsRemaining": left,
        }
    )
    await repository.update_job(
        connection,
        job.id,
        status=DeletionJobStatus.COMPLETED,
        completed_at=now,
        total_items_deleted=total,
        certificate=certificate,
    )
    await audit.record(
        connection,
        actor=job.initiated_by,
        action="tenant.purged",
        tenant_id=job.tenant_id,
        target=f"tenant:{job.tenant_id}",
        reason=job.reason,
        counts={step.domain: step.items_deleted for step in steps},
    )
    log.info("lifecycle.deletion.completed", job_id=str(job.id), items=total)


async def _fail(
    connection: AsyncConnection,
    *,
    job: DeletionJobRecord,
    step: tuple[int, str] | None,
    error: Exception,
) -> None:
    domain = step[1] if step is not None else "certificate"
    message = f"{type(error).__name__}: {error}".splitlines()[0][:500]
    if step is not None:
        await repository.update_step(
            connection,
            job_id=job.id,
            position=step[0],
            status=DeletionStepStatus.FAILED,
            error=message,
        )
    await repository.update_job(
        connection,
        job.id,
        status=DeletionJobStatus.FAILED,
        completed_at=datetime.now(UTC),
        error=f"{domain}: {message}",
    )
    log.error("lifecycle.deletion.failed", job_id=str(job.id), domain=domain, exc_info=error)


def _clean_reason(reason: str | None) -> str | None:
    if reason is None or not reason.strip():
        return None
    cleaned = reason.strip()
    if len(cleaned) > MAX_REASON_LENGTH:
        raise OperationRefused.because(
            "INVALID_REASON", f"Give a reason of at most {MAX_REASON_LENGTH} characters.", "reason"
        )
    return cleaned
