"""The clean-up deletes every row of expired and ended sessions' copies, and nothing else."""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette

from domains.demo import service
from gateway.resources import Resources, job_schedules
from gateway.settings import Settings
from tests.conftest import TEST_SECRET
from tests.demo.conftest import start
from tests.demo.test_cloner import TABLES, tenant_key
from tests.gateway.test_cli import run
from tests.support import GraphQLClient


async def clean_up(app: Starlette) -> int:
    resources: Resources = app.state.resources
    async with resources.database.transaction() as connection:
        return await service.clean_up(
            connection,
            policy=resources.demo,
            lifecycle_policy=resources.lifecycle,
            queue=resources.jobs,
        )


async def rows_by_tenant(engine: AsyncEngine) -> dict[uuid.UUID, int]:
    """Rows of every tenant in every tenant-scoped table."""
    totals: dict[uuid.UUID, int] = {}
    async with engine.connect() as connection:
        for name in TABLES:
            key = tenant_key(name)
            result = await connection.execute(
                text(f"SELECT {key}, count(*) FROM {name} GROUP BY {key}")  # noqa: S608
            )
            for tenant, count in result:
                totals[tenant] = totals.get(tenant, 0) + count
    return totals


async def expire(engine: AsyncEngine, session_id: str) -> None:
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "UPDATE demo.demo_sessions SET expires_at = now() - interval '1 second' "
                "WHERE id = :id"
            ),
            {"id": session_id},
        )


def test_job_schedules_run_the_demo_cleanup(settings: Settings) -> None:
    assert job_schedules(settings)["demo.cleanup"] == "*/5 * * * *"


async def test_clean_up_removes_expired_and_ended_copies_and_nothing_else(
    demo: GraphQLClient, demo_app: Starlette, engine: AsyncEngine
) -> None:
    await clean_up(demo_app)  # what earlier tests left due
    expired, ended, live = await start(demo), await start(demo), await start(demo)
    await expire(engine, expired.id)
    await demo.execute(
        "mutation($id: ID!) { endDemoSession(id: $id) { errors { code } } }", {"id": ended.id}
    )
    before = await rows_by_tenant(engine)

    cleaned = await clean_up(demo_app)
    again = await clean_up(demo_app)

    after = await rows_by_tenant(engine)
    gone = {uuid.UUID(expired.tenant_id), uuid.UUID(ended.tenant_id)}
    assert cleaned == 2
    assert again == 0
    assert gone.isdisjoint(after)
    assert after == {tenant: rows for tenant, rows in before.items() if tenant not in gone}
    assert uuid.UUID(live.tenant_id) in after
    statuses = await demo.execute(
        "query($a: ID!, $b: ID!) { a: demoSession(id: $a) { status } "
        "b: demoSession(id: $b) { status } }",
        {"a": expired.id, "b": ended.id},
    )
    assert statuses.data == {"a": {"status": "EXPIRED"}, "b": {"status": "ENDED"}}


async def test_demo_cleanup_command_and_seed_demo_command(
    demo: GraphQLClient, settings: Settings, engine: AsyncEngine
) -> None:
    visitor = await start(demo)
    await expire(engine, visitor.id)
    env = {"DATABASE_URL": settings.database_url or "", "GATEWAY_JWT_SECRET": TEST_SECRET}

    cleaned = run("demo-cleanup", env=env)
    seeded = run("seed-demo", env=env)

    assert cleaned.returncode == 0, cleaned.stderr
    assert cleaned.stdout.startswith("Cleaned up ")
    assert uuid.UUID(visitor.tenant_id) not in await rows_by_tenant(engine)
    assert seeded.returncode == 0, seeded.stderr
    assert "Demo bakeries ready." in seeded.stdout
