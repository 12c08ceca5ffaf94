"""The trash's background job: the retention purge."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from domains.kernel.jobs import JobQueue, job_dependency
from domains.trash import service
from domains.trash.policy import TrashPolicy

PURGE = "trash.purge"


async def purge(connection: AsyncConnection, payload: Mapping[str, Any]) -> None:
    """`trash.purge`: one bounded batch per table; another run follows while more is due."""
    _, more = await service.purge_expired(
        connection, job_dependency(TrashPolicy), now=datetime.now(UTC)
    )
    if more:
        # A short transaction per batch: the next batch is a job of its own.
        await job_dependency(JobQueue).enqueue(connection, PURGE, {}, dedupe_key=PURGE)
