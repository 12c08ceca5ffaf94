"""All SQL of the lifecycle domain: deletion jobs and steps, counts and checks across schemas."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Row,
    Uuid,
    bindparam,
    column,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    table,
    text,
    union_all,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import aliased

from db.pagination import AnySelect
from domains.lifecycle.kinds import ACTIVE_STATUSES, DeletionJobStatus, DeletionStepStatus
from domains.lifecycle.models import DeletionJob, DeletionStep
from domains.lifecycle.records import DeletionJobRecord, DeletionStepRecord

_JOB = (
    DeletionJob.id,
    DeletionJob.tenant_id,
    DeletionJob.mode,
    DeletionJob.status,
    DeletionJob.reason,
    DeletionJob.initiated_by,
    DeletionJob.created_at,
    DeletionJob.started_at,
    DeletionJob.completed_at,
    DeletionJob.purge_after,
    DeletionJob.items_planned,
    DeletionJob.total_items_deleted,
    DeletionJob.error,
    DeletionJob.certificate,
)
_STEP = (
    DeletionStep.job_id,
    DeletionStep.position,
    DeletionStep.domain,
    DeletionStep.status,
    DeletionStep.counts,
    DeletionStep.items_deleted,
    DeletionStep.started_at,
    DeletionStep.completed_at,
    DeletionStep.duration_ms,
    DeletionStep.error,
)
JOB_ORDER: tuple[Any, ...] = (DeletionJob.created_at, DeletionJob.id)


def job_record(row: Row[Any]) -> DeletionJobRecord:
    """A job record from a row selected with the job's columns first."""
    return DeletionJobRecord(*row[: len(_JOB)])


def step_record(row: Row[Any]) -> DeletionStepRecord:
    """A step record from a row selected with the step's columns first."""
    return DeletionStepRecord(*row[: len(_STEP)])


async def insert_job(connection: AsyncConnection, **values: Any) -> DeletionJobRecord:
    """Insert a deletion job."""
    statement = insert(DeletionJob).values(id=uuid.uuid4(), **values).returning(*_JOB)
    return job_record((await connection.execute(statement)).one())


async def insert_steps(
    connection: AsyncConnection, *, job_id: uuid.UUID, domains: Sequence[str]
) -> None:
    """One PENDING step per domain, in deletion order."""
    await connection.execute(
        insert(DeletionStep),
        [
            {"job_id": job_id, "position": position, "domain": domain, "status": "PENDING"}
            for position, domain in enumerate(domains)
        ],
    )


async def active_job(connection: AsyncConnection, tenant_id: uuid.UUID) -> DeletionJobRecord | None:
    """The tenant's deletion under way (pending, scheduled or running), if any."""
    statement = select(*_JOB).where(
        DeletionJob.tenant_id == tenant_id, DeletionJob.status.in_(ACTIVE_STATUSES)
    )
    row = (await connection.execute(statement)).first()
    return job_record(row) if row is not None else None


async def job_totals(connection: AsyncConnection) -> dict[DeletionJobStatus, tuple[int, int]]:
    """Per status: how many deletion jobs, and the rows they deleted."""
    statement = select(
        DeletionJob.status,
        func.count(),
        func.coalesce(func.sum(DeletionJob.total_items_deleted), 0),
    ).group_by(DeletionJob.status)
    return {
        status: (int(jobs), int(rows)) for status, jobs, rows in await connection.execute(statement)
    }


async def get_jobs(
    connection: AsyncConnection, ids: Sequence[uuid.UUID]
) -> list[DeletionJobRecord]:
    """Deletion jobs with these ids."""
    return [
        job_record(row)
        for row in await connection.execute(select(*_JOB).where(DeletionJob.id.in_(ids)))
    ]


async def commit_without_waiting_for_disk(connection: AsyncConnection) -> None:
    """This transaction's commit does not wait for its WAL to reach disk.

    Safe where work is idempotent and checkpointed in the same transaction: a database crash
    may lose the last such commits, but each loses its rows' deletion and its checkpoint
    together, and the work is redone. It saves a disk flush per batch.
    """
    await connection.execute(text("SET LOCAL synchronous_commit = off"))


async def lock_job(connection: AsyncConnection, job_id: uuid.UUID) -> DeletionJobRecord | None:
    """A deletion job, locked until the transaction ends (one runner at a time)."""
    statement = select(*_JOB).where(DeletionJob.id == job_id).with_for_update()
    row = (await connection.execute(statement)).first()
    return job_record(row) if row is not None else None


async def update_job(
    connection: AsyncConnection, job_id: uuid.UUID, **values: Any
) -> DeletionJobRecord:
    """Change a deletion job."""
    statement = (
        update(DeletionJob).where(DeletionJob.id == job_id).values(**values).returning(*_JOB)
    )
    return job_record((await connection.execute(statement)).one())


async def steps_of(
    connection: AsyncConnection, job_ids: Sequence[uuid.UUID]
) -> list[DeletionStepRecord]:
    """The steps of these jobs, in deletion order."""
    statement = (
        select(*_STEP)
        .where(DeletionStep.job_id.in_(job_ids))
        .order_by(DeletionStep.job_id, DeletionStep.position)
    )
    return [step_record(row) for row in await connection.execute(statement)]


async def take_step(
    connection: AsyncConnection, job_id: uuid.UUID, *, last: str | None
) -> DeletionStepRecord | None:
    """The job's first unfinished step that no other transaction holds, locked until commit.

    The step of domain `last` is only taken once every other step is completed. Runs of one
    deletion working side by side so take different domains (`SKIP LOCKED`).
    """
    other = aliased(DeletionStep)
    others_unfinished = exists().where(
        other.job_id == job_id,
        other.domain != last,
        other.status != DeletionStepStatus.COMPLETED,
    )
    statement = (
        select(*_STEP)
        .where(
            DeletionStep.job_id == job_id,
            DeletionStep.status.in_((DeletionStepStatus.PENDING, DeletionStepStatus.RUNNING)),
            or_(DeletionStep.domain != last, ~others_unfinished),
        )
        .order_by(DeletionStep.position)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    row = (await connection.execute(statement)).first()
    return step_record(row) if row is not None else None


async def count_deleted(connection: AsyncConnection, job_id: uuid.UUID, rows: int) -> None:
    """Add `rows` to the job's deleted items (an increment: runs side by side add theirs)."""
    await connection.execute(
        update(DeletionJob)
        .where(DeletionJob.id == job_id)
        .values(total_items_deleted=DeletionJob.total_items_deleted + rows)
    )


async def update_step(
    connection: AsyncConnection, *, job_id: uuid.UUID, position: int, **values: Any
) -> None:
    """Change one step of a job."""
    await connection.execute(
        update(DeletionStep)
        .where(DeletionStep.job_id == job_id, DeletionStep.position == position)
        .values(**values)
    )


async def reset_steps(connection: AsyncConnection, job_id: uuid.UUID) -> None:
    """Every step of the job back to PENDING with nothing counted (its deletion was undone)."""
    await connection.execute(
        update(DeletionStep)
        .where(DeletionStep.job_id == job_id)
        .values(
            status=DeletionStepStatus.PENDING,
            counts={},
            items_deleted=0,
            started_at=None,
            completed_at=None,
            duration_ms=0,
            error=None,
        )
    )


def jobs_query(*, tenant_id: uuid.UUID | None, initiated_by: str | None) -> AnySelect:
    """Deletion jobs of a tenant, or started by someone, or all (for paging)."""
    statement = select(*_JOB)
    if tenant_id is not None:
        statement = statement.where(DeletionJob.tenant_id == tenant_id)
    if initiated_by is not None:
        statement = statement.where(DeletionJob.initiated_by == initiated_by)
    return statement


async def due_scheduled_jobs(connection: AsyncConnection, now: datetime) -> list[uuid.UUID]:
    """Scheduled deletions whose retention period is over."""
    statement = select(DeletionJob.id).where(
        DeletionJob.status == DeletionJobStatus.SCHEDULED, DeletionJob.purge_after <= now
    )
    return list((await connection.scalars(statement)).all())


async def count_rows(
    connection: AsyncConnection, statement: CompoundSelect[Any], tenant_id: uuid.UUID
) -> list[tuple[str, str, int]]:
    """(domain, entity, rows) of a tenant, from a UNION ALL of counts (`:tenant_id`)."""
    rows = await connection.execute(statement, {"tenant_id": tenant_id})
    return [(row[0], row[1], int(row[2])) for row in rows]


_TENANT_TABLES = text(
    """
    SELECT n.nspname, c.relname, a.attname
    FROM pg_catalog.pg_attribute AS a
    JOIN pg_catalog.pg_class AS c ON c.oid = a.attrelid
    JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND n.nspname = ANY(:schemas)
      AND a.attnum > 0 AND NOT a.attisdropped
      AND (a.attname = 'tenant_id'
           OR (n.nspname, c.relname, a.attname) = ('tenants', 'tenants', 'id'))
    ORDER BY 1, 2
    """
).bindparams(bindparam("schemas"))


async def tenant_tables(
    connection: AsyncConnection, schemas: Collection[str]
) -> list[tuple[str, str, str]]:
    """(schema, table, tenant column) of every table the catalog shows holding a tenant id."""
    rows = await connection.execute(_TENANT_TABLES, {"schemas": sorted(schemas)})
    return [(row[0], row[1], row[2]) for row in rows]


async def rows_left(
    connection: AsyncConnection, tables: Sequence[tuple[str, str, str]], tenant_id: uuid.UUID
) -> dict[str, int]:
    """Rows holding the tenant's id in each of `tables` (from the catalog), in one statement."""
    if not tables:
        return {}
    # Tables the models may not know: built from their catalog names, quoted by SQLAlchemy.
    parts = [
        select(literal(f"{schema}.{name}").label("name"), func.count().label("rows"))
        .select_from(table(name, schema=schema))
        .where(column(tenant_column, Uuid) == tenant_id)
        for schema, name, tenant_column in tables
    ]
    rows = await connection.execute(union_all(*parts))
    return {row.name: int(row.rows) for row in rows}
