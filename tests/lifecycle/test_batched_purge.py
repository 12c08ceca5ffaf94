"""Tenants above the threshold are purged by the `lifecycle.purge` job, in bounded batches."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import text
from starlette.applications import Starlette
from structlog.testing import capture_logs

from domains.lifecycle.domain import DOMAIN as LIFECYCLE
from gateway.jobs.worker import running_in_background
from tests.lifecycle import workers
from tests.lifecycle.api import DELETE, PREVIEW, rows_of, stocked_bakery
from tests.lifecycle.conftest import BATCH
from tests.lifecycle.workers import job_when, lifecycle_worker
from tests.support import GraphQLClient


def finished(job: dict[str, object]) -> bool:
    return job["status"] in {"COMPLETED", "FAILED"}


async def test_delete_tenant_above_the_threshold_is_purged_in_batches_by_the_job(
    client: GraphQLClient,
    app: Starlette,
    batched: GraphQLClient,
    batched_app: Starlette,
    database_url: str,
) -> None:
    bakery = await stocked_bakery(client, app)
    preview = (await bakery.run(PREVIEW)).data["deletionPreview"]
    started = await batched.execute(
        DELETE, {"tenantId": bakery.id, "mode": "IMMEDIATE"}, as_=bakery.owner
    )
    pending = started.data["deleteTenant"]["job"]
    assert (pending["status"], pending["itemsPlanned"]) == ("PENDING", preview["totalItems"])

    with capture_logs() as logs:
        async with lifecycle_worker(batched_app, database_url):
            job = await job_when(bakery, pending["id"], finished)

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
    assert job["certificate"]["document"]["itemsDeleted"] == preview["totalItems"]
    # One transaction per batch of at most BATCH rows, within one domain at a time.
    batches = [
        log
        for log in logs
        if log["event"] == "lifecycle.purge.batch" and log["job_id"] == job["id"]
    ]
    least = sum(-(-step["itemsDeleted"] // BATCH) for step in job["steps"] if step["itemsDeleted"])
    assert len(batches) >= least
    assert max(log["rows"] for log in batches) == BATCH


async def test_purge_run_again_after_completion_changes_nothing(
    client: GraphQLClient,
    app: Starlette,
    batched: GraphQLClient,
    batched_app: Starlette,
    database_url: str,
) -> None:
    bakery = await stocked_bakery(client, app)
    started = await batched.execute(
        DELETE, {"tenantId": bakery.id, "mode": "IMMEDIATE"}, as_=bakery.owner
    )
    job_id = started.data["deleteTenant"]["job"]["id"]
    async with lifecycle_worker(batched_app, database_url):
        done = await job_when(bakery, job_id, finished)
        runs = workers.runs[job_id]
        async with batched_app.state.resources.database.transaction() as connection:
            await batched_app.state.resources.jobs.enqueue(
                connection, "lifecycle.purge", {"jobId": job_id}
            )
        again = await job_when(bakery, job_id, lambda _: workers.runs[job_id] > runs)

    assert again == done


async def test_purge_due_purges_scheduled_deletions_past_their_retention(
    client: GraphQLClient,
    app: Starlette,
    batched_app: Starlette,
    database_url: str,
) -> None:
    due, kept = await stocked_bakery(client, app), await stocked_bakery(client, app)
    jobs = {}
    for bakery in (due, kept):
        result = await bakery.run(DELETE, {"mode": "SCHEDULED"})
        jobs[bakery.id] = result.data["deleteTenant"]["job"]["id"]
    database = batched_app.state.resources.database
    async with database.transaction() as connection:
        await connection.execute(
            text(
                "UPDATE lifecycle.deletion_jobs SET purge_after = now() - interval '1 minute' "
                "WHERE id = :id"
            ),
            {"id": uuid.UUID(jobs[due.id])},
        )
        await batched_app.state.resources.jobs.enqueue(connection, "lifecycle.purge_due", {})

    async with lifecycle_worker(batched_app, database_url):
        purged = await job_when(due, jobs[due.id], finished)

    assert purged["status"] == "COMPLETED"
    assert await rows_of(app, due.id) == {}
    waiting = await kept.run(
        "query($id: ID!) { deletionJob(id: $id) { status } }", {"id": jobs[kept.id]}
    )
    assert waiting.data["deletionJob"]["status"] == "SCHEDULED"
    assert (await rows_of(app, kept.id))["inventory.ingredients"] == 1


async def test_the_worker_schedules_the_periodic_purge_with_pgqueuer(
    batched_app: Starlette, database_url: str
) -> None:
    worker = workers.FollowedWorker(
        database_url=database_url,
        database=batched_app.state.resources.database,
        domains=[LIFECYCLE],
        concurrency=2,
        dependencies=batched_app.state.resources.dependencies,
        schedules={"lifecycle.purge_due": "*/15 * * * *"},
    )
    async with running_in_background(worker):
        pass  # the scheduler registers its schedules as it starts, even when told to stop

    async with batched_app.state.resources.database.read() as connection:
        registered = await connection.execute(
            text(
                "SELECT entrypoint, expression FROM pgqueuer_schedules "
                "WHERE entrypoint LIKE 'lifecycle.%'"
            )
        )
        assert [tuple(row) for row in registered] == [("lifecycle.purge_due", "*/15 * * * *")]


def test_a_schedule_for_a_job_nobody_handles_is_refused(batched_app: Starlette) -> None:
    with pytest.raises(LookupError, match=r"lifecycle\.nothing"):
        workers.FollowedWorker(
            database_url="postgresql://unused/unused",
            database=batched_app.state.resources.database,
            domains=[LIFECYCLE],
            schedules={"lifecycle.nothing": "* * * * *"},
        )


async def test_purge_deletes_other_domains_while_one_is_held_and_the_tenant_row_last(
    client: GraphQLClient,
    app: Starlette,
    batched: GraphQLClient,
    batched_app: Starlette,
    database_url: str,
) -> None:
    bakery = await stocked_bakery(client, app)
    preview = (await bakery.run(PREVIEW)).data["deletionPreview"]
    async with app.state.resources.database.transaction() as holder:
        # The run reaching the ingredients waits here, holding the inventory step.
        await holder.execute(
            text("SELECT id FROM inventory.ingredients WHERE tenant_id = :t FOR UPDATE"),
            {"t": uuid.UUID(bakery.id)},
        )
        started = await batched.execute(
            DELETE, {"tenantId": bakery.id, "mode": "IMMEDIATE"}, as_=bakery.owner
        )
        job_id = started.data["deleteTenant"]["job"]["id"]
        async with lifecycle_worker(batched_app, database_url):

            def others_done(job: dict[str, Any]) -> bool:
                return all(
                    step["status"] == "COMPLETED"
                    for step in job["steps"]
                    if step["domain"] not in {"inventory", "tenants"}
                )

            midway = await job_when(bakery, job_id, others_done)
            await holder.rollback()
            job = await job_when(bakery, job_id, finished)

    statuses = {step["domain"]: step["status"] for step in midway["steps"]}
    assert statuses["inventory"] != "COMPLETED"
    assert statuses["tenants"] == "PENDING"
    assert job["status"] == "COMPLETED", job["error"]
    assert job["totalItemsDeleted"] == preview["totalItems"]
    assert await rows_of(app, bakery.id) == {}
