"""Background jobs as domains see them: a handler to register, a queue to enqueue on."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncConnection

T = TypeVar("T")

# Runs in a transaction the worker opens and commits; like a service, a handler never commits.
# A handler returning True has more to do: the worker runs it again at once, in a new
# transaction, until it returns something else. A long job is so done in short transactions,
# each recording its own progress; if the worker dies between two, the queue hands the job to
# another worker, whose first run carries on from what the committed runs recorded.
JobHandler = Callable[[AsyncConnection, Mapping[str, Any]], Awaitable[bool | None]]

_job_dependencies: ContextVar[Mapping[type, object] | None] = ContextVar(
    "job_dependencies", default=None
)


@contextmanager
def providing(dependencies: Mapping[type, object]) -> Iterator[None]:
    """Make `dependencies` what `job_dependency` finds inside the block (the worker, per job)."""
    token = _job_dependencies.set(dependencies)
    try:
        yield
    finally:
        _job_dependencies.reset(token)


def job_dependency(kind: type[T]) -> T:
    """For a running job, the process-wide object of this class (as `context.dependency`)."""
    found = (_job_dependencies.get() or {}).get(kind)
    if not isinstance(found, kind):
        raise LookupError(f"no {kind.__name__} given to this job's worker")
    return found


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
