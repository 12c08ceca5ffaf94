"""createDemoSession against the floor of its own INSERT ... SELECT statements; the clean-up.

The floor runs the statements the cloner runs (one `INSERT ... SELECT` per tenant-scoped table)
directly on a pooled connection, in one transaction, with nothing else: no HTTP, no GraphQL, no
session row, no per-address check. Sequential: `BENCH_DEMO_SESSIONS` sessions (50), alternating
with the floor. Concurrent: `BENCH_DEMO_CREATORS` creators (8) at once, each making its share of
`BENCH_DEMO_SESSIONS`, against as many concurrent floors. Then `BENCH_DEMO_CLEANUP_SESSIONS`
(100) sessions are expired and `gateway demo-cleanup`'s loop deletes their copies.
"""

from __future__ import annotations

import asyncio
import math
import os
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import date

from sqlalchemy import text

from bench.client import SetupError
from bench.environment import Environment, bench_settings
from bench.harness import Comparison
from bench.timing import Samples, measure_side_by_side
from domains.demo.accounts import template_tenant_id
from domains.demo.cloner import TenantCloner
from domains.demo.kinds import DemoAccountType
from domains.registry import DOMAINS
from gateway.runtime import clean_up_demo_sessions

SESSIONS = int(os.environ.get("BENCH_DEMO_SESSIONS", 50))
CREATORS = int(os.environ.get("BENCH_DEMO_CREATORS", 8))
CLEANUP_SESSIONS = int(os.environ.get("BENCH_DEMO_CLEANUP_SESSIONS", 100))
ACCOUNT = DemoAccountType.INDIVIDUAL_BAKERY

CREATE = """mutation { createDemoSession(accountType: INDIVIDUAL_BAKERY) {
  session { id } errors { code message } } }"""


async def demo_sessions(environment: Environment, iterations: int) -> list[Comparison]:
    """createDemoSession's median and p95, sequential and concurrent, against the floor."""
    cloner = TenantCloner(DOMAINS)
    template = template_tenant_id(ACCOUNT)
    async with environment.engine.connect() as connection:
        template_day = (
            await connection.scalar(
                text("SELECT created_at FROM tenants.tenants WHERE id = :t"), {"t": template}
            )
        ).date()
        rows = 0
        for name in cloner.tables:
            key = "id" if name == "tenants.tenants" else "tenant_id"
            rows += int(
                await connection.scalar(
                    text(f"SELECT count(*) FROM {name} WHERE {key} = :t"),  # noqa: S608
                    {"t": template},
                )
                or 0
            )
    print(
        f"  template {ACCOUNT.value}: {rows:,} rows in {len(cloner.tables)} tables",
        flush=True,
    )

    async def create() -> None:
        body = await environment.client.post(CREATE, {})
        payload = (body.get("data") or {}).get("createDemoSession")
        if not payload or payload["errors"]:
            raise SetupError(f"createDemoSession answered {body!r}")

    async def floor() -> None:
        async with environment.engine.begin() as connection:
            await cloner.clone(
                connection,
                template_id=template,
                tenant_id=uuid.uuid4(),
                template_day=template_day,
                today=date.today(),
            )

    sequential, sequential_floor = await measure_side_by_side(create, floor, iterations=SESSIONS)
    concurrent = await _concurrently(create)
    concurrent_floor = await _concurrently(floor)
    comparisons = [
        Comparison(f"createDemoSession x{SESSIONS}", sequential, "floor", sequential_floor),
        Comparison(f"createDemoSession {CREATORS} at once", concurrent, "floor", concurrent_floor),
    ]
    for comparison in comparisons:
        print(
            f"  {comparison.name}: median {comparison.subject.median_ns / 1e6:.1f} ms, "
            f"p95 {comparison.subject.p95_ns / 1e6:.1f} ms; floor median "
            f"{comparison.baseline.median_ns / 1e6:.1f} ms, p95 "
            f"{comparison.baseline.p95_ns / 1e6:.1f} ms; ratio {comparison.ratio:.2f} "
            "(target <= 1.3, median < 100 ms)",
            flush=True,
        )
    await _cleanup(environment, create)
    return comparisons


async def _concurrently(operation: Callable[[], Awaitable[None]]) -> Samples:
    """Each of `CREATORS` runs its share of `SESSIONS` one after another; every duration."""
    durations: list[int] = []
    share = math.ceil(SESSIONS / CREATORS)

    async def creator() -> None:
        for _ in range(share):
            started = time.perf_counter_ns()
            await operation()
            durations.append(time.perf_counter_ns() - started)

    await asyncio.gather(*(creator() for _ in range(CREATORS)))
    return Samples(tuple(durations))


async def _cleanup(environment: Environment, create: Callable[[], Awaitable[None]]) -> None:
    """Time the clean-up of `CLEANUP_SESSIONS` expired sessions (earlier ones set aside)."""
    async with environment.engine.begin() as connection:
        await connection.execute(
            text("UPDATE demo.demo_sessions SET cleaned_at = now() WHERE cleaned_at IS NULL")
        )
    for _ in range(CLEANUP_SESSIONS):
        await create()
    async with environment.engine.begin() as connection:
        await connection.execute(
            text(
                "UPDATE demo.demo_sessions SET expires_at = now() - interval '1 second' "
                "WHERE cleaned_at IS NULL"
            )
        )
    settings = bench_settings(environment.engine.url.render_as_string(hide_password=False))
    started = time.perf_counter()
    cleaned = await clean_up_demo_sessions(settings)
    elapsed = time.perf_counter() - started
    if cleaned != CLEANUP_SESSIONS:
        raise SetupError(f"the clean-up deleted {cleaned} copies, not {CLEANUP_SESSIONS}")
    print(
        f"  clean-up of {cleaned} expired sessions: {elapsed:.2f} s "
        f"({elapsed / cleaned * 1000:.1f} ms per session, through the deletion coordinator)",
        flush=True,
    )
