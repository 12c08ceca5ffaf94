"""The batched purge survives its worker being killed (SIGKILL) mid-job: another one finishes it.

The test holds a lock on the bakery's ingredients, so the first worker's purge stops inside a
batch transaction, with earlier batches committed; it is then killed, the lock released, and a
second worker process resumes the same job from its checkpoints.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette

from tests.conftest import TEST_SECRET
from tests.gateway.test_worker_cli import Output
from tests.lifecycle.api import DELETE, JOB, PREVIEW, rows_of, stocked_bakery
from tests.support import GraphQLClient

ROOT = Path(__file__).parents[2]
GATEWAY = str(Path(sys.executable).parent / "gateway")
WAIT_SECONDS = 60

BLOCKED_PURGE = text(
    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
    "AND query LIKE 'DELETE FROM inventory.ingredients%'"
)


def start_worker(database_url: str) -> subprocess.Popen[str]:
    """`gateway worker`: batches of 2 rows, every deletion on the job path, quick takeover."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "GATEWAY_JWT_SECRET": TEST_SECRET,
        "GATEWAY_LOG_FORMAT": "json",
        "GATEWAY_DELETION_BATCH_SIZE": "2",
        "GATEWAY_DELETION_IMMEDIATE_THRESHOLD": "0",
        "GATEWAY_WORKER_HEARTBEAT_TIMEOUT_SECONDS": "2",
    }
    return subprocess.Popen(  # noqa: S603 - our own command
        [GATEWAY, "worker", "--concurrency", "2"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


async def until(condition: Callable[[], Awaitable[bool]], within: float = WAIT_SECONDS) -> None:
    """Wait until `condition()` holds, checking every 50 ms, for at most `within` seconds.

    Polling, because PostgreSQL tells nobody when a backend starts waiting on a lock.
    """
    async with asyncio.timeout(within):
        while not await condition():  # noqa: ASYNC110 - see above
            await asyncio.sleep(0.05)


def stop(process: subprocess.Popen[str], output: Output) -> None:
    if process.poll() is None:
        process.kill()
    process.wait(timeout=WAIT_SECONDS)
    output.reader.join(timeout=WAIT_SECONDS)
    assert process.stderr is not None
    process.stderr.close()


async def test_purge_killed_mid_job_is_resumed_by_another_worker_with_correct_counts(
    client: GraphQLClient,
    app: Starlette,
    batched: GraphQLClient,
    database_url: str,
    owner_engine: AsyncEngine,
) -> None:
    bakery = await stocked_bakery(client, app)
    for index in range(6):
        await bakery.ingredient(f"Ingrediente {index}")
    preview = (await bakery.run(PREVIEW)).data["deletionPreview"]
    database = app.state.resources.database
    async with database.engine.connect() as holder:
        # The first worker will stop here, inside a batch, with earlier batches committed.
        await holder.execute(
            text("SELECT id FROM inventory.ingredients WHERE tenant_id = :t FOR UPDATE"),
            {"t": uuid.UUID(bakery.id)},
        )
        started = await batched.execute(
            DELETE, {"tenantId": bakery.id, "mode": "IMMEDIATE"}, as_=bakery.owner
        )
        job_id = started.data["deleteTenant"]["job"]["id"]
        first = start_worker(database_url)
        first_output = Output(first)
        try:

            async def blocked() -> bool:  # other sessions' queries: the owner sees them
                async with owner_engine.connect() as connection:
                    return bool(await connection.scalar(BLOCKED_PURGE))

            await until(blocked)
            midway = (await bakery.run(JOB, {"id": job_id})).data["deletionJob"]
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=WAIT_SECONDS)
        finally:
            stop(first, first_output)
        await holder.rollback()  # the lock goes; the killed worker's transaction is gone too

    assert midway["status"] == "RUNNING"
    assert 0 < midway["totalItemsDeleted"] < preview["totalItems"]
    second = start_worker(database_url)
    second_output = Output(second)
    try:
        second_output.wait_for("lifecycle.deletion.completed")
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=WAIT_SECONDS)
    finally:
        stop(second, second_output)

    job = (await bakery.run(JOB, {"id": job_id})).data["deletionJob"]
    assert job["status"] == "COMPLETED", job["error"]
    assert job["totalItemsDeleted"] == preview["totalItems"]
    expected = {
        d["domain"]: {e["entity"]: e["count"] for e in d["entities"] if e["count"]}
        for d in preview["domains"]
    }
    assert {
        step["domain"]: {e["entity"]: e["count"] for e in step["entities"]} for step in job["steps"]
    } == expected
    assert await rows_of(app, bakery.id) == {}
