"""Background jobs as domains see them: a handler to register, a queue to enqueue on."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

# Runs in a transaction the worker opens and commits; like a service, a handler never commits.
JobHandler = Callable[[AsyncConnection, Mapping[str, Any]], Awaitable[None]]


class JobQueue:
    """Where a domain puts work for later; the gateway provides it (`context.dependency`).

    A plain class rather than a Protocol: the request context looks dependencies up by class,
    and mypy accepts only a concrete class there.
    """

    async def enqueue(
        self,
        connection: AsyncConnection,
        name: str,
        payload: Mapping[str, Any],
        *,
        dedupe_key: str | None = None,
    ) -> int | None:
        """Queue job `name` (`<domain>.<kind>`) in `connection`'s transaction; its id.

        The job exists if and only if that transaction commits. With `dedupe_key`, a job with
        the same key still waiting or running makes this a no-op that returns None.
        """
        raise NotImplementedError
