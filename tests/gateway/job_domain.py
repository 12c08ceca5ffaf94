"""A domain that exists only in tests: job handlers that leave traces a test can check."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

import structlog
from sqlalchemy import MetaData, text
from sqlalchemy.ext.asyncio import AsyncConnection

from domains import registry
from domains.kernel.domain import Domain

log = structlog.get_logger()

SCHEMA = "job_tests"
CREATE = (
    f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}",
    f"CREATE TABLE IF NOT EXISTS {SCHEMA}.effects (key text NOT NULL, worker text)",
)

# What the handlers saw, in this process: every run, and how often each key ran.
runs: Counter[str] = Counter()
ran = asyncio.Condition()


async def _note_run(key: str) -> None:
    async with ran:
        runs[key] += 1
        ran.notify_all()


async def wait_for_runs(predicate: Callable[[Counter[str]], bool], within: float = 30) -> None:
    """Wait until `predicate(runs)` holds, at most `within` seconds."""
    try:
        async with asyncio.timeout(within), ran:
            await ran.wait_for(lambda: predicate(runs))
    except TimeoutError:
        raise AssertionError(f"runs: {dict(runs)}") from None


async def record(connection: AsyncConnection, payload: Mapping[str, Any]) -> None:
    """Write the payload's key to the effects table."""
    await connection.execute(
        text(f"INSERT INTO {SCHEMA}.effects (key, worker) VALUES (:key, :worker)"),  # noqa: S608
        {"key": payload["key"], "worker": payload.get("worker")},
    )
    log.info("job_tests.recorded", key=payload["key"])
    await _note_run(payload["key"])


async def flaky(connection: AsyncConnection, payload: Mapping[str, Any]) -> None:
    """Write like `record`, but fail the first `failures` runs (each rolled back)."""
    await connection.execute(
        text(f"INSERT INTO {SCHEMA}.effects (key) VALUES (:key)"),  # noqa: S608
        {"key": payload["key"]},
    )
    await _note_run(payload["key"])
    if runs[payload["key"]] <= payload["failures"]:
        raise RuntimeError(f"failing run {runs[payload['key']]} on purpose")


DOMAIN = Domain(
    name=SCHEMA,
    metadata=MetaData(schema=SCHEMA),
    jobs={"record": record, "flaky": flaky},
)


def install() -> None:
    """Add this domain to the registry of this process (for a `gateway` subprocess)."""
    registry.DOMAINS = (*registry.DOMAINS, DOMAIN)
