"""An app whose deletions take the batched path, and an in-process worker the tests can follow."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import orjson
from pgqueuer.models import Job
from starlette.applications import Starlette

from domains.kernel.jobs import JobHandler
from domains.lifecycle.domain import DOMAIN as LIFECYCLE
from gateway.jobs.worker import JobWorker, running_in_background
from tests.lifecycle.api import JOB
from tests.support import Bakery

# Runs of `lifecycle.*` jobs committed by the test workers, by deletion job id.
runs: Counter[str] = Counter()
_ran = asyncio.Condition()


class FollowedWorker(JobWorker):
    """A real worker that also notes each job once its transaction has committed."""

    def _run_in_transaction(
        self, name: str, handler: JobHandler
    ) -> Callable[[Job], Awaitable[None]]:
        run = super()._run_in_transaction(name, handler)

        async def run_and_note(job: Job) -> None:
            await run(job)
            payload = orjson.loads(job.payload) if job.payload else {}
            async with _ran:
                runs[str(payload.get("jobId"))] += 1
                _ran.notify_all()

        return run_and_note


@asynccontextmanager
async def lifecycle_worker(app: Starlette, database_url: str) -> AsyncIterator[None]:
    """The lifecycle jobs of `app`'s settings running beside the block."""
    global _ran
    _ran = asyncio.Condition()
    worker = FollowedWorker(
        database_url=database_url,
        database=app.state.resources.database,
        domains=[LIFECYCLE],
        concurrency=2,
        poll_interval=timedelta(seconds=0.5),
        dependencies=app.state.resources.dependencies,
    )
    async with running_in_background(worker):
        yield


async def job_when(
    bakery: Bakery, job_id: str, done: Callable[[dict[str, Any]], bool], within: float = 30
) -> dict[str, Any]:
    """The deletion job once `done(job)` holds, re-read after each job run."""
    async with asyncio.timeout(within):
        while True:
            async with _ran:
                seen = sum(runs.values())
            job: dict[str, Any] = (await bakery.run(JOB, {"id": job_id})).data["deletionJob"]
            if done(job):
                return job
            async with _ran:
                await _ran.wait_for(_more_runs_than(seen))


def _more_runs_than(seen: int) -> Callable[[], bool]:
    return lambda: sum(runs.values()) > seen
