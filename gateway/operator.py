"""What the operator commands do (`gateway jobs`, `delete-tenant`, `restore-tenant`, `purge`).

They call the same services as the API, as the service `gateway-cli`, each in its own
transaction; the terminal output lives in `gateway.cli`.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from db import row_security
from db.pagination import fetch_page
from domains.lifecycle import service as lifecycle
from domains.lifecycle.kinds import DeletionMode
from domains.lifecycle.records import DeletionJobRecord
from domains.tenants.records import TenantRecord
from domains.trash import service as trash
from gateway.resources import Resources
from gateway.settings import Settings

ACTOR = "service:gateway-cli"
"""How the command line is recorded in jobs and the audit log."""


@asynccontextmanager
async def opened(settings: Settings) -> AsyncIterator[Resources]:
    """The gateway's resources for one command, closed when it ends.

    An operator acts for the platform: the database shows every tenant to the command.
    """
    resources = Resources.open(settings)
    try:
        with row_security.scoped(row_security.PLATFORM):
            yield resources
    finally:
        await resources.close()


async def recent_jobs(
    resources: Resources, *, tenant_id: uuid.UUID | None, limit: int
) -> list[DeletionJobRecord]:
    """Deletion jobs (of one tenant, or all), oldest first, at most `limit`."""
    async with resources.database.read() as connection:
        page = await fetch_page(
            connection,
            lifecycle.jobs_query(tenant_id=tenant_id, initiated_by=None),
            order_by=lifecycle.JOB_ORDER,
            after=None,
            limit=limit,
        )
    return [lifecycle.job_record(row) for row in page.rows]


async def job(resources: Resources, job_id: uuid.UUID) -> DeletionJobRecord | None:
    """One deletion job, as it stands now."""
    async with resources.database.read() as connection:
        found = await lifecycle.get_jobs(connection, [job_id])
    return found[0] if found else None


async def delete_tenant(
    resources: Resources, *, tenant_id: uuid.UUID, reason: str | None, immediate: bool
) -> DeletionJobRecord:
    """Start deleting a tenant (or find the deletion under way), as `deleteTenant` does."""
    async with resources.database.transaction() as connection:
        return await lifecycle.delete_tenant(
            connection,
            policy=resources.lifecycle,
            queue=resources.jobs,
            tenant_id=tenant_id,
            reason=reason,
            mode=DeletionMode.IMMEDIATE if immediate else DeletionMode.SCHEDULED,
            actor=ACTOR,
        )


async def restore_tenant(resources: Resources, *, tenant_id: uuid.UUID) -> TenantRecord:
    """Bring back a tenant deleted with SCHEDULED, as `restoreTenant` does."""
    async with resources.database.transaction() as connection:
        return await lifecycle.restore_tenant(connection, tenant_id=tenant_id, actor=ACTOR)


@dataclass(frozen=True, slots=True)
class PurgeReport:
    """What a purge removed (or, dry, would remove): trash rows per entity, tenant deletions."""

    trash: dict[str, int]
    tenants: int


async def purge(resources: Resources, *, dry_run: bool) -> PurgeReport:
    """The retention purges now: soft-deleted rows past retention, tenants past `purgeAfter`.

    Dry, only counts. Otherwise the trash is purged batch after batch, each batch its own
    transaction, and the due tenant deletions are queued for the workers (as the periodic jobs
    do).
    """
    now = datetime.now(UTC)
    if dry_run:
        async with resources.database.read() as connection:
            due = await trash.due_for_purge(connection, resources.trash, now=now)
            tenants = await lifecycle.due_deletions(connection, now=now)
        return PurgeReport({entity: count for entity, count in due.items() if count}, len(tenants))
    purged: dict[str, int] = {}
    more = True
    while more:
        async with resources.database.transaction() as connection:
            batch, more = await trash.purge_expired(connection, resources.trash, now=now)
        for entity, count in batch.items():
            purged[entity] = purged.get(entity, 0) + count
    async with resources.database.transaction() as connection:
        started = await lifecycle.purge_due(connection, queue=resources.jobs, now=now)
    return PurgeReport(purged, started)
