"""The lifecycle domain's background jobs: the batched purge and the periodic sweep."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from domains.kernel.jobs import JobQueue, job_dependency
from domains.lifecycle import service
from domains.lifecycle.policy import LifecyclePolicy


async def purge(connection: AsyncConnection, payload: Mapping[str, Any]) -> bool:
    """`lifecycle.purge`: a tenant's hard deletion, all at once if small, else batch by batch.

    Returns True while batches remain, so the worker runs the next one in a new transaction.
    """
    return await service.run_purge(
        connection,
        policy=job_dependency(LifecyclePolicy),
        queue=job_dependency(JobQueue),
        job_id=uuid.UUID(payload["jobId"]),
    )


async def purge_due(connection: AsyncConnection, payload: Mapping[str, Any]) -> None:
    """`lifecycle.purge_due`: start the purge of every SCHEDULED deletion past its retention."""
    await service.purge_due(connection, queue=job_dependency(JobQueue), now=datetime.now(UTC))
