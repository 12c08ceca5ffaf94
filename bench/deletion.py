"""Deleting a large tenant: the gateway's job path against plain DELETE statements.

Two tenants of identical shape, about `LARGE_ROWS` rows each over every domain schema. The twin
is deleted with one `DELETE ... WHERE tenant_id = $1` per table, children first, in one
transaction (the floor). The other goes through `deleteTenant(mode: IMMEDIATE)` as its owner
would send it: above the threshold, so the gateway's worker purges it in bounded batches, one
short transaction each, timed from the request to the job's COMPLETED. Meanwhile the process's
resident memory and the longest open transaction of the gateway are sampled; a tenant ten times
smaller is deleted the same way, so the memory figures show whether they grow with the tenant.
Both after a first deletion of another large tenant: the first deletions fill the process's
caches (compiled statements for each table's batches) and pools, once and within their bounds,
which says nothing about how memory grows with the tenant.
`deletionPreview` on the large tenant is timed against the same counts sent as raw SQL.
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from dataclasses import dataclass

import structlog
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from structlog.testing import capture_logs
from structlog.typing import EventDict

from bench.client import Account, SetupError
from bench.environment import Environment
from bench.harness import Comparison
from bench.tenant_builder import TemplateBakery, analyze, clone, grow, tenant_tables
from bench.timing import Samples
from db.base import table_scope

LARGE_ROWS = int(os.environ.get("BENCH_DELETION_ROWS", "1000000"))
SMALL_ROWS = LARGE_ROWS // 10
PREVIEW_SAMPLES = 20
SAMPLE_EVERY = 0.02  # seconds between samples of memory and open transactions
PREVIEW = """
query($t: ID!) { deletionPreview(tenantId: $t) { totalItems domains { domain total } } }
"""
DELETE = """
mutation($t: ID!) {
  deleteTenant(tenantId: $t, reason: "bench", mode: IMMEDIATE) {
    job { id status } errors { code message } } }
"""
JOB = "query($id: ID!) { deletionJob(id: $id) { status totalItemsDeleted error } }"
LONGEST_TRANSACTION = text(
    "SELECT extract(epoch FROM clock_timestamp() - xact_start) AS seconds, left(query, 80) "
    "FROM pg_stat_activity WHERE application_name = 'bakery-gateway' AND state <> 'idle' "
    "AND datname = current_database() AND xact_start IS NOT NULL AND pid <> pg_backend_pid() "
    "ORDER BY 1 DESC LIMIT 1"
)


@dataclass(frozen=True, slots=True)
class Purge:
    """What one deletion through the gateway took."""

    rows: int
    seconds: float
    peak_rss_growth_mib: float
    longest_transaction_s: float
    longest_transaction_query: str
    longest_batch_ms: int


async def deletion_throughput(environment: Environment, iterations: int) -> list[Comparison]:
    """The figures of the issue: rows/s against raw SQL, memory, preview time, transactions."""
    client = environment.client
    owner = await client.sign_up()
    template = TemplateBakery(client, owner, await client.create_tenant(owner))
    await template.fill()
    large = uuid.UUID(template.id)
    small, warm_up = await clone(environment.engine, large), await clone(environment.engine, large)
    await grow(environment.engine, small, SMALL_ROWS)
    await grow(environment.engine, warm_up, LARGE_ROWS)
    rows = await grow(environment.engine, large, LARGE_ROWS)
    twin = await clone(environment.engine, large)
    await analyze(environment.engine)
    total = sum(rows.values())
    filled = sum(1 for name, count in rows.items() if count and not name.startswith("users."))
    print(
        f"deletion: two tenants of {total:,} rows each, rows in {filled} tables of "
        f"{len({name.split('.')[0] for name, count in rows.items() if count})} schemas",
        flush=True,
    )

    preview = await _preview_against_sql(environment, owner, template.id)
    raw_seconds = await _raw_delete(environment.engine, twin)
    await _purge(environment, owner, warm_up)
    small_purge = await _purge(environment, owner, small)
    large_purge = await _purge(environment, owner, large)
    if large_purge.rows != total:
        raise SetupError(f"the gateway deleted {large_purge.rows:,} rows of {total:,}")
    raw_rate = total / raw_seconds
    gateway_rate = total / large_purge.seconds
    print(
        "\n".join(
            [
                f"  plain DELETE (one transaction):     {raw_rate:>12,.0f} rows/s "
                f"({raw_seconds:.2f} s)",
                f"  deleteTenant IMMEDIATE (job path):  {gateway_rate:>12,.0f} rows/s "
                f"({large_purge.seconds:.2f} s)   ratio {gateway_rate / raw_rate:.2f} "
                "(target >= 0.8)",
                f"  longest batch (its deletion):       {large_purge.longest_batch_ms} ms "
                "(target: transaction < 1 s)",
                f"  longest open gateway transaction:   {large_purge.longest_transaction_s:.3f} s "
                f"(sampled every 20 ms: {large_purge.longest_transaction_query!r})",
                "  peak resident memory growth (after a first deletion): "
                f"{large_purge.peak_rss_growth_mib:.1f} MiB "
                f"for {large_purge.rows:,} rows, {small_purge.peak_rss_growth_mib:.1f} MiB "
                f"for {small_purge.rows:,} rows",
                f"  deletionPreview ({total:,} rows):   median "
                f"{preview.subject.median_ns / 1e6:.1f} ms (target < 100 ms)",
            ]
        ),
        flush=True,
    )
    purge_row = Comparison(
        name=f"deleteTenant {total // 1000}k rows",
        subject=Samples((round(large_purge.seconds * 1e9),)),
        baseline_name="plain DELETE",
        baseline=Samples((round(raw_seconds * 1e9),)),
    )
    return [preview, purge_row]


async def _preview_against_sql(
    environment: Environment, owner: Account, tenant_id: str
) -> Comparison:
    """`deletionPreview` through the API against its counts sent straight to the database."""
    statement = text(
        " UNION ALL ".join(
            f"SELECT '{table.fullname}', count(*) FROM {table.fullname} "  # noqa: S608
            f"WHERE {'id' if table_scope(table) == 'tenant_root' else 'tenant_id'} = :t"
            for table in tenant_tables()
        )
    )
    gateway, raw = [], []
    for _ in range(PREVIEW_SAMPLES):
        started = time.perf_counter_ns()
        await environment.client.execute(PREVIEW, {"t": tenant_id}, as_=owner)
        gateway.append(time.perf_counter_ns() - started)
        async with environment.engine.connect() as connection:
            started = time.perf_counter_ns()
            await connection.execute(statement, {"t": uuid.UUID(tenant_id)})
            raw.append(time.perf_counter_ns() - started)
    return Comparison(
        name="deletionPreview 1M rows" if LARGE_ROWS >= 1_000_000 else "deletionPreview",
        subject=Samples(tuple(gateway)),
        baseline_name="raw counts",
        baseline=Samples(tuple(raw)),
        statements=1,
    )


async def _raw_delete(engine: AsyncEngine, tenant_id: uuid.UUID) -> float:
    """Seconds to delete the tenant with one plain DELETE per table, children first."""
    started = time.perf_counter()
    async with engine.begin() as connection:
        await connection.execute(text("SET LOCAL statement_timeout = 0"))
        for table in reversed(tenant_tables()):
            key = "id" if table_scope(table) == "tenant_root" else "tenant_id"
            await connection.execute(
                text(f"DELETE FROM {table.fullname} WHERE {key} = :t"),  # noqa: S608
                {"t": tenant_id},
            )
    return time.perf_counter() - started


async def _purge(environment: Environment, owner: Account, tenant_id: uuid.UUID) -> Purge:
    """Delete through `deleteTenant(IMMEDIATE)` and wait for the job, sampling as it runs."""
    sampler = Sampler()
    started = time.perf_counter()
    # The batches' own log lines say how long each one's deletion took. Only those are kept:
    # every other event (a line per poll of the job) would pile up in this process, whose
    # memory is the figure, for as long as the deletion runs.
    with capture_logs(processors=[_only_batches]) as logs:
        payload = await environment.client.mutate(DELETE, {"t": str(tenant_id)}, as_=owner)
        async with environment.engine.connect() as watcher:
            while True:
                await sampler.sample(watcher)
                job = (
                    await environment.client.execute(JOB, {"id": payload["job"]["id"]}, as_=owner)
                )["deletionJob"]
                if job["status"] == "COMPLETED":
                    break
                if job["status"] == "FAILED":
                    raise SetupError(f"the deletion failed: {job['error']}")
                await asyncio.sleep(SAMPLE_EVERY)
    elapsed = time.perf_counter() - started
    batches = [log["duration_ms"] for log in logs if log["event"] == "lifecycle.purge.batch"]
    return Purge(
        rows=job["totalItemsDeleted"],
        seconds=elapsed,
        peak_rss_growth_mib=sampler.peak_rss - sampler.baseline_rss,
        longest_transaction_s=sampler.longest,
        longest_transaction_query=sampler.longest_query,
        longest_batch_ms=max(batches, default=0),
    )


def _only_batches(_: object, __: str, event: EventDict) -> EventDict:
    if event.get("event") != "lifecycle.purge.batch":
        raise structlog.DropEvent
    return event


class Sampler:
    """The process's resident memory and the gateway's longest open transaction, sampled."""

    def __init__(self) -> None:
        self.baseline_rss = self.peak_rss = _rss_mib()
        self.longest, self.longest_query = 0.0, ""

    async def sample(self, watcher: AsyncConnection) -> None:
        """Take one sample of each."""
        self.peak_rss = max(self.peak_rss, _rss_mib())
        row = (await watcher.execute(LONGEST_TRANSACTION)).first()
        if row is not None and float(row[0]) > self.longest:
            self.longest, self.longest_query = float(row[0]), str(row[1])
        await watcher.commit()


def _rss_mib() -> float:
    """Resident memory of this process (the gateway runs in it), in MiB."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
