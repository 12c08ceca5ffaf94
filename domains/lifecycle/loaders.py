"""Per-request DataLoaders of the lifecycle domain."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncConnection

from domains.kernel.loaders import Loader
from domains.lifecycle import service
from domains.lifecycle.records import DeletionJobRecord, DeletionStepRecord


class DeletionJobByIdLoader(Loader[uuid.UUID, DeletionJobRecord | None]):
    """Deletion jobs by id."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[uuid.UUID]
    ) -> Mapping[uuid.UUID, DeletionJobRecord | None]:
        return {job.id: job for job in await service.get_jobs(connection, keys)}


class StepsByDeletionJobLoader(Loader[uuid.UUID, list[DeletionStepRecord]]):
    """The steps of each deletion job, in deletion order."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[uuid.UUID]
    ) -> Mapping[uuid.UUID, list[DeletionStepRecord]]:
        grouped: dict[uuid.UUID, list[DeletionStepRecord]] = defaultdict(list)
        for step in await service.steps_of(connection, keys):
            grouped[step.job_id].append(step)
        return grouped

    def missing(self) -> list[DeletionStepRecord]:
        return []
