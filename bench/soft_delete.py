"""Bulk soft delete and restore of 100,000 rows through the API, against plain UPDATE statements.

Two bakeries get the same 100,000 ingredients (set-based INSERT). On one, the gateway hides them
with `deleteItemsMatching` and brings them back with `restoreBatch`, each one API call; on the
other, the same rows get the plain UPDATEs a hand-written script would run. Rounds alternate
which side goes first; the medians are compared.
"""

from __future__ import annotations

import os
import time
import uuid
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.client import Account, SetupError
from bench.environment import Environment
from bench.harness import Comparison
from bench.timing import Samples

ROWS = int(os.environ.get("BENCH_SOFT_DELETE_ROWS", 100_000))
ROUNDS = 3
LABEL = "Granel"

DELETE_MATCHING = """
mutation($t: ID!, $contains: String!) {
  deleteItemsMatching(tenantId: $t, entity: "ingredient", labelContains: $contains,
                      reason: "bench") {
    batchId counts { entity count } errors { code message }
  }
}
"""
RESTORE_BATCH = """
mutation($t: ID!, $batch: ID!) {
  restoreBatch(tenantId: $t, batchId: $batch) { counts { entity count } errors { code message } }
}
"""
FILL = text(
    """
    INSERT INTO inventory.ingredients (tenant_id, id, name, category, unit, reorder_point)
    SELECT :tenant, gen_random_uuid(), :label || ' ' || n, 'Bench', 'KG', 0
    FROM generate_series(1, :rows) AS n
    """
)
RAW_DELETE = text(
    """
    UPDATE inventory.ingredients
    SET deleted_at = now(), deleted_by = 'bench', deletion_reason = 'bench',
        deletion_batch_id = :batch
    WHERE tenant_id = :tenant AND deleted_at IS NULL AND name ILIKE :pattern
    """
)
RAW_RESTORE = text(
    """
    UPDATE inventory.ingredients
    SET deleted_at = NULL, deleted_by = NULL, deletion_reason = NULL, deletion_batch_id = NULL
    WHERE tenant_id = :tenant AND deletion_batch_id = :batch AND deleted_at IS NOT NULL
    """
)


async def soft_delete_throughput(environment: Environment, iterations: int) -> list[Comparison]:
    """Rows per second of the gateway's bulk soft delete and restore against plain UPDATEs."""
    client = environment.client
    owner = await client.sign_up()
    gateway_tenant = await client.create_tenant(owner)
    raw_tenant = uuid.UUID(await client.create_tenant(owner))
    for tenant in (uuid.UUID(gateway_tenant), raw_tenant):
        async with environment.engine.begin() as connection:
            await connection.execute(FILL, {"tenant": tenant, "label": LABEL, "rows": ROWS})
    async with environment.engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.execute(text("VACUUM ANALYZE inventory.ingredients"))

    timings: dict[str, list[int]] = {
        name: [] for name in ("gw-del", "gw-res", "raw-del", "raw-res")
    }
    for round_ in range(ROUNDS):
        sides = [_gateway_round, _raw_round]
        for side in sides if round_ % 2 == 0 else sides[::-1]:
            await side(environment, owner, gateway_tenant, raw_tenant, timings)

    rows: list[Comparison] = []
    for operation, subject, baseline in (
        ("soft delete", "gw-del", "raw-del"),
        ("restore", "gw-res", "raw-res"),
    ):
        gateway, raw = Samples(tuple(timings[subject])), Samples(tuple(timings[baseline]))
        print(
            f"  bulk {operation} of {ROWS:,} rows: gateway "
            f"{ROWS / (gateway.median_ns / 1e9):>10,.0f} rows/s, plain UPDATE "
            f"{ROWS / (raw.median_ns / 1e9):>10,.0f} rows/s, throughput ratio "
            f"{raw.median_ns / gateway.median_ns:.2f} (target >= 0.8)",
            flush=True,
        )
        rows.append(
            Comparison(
                name=f"bulk {operation} {ROWS // 1000}k",
                subject=gateway,
                baseline_name="plain UPDATE",
                baseline=raw,
            )
        )
    return rows


async def _gateway_round(
    environment: Environment,
    owner: Account,
    tenant: str,
    _raw_tenant: uuid.UUID,
    timings: dict[str, list[int]],
) -> None:
    client = environment.client
    started = time.perf_counter_ns()
    deleted = await client.mutate(DELETE_MATCHING, {"t": tenant, "contains": LABEL}, as_=owner)
    timings["gw-del"].append(time.perf_counter_ns() - started)
    _expect(deleted, "deleteItemsMatching")
    started = time.perf_counter_ns()
    restored = await client.mutate(
        RESTORE_BATCH, {"t": tenant, "batch": deleted["batchId"]}, as_=owner
    )
    timings["gw-res"].append(time.perf_counter_ns() - started)
    _expect(restored, "restoreBatch")


async def _raw_round(
    environment: Environment,
    _owner: Account,
    _tenant: str,
    raw_tenant: uuid.UUID,
    timings: dict[str, list[int]],
) -> None:
    batch = uuid.uuid4()
    parameters = {"tenant": raw_tenant, "batch": batch, "pattern": f"%{LABEL}%"}
    timings["raw-del"].append(await _timed(environment.engine, RAW_DELETE, parameters))
    timings["raw-res"].append(await _timed(environment.engine, RAW_RESTORE, parameters))


async def _timed(engine: AsyncEngine, statement: Any, parameters: dict[str, Any]) -> int:
    """One statement in its own transaction, committed; nanoseconds, and it must touch ROWS."""
    started = time.perf_counter_ns()
    async with engine.begin() as connection:
        result = await connection.execute(statement, parameters)
    elapsed = time.perf_counter_ns() - started
    if result.rowcount != ROWS:
        raise SetupError(f"plain UPDATE touched {result.rowcount:,} rows, not {ROWS:,}")
    return elapsed


def _expect(payload: dict[str, Any], operation: str) -> None:
    counted = {row["entity"]: row["count"] for row in payload["counts"]}
    if counted != {"ingredient": ROWS}:
        raise SetupError(f"{operation} touched {counted}, not {ROWS:,} ingredients")
