"""The worker: pgqueuer's QueueManager running every domain's job handlers."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

import asyncpg
import orjson
import structlog
from pgqueuer import DatabaseRetryEntrypointExecutor, Queries, QueueManager, SchedulerManager
from pgqueuer.executors import AbstractEntrypointExecutor, EntrypointExecutorParameters
from pgqueuer.models import Job, Schedule

from db import row_security
from db.database import Database
from db.engine import driver_dsn
from domains import registry
from domains.kernel.domain import Domain
from domains.kernel.jobs import JobHandler, providing
from gateway.jobs.queue import job_handlers
from gateway.metrics import JOB_DURATION
from gateway.resources import job_dependencies, job_schedules, pool_settings
from gateway.settings import Settings

log = structlog.get_logger()

RECONNECT_DELAY = 1.0
MAX_RECONNECT_DELAY = 30.0
"""Seconds between attempts to reach the database again, doubling up to this."""


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often a failing job runs again, and after how long (doubling each time)."""

    max_attempts: int = 5
    initial_delay: timedelta = timedelta(seconds=1)
    max_delay: timedelta = timedelta(minutes=5)


class JobWorker:
    """Runs queued jobs, each in its own committed transaction, until `stop()`.

    Jobs are claimed with `FOR UPDATE SKIP LOCKED`, so any number of workers in any number of
    processes share one queue without running a job twice; a worker that dies stops sending
    heartbeats and its jobs are picked again after `heartbeat_timeout`. A failing job is retried
    by pgqueuer with backoff (attempts are counted in its row, so retries survive restarts) and,
    after `retry.max_attempts`, kept with status `failed` for a person to look at and re-queue.
    """

    def __init__(
        self,
        *,
        database_url: str,
        database: Database,
        domains: Sequence[Domain],
        concurrency: int = 4,
        retry: RetryPolicy | None = None,
        heartbeat_timeout: timedelta = timedelta(seconds=30),
        poll_interval: timedelta = timedelta(seconds=5),
        dependencies: Mapping[type, object] | None = None,
        schedules: Mapping[str, str] | None = None,
    ) -> None:
        if concurrency < 2:
            # pgqueuer caps a worker at twice its batch size, and a batch holds one job at least.
            raise ValueError("a worker runs at least 2 jobs at once")
        self._dsn = driver_dsn(database_url)
        self._database = database
        self._handlers = job_handlers(domains)
        self._concurrency = concurrency
        self._retry = retry or RetryPolicy()
        self._heartbeat_timeout = heartbeat_timeout
        self._poll_interval = poll_interval
        self._dependencies = dependencies or {}
        # Periodic jobs: job name -> cron expression, run by pgqueuer's scheduler (one run per
        # tick across every worker, its table says who took it).
        self._schedules = dict(schedules or {})
        for name in self._schedules:
            if name not in self._handlers:
                raise LookupError(f"no domain handles the scheduled job {name!r}")
        self._scheduler: SchedulerManager | None = None
        self._manager: QueueManager | None = None
        self._stopping = False
        self._stop_requested = asyncio.Event()

    def _run_in_transaction(
        self, name: str, handler: JobHandler
    ) -> Callable[[Job], Awaitable[None]]:
        async def run(job: Job) -> None:
            payload = orjson.loads(job.payload) if job.payload else {}
            await self._run_handler(name, handler, payload)

        return run

    async def _run_handler(
        self, name: str, handler: JobHandler, payload: Mapping[str, Any]
    ) -> None:
        more = True
        started = time.perf_counter()
        outcome = "error"
        try:
            with providing(self._dependencies), row_security.scoped(_scope_of(payload)):
                while more:  # a handler asks for another run, in a new transaction, with True
                    async with self._database.transaction() as connection:
                        more = await handler(connection, payload) is True
            outcome = "ok"
        finally:
            JOB_DURATION.labels(entrypoint=name, outcome=outcome).observe(
                time.perf_counter() - started
            )

    def _executor(self, parameters: EntrypointExecutorParameters) -> AbstractEntrypointExecutor:
        # The retry executor rather than RetryRequested: handlers are domain code and stay free
        # of pgqueuer; any exception they raise becomes a database-level retry with backoff.
        return DatabaseRetryEntrypointExecutor(
            parameters,
            max_attempts=self._retry.max_attempts,
            initial_delay=self._retry.initial_delay,
            max_delay=self._retry.max_delay,
        )

    async def run(self) -> None:
        """Run jobs until `stop()`; jobs already started finish first.

        A failure of the queue's own connection (the database restarting, a network cut) does
        not end the worker: it connects again, waiting longer each time up to
        `MAX_RECONNECT_DELAY`. Jobs it had taken are picked again once their heartbeat is stale.
        """
        delay = RECONNECT_DELAY
        while True:  # at least once, even when stopped before it began: it registers schedules
            started = time.monotonic()
            try:
                await self._run_once()
                return
            except Exception as error:
                if self._stopping:
                    return
                if time.monotonic() - started > MAX_RECONNECT_DELAY:
                    delay = RECONNECT_DELAY  # it ran a good while: a new outage, start over
                log.error(
                    "jobs.worker.reconnecting",
                    error=f"{type(error).__name__}: {error}",
                    retry_in_seconds=delay,
                )
                await self._pause(delay)
                delay = min(delay * 2, MAX_RECONNECT_DELAY)

    async def _pause(self, seconds: float) -> None:
        """Wait `seconds`, or less if `stop()` is called meanwhile."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop_requested.wait(), timeout=seconds)

    async def _run_once(self) -> None:
        connection = await asyncpg.connect(
            self._dsn, server_settings={"application_name": "bakery-gateway-worker"}
        )
        try:
            # One connection for pgqueuer's own statements and LISTEN; handlers use the pool.
            manager = QueueManager(Queries.from_asyncpg_connection(connection))
            for name, handler in self._handlers.items():
                manager.entrypoint(name, on_failure="hold", executor_factory=self._executor)(
                    self._run_in_transaction(name, handler)
                )
            self._manager = manager
            if self._stopping:
                manager.shutdown.set()
            log.info(
                "jobs.worker.started", jobs=sorted(self._handlers), concurrency=self._concurrency
            )
            async with asyncio.TaskGroup() as running:
                if self._schedules:
                    running.create_task(self._run_schedules())
                await manager.run(
                    batch_size=self._concurrency // 2,
                    max_concurrent_tasks=self._concurrency,
                    heartbeat_timeout=self._heartbeat_timeout,
                    # New jobs wake the worker by NOTIFY; polling is the safety net for a missed
                    # one (seen with retries re-queued while a batch was dispatching).
                    dequeue_timeout=self._poll_interval,
                )
                if self._scheduler is not None:
                    self._scheduler.shutdown.set()
        finally:
            self._manager = None
            await connection.close()
        log.info("jobs.worker.stopped")

    async def _run_schedules(self) -> None:
        """pgqueuer's scheduler on a connection of its own, running each periodic job's handler."""
        connection = await asyncpg.connect(
            self._dsn, server_settings={"application_name": "bakery-gateway-scheduler"}
        )
        try:
            scheduler = SchedulerManager(Queries.from_asyncpg_connection(connection))
            for name, expression in self._schedules.items():
                handler = self._handlers[name]

                async def tick(
                    schedule: Schedule, name: str = name, handler: JobHandler = handler
                ) -> None:
                    await self._run_handler(name, handler, {})

                scheduler.schedule(name, expression, clean_old=True)(tick)
            self._scheduler = scheduler
            if self._stopping:
                scheduler.shutdown.set()
            await scheduler.run()
        finally:
            self._scheduler = None
            await connection.close()

    def stop(self) -> None:
        """Ask `run()` to return once the jobs it has started are done."""
        self._stopping = True
        self._stop_requested.set()
        if self._manager is not None:
            self._manager.shutdown.set()
        if self._scheduler is not None:
            self._scheduler.shutdown.set()


def _scope_of(payload: Mapping[str, Any]) -> row_security.Scope:
    """Jobs about one tenant see that tenant; the platform's own jobs see every tenant."""
    tenant_id = payload.get("tenant_id")
    return row_security.PLATFORM if tenant_id is None else row_security.tenant(uuid.UUID(tenant_id))


def _log_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and (error := task.exception()) is not None:
        # The gateway still serves GraphQL without its worker; say so at once, loudly.
        log.error("jobs.worker.failed", exc_info=error)


@asynccontextmanager
async def running_in_background(worker: JobWorker) -> AsyncIterator[None]:
    """`worker` running beside the block (the app's lifespan); stopped, and waited for, after."""
    task = asyncio.create_task(worker.run())
    task.add_done_callback(_log_failure)
    try:
        yield
    finally:
        worker.stop()
        await asyncio.wait({task})


async def run_worker_process(settings: Settings, concurrency: int) -> None:
    """`gateway worker`: run every domain's jobs until SIGTERM or SIGINT; started ones finish."""
    if settings.database_url is None:
        raise RuntimeError("no database URL; call gateway.runtime.prepare() first")
    # Each running job holds one pooled connection for its transaction.
    pool = replace(pool_settings(settings), size=concurrency, max_overflow=0)
    database = Database.connect(settings.database_url, pool, role=settings.database_role)
    worker = JobWorker(
        database_url=settings.database_url,
        database=database,
        domains=registry.DOMAINS,
        concurrency=concurrency,
        heartbeat_timeout=timedelta(seconds=settings.worker_heartbeat_timeout_seconds),
        dependencies=job_dependencies(settings),
        schedules=job_schedules(settings),
    )
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, worker.stop)
    try:
        await worker.run()
    finally:
        await database.dispose()
