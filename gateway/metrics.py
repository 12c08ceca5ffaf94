"""Prometheus metrics: what the gateway counts, and the `/metrics` endpoint that exposes them.

Counters and histograms are updated as requests finish (by the access log middleware, which
already knows each request's status, duration and operation); gauges of
shared state (the job queue, the connection pool) are read when Prometheus scrapes. With several
`gateway serve` workers, `serve` points `PROMETHEUS_MULTIPROC_DIR` at a directory of the data
directory before the workers start, and each scrape adds up every worker's values.
"""

from __future__ import annotations

import os
import re
from typing import Any

import structlog
from pgqueuer import Queries
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.requests import Request
from starlette.responses import Response

from db.database import Database
from domains.demo import service as demo
from domains.lifecycle import service as lifecycle
from domains.lifecycle.kinds import DeletionJobStatus
from gateway.admission import Admission
from gateway.resources import Resources

log = structlog.get_logger()

REQUESTS = Counter(
    "gateway_requests_total",
    "HTTP requests, by GraphQL operation name and type and by outcome.",
    ["operation", "operation_type", "outcome"],
)
LATENCY = Histogram(
    "gateway_request_duration_seconds",
    "Time to answer a request, by GraphQL operation name and type and by outcome.",
    ["operation", "operation_type", "outcome"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
ERRORS = Counter("gateway_graphql_errors_total", "Errors in GraphQL responses, by code.", ["code"])
POOL = Gauge(
    "gateway_db_pool_connections",
    "Database connections of this process's pool, in use or idle.",
    ["state"],
    multiprocess_mode="livesum",
)
OPERATIONS = Gauge(
    "gateway_graphql_operations",
    "GraphQL operations of this process running, or waiting in line for a turn (admission).",
    ["state"],
    multiprocess_mode="livesum",
)
QUEUE = Gauge(
    "gateway_job_queue_jobs",
    "Jobs in the queue, by entrypoint and status (queued, picked).",
    ["entrypoint", "status"],
    multiprocess_mode="mostrecent",
)

PROCESSED = Gauge(
    "gateway_jobs_processed",
    "Jobs the queue has finished, by entrypoint and outcome (pgqueuer's statistics).",
    ["entrypoint", "status"],
    multiprocess_mode="mostrecent",
)
DELETIONS = Gauge(
    "gateway_deletion_jobs",
    "Tenant deletion jobs, by status.",
    ["status"],
    multiprocess_mode="mostrecent",
)
DELETED_ROWS = Gauge(
    "gateway_deletion_rows_deleted",
    "Rows deleted by tenant deletion jobs, by the jobs' status.",
    ["status"],
    multiprocess_mode="mostrecent",
)

JOB_DURATION = Histogram(
    "gateway_job_duration_seconds",
    "Time a job's handler took in this process (all its runs), by entrypoint and outcome: "
    "deletion batches, purges, demo clean-ups, forecasts.",
    ["entrypoint", "outcome"],
    buckets=(0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 1800),
)
DEMO_SESSIONS = Gauge(
    "gateway_demo_sessions",
    "Demo sessions by status (active, expired, ended).",
    ["status"],
    multiprocess_mode="mostrecent",
)
DEMO_CLONE = Gauge(
    "gateway_demo_clone_milliseconds_median",
    "Median time to copy a demo template into a new session.",
    multiprocess_mode="mostrecent",
)

MAX_OPERATION_NAMES = 500
"""Distinct operation names a process labels; later ones count as `other`, so a client sending
random names cannot grow the metrics without bound."""
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
_seen_names: set[str] = set()


def operation_label(name: object) -> str:
    """The label of an operation name: itself while few are known, `-` without, else `other`."""
    if not isinstance(name, str) or not name:
        return "-"
    if name in _seen_names:
        return name
    if not _NAME.fullmatch(name) or len(_seen_names) >= MAX_OPERATION_NAMES:
        return "other"
    _seen_names.add(name)
    return name


def outcome_of(status: int, error_codes: list[str]) -> str:
    """`ok`, `error` (a GraphQL response with errors), `rejected` (4xx) or `failed` (5xx)."""
    if status >= 500:
        return "failed"
    if status >= 400:
        return "rejected"
    return "error" if error_codes else "ok"


def observe_request(fields: dict[str, Any], status: int, seconds: float) -> None:
    """Count a finished /graphql request from its access-log fields (operation, error codes)."""
    codes = list(fields.get("error_codes") or [])
    labels = {
        "operation": operation_label(fields.get("operation")),
        "operation_type": fields.get("operation_type") or "-",
        "outcome": outcome_of(status, codes),
    }
    REQUESTS.labels(**labels).inc()
    LATENCY.labels(**labels).observe(seconds)
    for code in codes:
        ERRORS.labels(code=code).inc()


def observe_pool(database: Database) -> None:
    """Set the pool gauge from the engine's pool."""
    pool = database.engine.sync_engine.pool
    in_use = pool.checkedout()  # type: ignore[attr-defined] # QueuePool's counters
    idle = pool.checkedin()  # type: ignore[attr-defined]
    POOL.labels(state="in_use").set(in_use)
    POOL.labels(state="idle").set(idle)


def observe_admission(admission: Admission) -> None:
    """Set the operations gauge from the process's admission line."""
    OPERATIONS.labels(state="running").set(admission.running)
    OPERATIONS.labels(state="waiting").set(admission.waiting)


async def observe_queue(database: Database) -> None:
    """Set the queue gauges from pgqueuer's own statistics queries."""
    async with database.read() as connection:
        raw = (await connection.get_raw_connection()).driver_connection
        queries = Queries.from_asyncpg_connection(raw)
        sizes = await queries.queue_size()
        processed = await queries.throughput_summary()
    QUEUE.clear()
    for size in sizes:
        QUEUE.labels(entrypoint=str(size.entrypoint), status=str(size.status)).inc(size.count)
    PROCESSED.clear()
    for total in processed:
        PROCESSED.labels(entrypoint=str(total.entrypoint), status=str(total.status)).set(
            total.total_count
        )


async def observe_deletions(database: Database) -> None:
    """Set the deletion gauges: jobs and the rows they deleted, per status."""
    async with database.read() as connection:
        totals = await lifecycle.job_totals(connection)
    for status in DeletionJobStatus:
        jobs, rows = totals.get(status, (0, 0))
        DELETIONS.labels(status=status.value).set(jobs)
        DELETED_ROWS.labels(status=status.value).set(rows)


async def observe_demo(database: Database) -> None:
    """Set the demo gauges from the sessions' own statistics."""
    async with database.read() as connection:
        stats = await demo.stats(connection)
    DEMO_SESSIONS.labels(status="active").set(stats.active)
    DEMO_SESSIONS.labels(status="expired").set(stats.expired)
    DEMO_SESSIONS.labels(status="ended").set(stats.ended)
    DEMO_CLONE.set(float(stats.clone_ms_median or 0))


async def metrics(request: Request) -> Response:
    """GET /metrics: every metric in Prometheus's text format."""
    resources: Resources = request.app.state.resources
    database = resources.database
    observe_pool(database)
    observe_admission(resources.admission)
    for observe in (observe_queue, observe_deletions, observe_demo):
        try:
            await observe(database)
        except Exception as error:  # the other metrics are still worth serving
            log.warning("metrics.unavailable", source=observe.__name__, error=str(error))
    registry = REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
