"""The demo domain's background job: the periodic clean-up of expired and ended sessions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from domains.demo import service
from domains.demo.policy import DemoPolicy
from domains.kernel.jobs import JobQueue, job_dependency
from domains.lifecycle.policy import LifecyclePolicy


async def cleanup(connection: AsyncConnection, payload: Mapping[str, Any]) -> bool:
    """`demo.cleanup`: delete the copies of expired and ended sessions, a batch per transaction.

    Returns True while a full batch was cleaned, so the worker runs the next one at once.
    """
    policy = job_dependency(DemoPolicy)
    cleaned = await service.clean_up(
        connection,
        policy=policy,
        lifecycle_policy=job_dependency(LifecyclePolicy),
        queue=job_dependency(JobQueue),
    )
    return cleaned >= policy.cleanup_batch_size
