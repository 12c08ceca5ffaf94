"""The job queue: enqueued with the caller's transaction, run once each by real workers."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from datetime import timedelta

import pytest
from prometheus_client import REGISTRY
from sqlalchemy import text
from starlette.applications import Starlette

from db.database import Database
from domains.kernel.jobs import JobQueue
from gateway.jobs.queue import PgQueuerJobQueue
from gateway.jobs.worker import JobWorker, RetryPolicy, running_in_background
from tests.gateway import job_domain
from tests.gateway.job_domain import DOMAIN, wait_for_runs

QUEUE = PgQueuerJobQueue.for_domains([DOMAIN])


class Rollback(Exception):
    """Raised to roll a transaction back."""


@pytest.fixture(scope="module")
async def database(database_url: str) -> AsyncIterator[Database]:
    """A pool on the test database, with the test domain's effects table."""
    database = Database.connect(database_url)
    async with database.transaction() as connection:
        for statement in job_domain.CREATE:
            await connection.execute(text(statement))
    yield database
    async with database.transaction() as connection:
        await connection.execute(text(f"DROP SCHEMA {job_domain.SCHEMA} CASCADE"))
    await database.dispose()


@pytest.fixture(autouse=True)
def forget_runs() -> None:
    job_domain.runs.clear()


def key() -> str:
    return uuid.uuid4().hex


def worker(database_url: str, database: Database, retry: RetryPolicy | None = None) -> JobWorker:
    return JobWorker(
        database_url=database_url,
        database=database,
        domains=[DOMAIN],
        concurrency=2,
        retry=retry,
        poll_interval=timedelta(seconds=0.5),
    )


async def enqueue(database: Database, name: str, payload: dict[str, object]) -> int:
    async with database.transaction() as connection:
        job_id = await QUEUE.enqueue(connection, name, payload)
    assert job_id is not None
    return job_id


async def queued(database: Database, job_id: int) -> list[tuple[str, str, bytes]]:
    async with database.read() as connection:
        rows = await connection.execute(
            text("SELECT entrypoint, status::text, payload FROM pgqueuer WHERE id = :id"),
            {"id": job_id},
        )
    return [tuple(row) for row in rows]


async def effects(database: Database, keys: list[str]) -> list[str]:
    async with database.read() as connection:
        rows = await connection.scalars(
            text(f"SELECT key FROM {job_domain.SCHEMA}.effects WHERE key = ANY(:keys)"),  # noqa: S608
            {"keys": keys},
        )
    return list(rows)


async def test_enqueue_in_a_committed_transaction_stores_the_job(database: Database) -> None:
    job_id = await enqueue(database, "job_tests.record", {"key": "k"})

    assert await queued(database, job_id) == [("job_tests.record", "queued", b'{"key":"k"}')]


async def test_enqueue_in_a_rolled_back_transaction_leaves_no_job(database: Database) -> None:
    job_ids: list[int | None] = []

    async def enqueue_then_fail() -> None:
        async with database.transaction() as connection:
            # The first statement of the transaction: the job must still be inside it.
            job_ids.append(await QUEUE.enqueue(connection, "job_tests.record", {"key": "k"}))
            raise Rollback

    with pytest.raises(Rollback):
        await enqueue_then_fail()

    assert job_ids[0] is not None
    assert await queued(database, job_ids[0]) == []


async def test_enqueue_with_a_waiting_duplicate_key_adds_nothing(database: Database) -> None:
    dedupe_key = key()
    async with database.transaction() as connection:
        first = await QUEUE.enqueue(connection, "job_tests.record", {}, dedupe_key=dedupe_key)
        second = await QUEUE.enqueue(connection, "job_tests.record", {}, dedupe_key=dedupe_key)

    assert first is not None
    assert second is None
    async with database.transaction() as connection:
        await connection.execute(text("DELETE FROM pgqueuer WHERE id = :id"), {"id": first})


async def test_enqueue_of_a_job_no_domain_handles_is_refused(database: Database) -> None:
    async with database.transaction() as connection:
        with pytest.raises(LookupError, match=r"job_tests\.missing"):
            await QUEUE.enqueue(connection, "job_tests.missing", {})


async def test_the_request_context_offers_the_job_queue(app: Starlette) -> None:
    assert isinstance(app.state.resources.dependencies[JobQueue], PgQueuerJobQueue)


async def test_worker_runs_a_job_in_a_committed_transaction_and_the_job_leaves_the_queue(
    database_url: str, database: Database
) -> None:
    done = key()
    job_id = await enqueue(database, "job_tests.record", {"key": done})
    timed = {"entrypoint": "job_tests.record", "outcome": "ok"}
    before = REGISTRY.get_sample_value("gateway_job_duration_seconds_count", timed) or 0

    async with running_in_background(worker(database_url, database)):
        await wait_for_runs(lambda runs: runs[done] == 1)

    assert await effects(database, [done]) == [done]
    assert await queued(database, job_id) == []
    # Jobs queued by earlier tests may run too: at least this one was timed.
    assert (REGISTRY.get_sample_value("gateway_job_duration_seconds_count", timed) or 0) > before


async def test_a_failing_job_is_retried_until_it_succeeds(
    database_url: str, database: Database
) -> None:
    done = key()
    job_id = await enqueue(database, "job_tests.flaky", {"key": done, "failures": 2})
    retry = RetryPolicy(max_attempts=3, initial_delay=timedelta(0))

    async with running_in_background(worker(database_url, database, retry)):
        await wait_for_runs(lambda runs: runs[done] == 3)

    # The two failed runs were rolled back: one effect, from the third run.
    assert await effects(database, [done]) == [done]
    assert await queued(database, job_id) == []


async def test_a_job_failing_every_time_ends_failed_and_logged(
    database_url: str, database: Database
) -> None:
    done = key()
    job_id = await enqueue(database, "job_tests.flaky", {"key": done, "failures": 99})
    retry = RetryPolicy(max_attempts=2, initial_delay=timedelta(0))

    async with running_in_background(worker(database_url, database, retry)):
        # The first run and one retry per attempt allowed.
        await wait_for_runs(lambda runs: runs[done] == 3)

    assert await effects(database, [done]) == []
    assert [status for _, status, _ in await queued(database, job_id)] == ["failed"]
    async with database.read() as connection:
        logged = await connection.scalars(
            text(
                "SELECT status::text FROM pgqueuer_log "
                "WHERE job_id = :id AND traceback IS NOT NULL ORDER BY id"
            ),
            {"id": job_id},
        )
        assert list(logged)[-1] == "failed"


async def test_two_workers_run_each_of_many_jobs_exactly_once(
    database_url: str, database: Database
) -> None:
    keys = [key() for _ in range(20)]
    async with database.transaction() as connection:
        for each in keys:
            await QUEUE.enqueue(connection, "job_tests.record", {"key": each})

    async with AsyncExitStack() as workers:
        for _ in range(2):
            await workers.enter_async_context(running_in_background(worker(database_url, database)))
        await wait_for_runs(lambda runs: all(runs[each] >= 1 for each in keys))

    assert sorted(await effects(database, keys)) == sorted(keys)
    assert {job_domain.runs[each] for each in keys} == {1}


async def test_a_worker_whose_connection_is_cut_connects_again_and_goes_on(
    database_url: str, database: Database
) -> None:
    first, second = key(), key()
    async with running_in_background(worker(database_url, database)):
        await enqueue(database, "job_tests.record", {"key": first})
        await wait_for_runs(lambda runs: runs[first] == 1)
        async with database.read() as connection:
            cut = await connection.scalar(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE application_name = 'bakery-gateway-worker' "
                    "AND datname = current_database()"
                )
            )
        await enqueue(database, "job_tests.record", {"key": second})
        await wait_for_runs(lambda runs: runs[second] == 1)

    assert cut >= 1
    assert sorted(await effects(database, [first, second])) == sorted([first, second])
