"""`deleteTenant` and `restoreTenant`: scheduled and immediate deletion, all or nothing, once."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette

from tests.lifecycle.api import (
    DELETE,
    JOB,
    JOBS,
    PREVIEW,
    RESTORE,
    delete,
    rows_of,
    service,
    stocked_bakery,
)
from tests.support import Bakery, GraphQLClient

TENANT = "query($tenantId: ID!) { tenant(id: $tenantId) { id name } }"
MY_TENANTS = "query { myTenants { id } }"
INGREDIENTS = "query($tenantId: ID!) { tenant(id: $tenantId) { ingredients { totalCount } } }"
CREATE_INGREDIENT = """
mutation($tenantId: ID!) {
  createIngredient(tenantId: $tenantId, input: {name: "Sal", category: "General", unit: KG,
    reorderPoint: "0"}) { ingredient { id } errors { code } } }
"""


async def test_delete_tenant_scheduled_hides_the_tenant_from_every_read_and_write(
    client: GraphQLClient, app: Starlette, service_token: str
) -> None:
    bakery = await stocked_bakery(client, app)

    result = await delete(bakery, "SCHEDULED")

    job = result.data["deleteTenant"]["job"]
    assert result.data["deleteTenant"]["errors"] == []
    assert (job["mode"], job["status"], job["reason"]) == ("SCHEDULED", "SCHEDULED", "cierre")
    assert job["purgeAfter"] is not None
    assert job["initiatedBy"] == f"user:{bakery.owner.id}"
    assert (await bakery.run(TENANT)).codes == ["FORBIDDEN"]
    assert (await bakery.run(MY_TENANTS)).data["myTenants"] == []
    assert (await bakery.run(INGREDIENTS)).codes == ["FORBIDDEN"]
    assert (await bakery.run(CREATE_INGREDIENT)).codes == ["FORBIDDEN"]
    as_service = service(service_token)
    assert (await client.execute(TENANT, {"tenantId": bakery.id}, headers=as_service)).data == {
        "tenant": None
    }
    assert (
        await client.execute(CREATE_INGREDIENT, {"tenantId": bakery.id}, headers=as_service)
    ).codes == ["FORBIDDEN"]
    # Nothing is purged yet: the data waits for the retention period.
    assert (await rows_of(app, bakery.id))["inventory.ingredients"] == 1


async def test_restore_tenant_within_retention_brings_everything_back(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery = await stocked_bakery(client, app)
    job = (await delete(bakery, "SCHEDULED")).data["deleteTenant"]["job"]

    restored = await bakery.run(RESTORE)

    assert restored.data["restoreTenant"] == {
        "tenant": {"id": bakery.id, "name": "Panadería de prueba"},
        "errors": [],
    }
    assert (await bakery.run(INGREDIENTS)).data["tenant"]["ingredients"]["totalCount"] == 1
    cancelled = await bakery.run(JOB, {"id": job["id"]})
    assert cancelled.data["deletionJob"]["status"] == "CANCELLED"
    again = await bakery.run(RESTORE)
    assert again.data["restoreTenant"]["errors"][0]["code"] == "NOT_DELETED"


async def test_restore_tenant_after_the_retention_period_is_refused(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery = await stocked_bakery(client, app)
    job = (await delete(bakery, "SCHEDULED")).data["deleteTenant"]["job"]
    async with app.state.resources.database.transaction() as connection:
        await connection.execute(
            text(
                "UPDATE lifecycle.deletion_jobs SET purge_after = now() - interval '1 second' "
                "WHERE id = :id"
            ),
            {"id": uuid.UUID(job["id"])},
        )

    result = await bakery.run(RESTORE)

    assert result.data["restoreTenant"]["errors"][0]["code"] == "NOT_RESTORABLE"


async def test_delete_tenant_immediate_deletes_every_row_and_certifies_it(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery = await stocked_bakery(client, app)
    planned = (await bakery.run(PREVIEW)).data["deletionPreview"]["totalItems"]

    result = await delete(bakery, "IMMEDIATE")

    job = result.data["deleteTenant"]["job"]
    assert result.data["deleteTenant"]["errors"] == []
    assert job["status"] == "COMPLETED"
    assert job["totalItemsDeleted"] == planned == job["itemsPlanned"]
    assert {step["status"] for step in job["steps"]} == {"COMPLETED"}
    inventory = next(step for step in job["steps"] if step["domain"] == "inventory")
    assert {e["entity"]: e["count"] for e in inventory["entities"]}["ingredients"] == 1
    assert await rows_of(app, bakery.id) == {}
    certificate = job["certificate"]
    assert certificate["algorithm"] == "HMAC-SHA256"
    document = certificate["document"]
    assert (document["tenantId"], document["jobId"]) == (bakery.id, job["id"])
    assert document["itemsDeleted"] == planned
    assert set(document["rowsRemaining"].values()) == {0}
    assert "inventory.ingredients" in document["rowsRemaining"]
    assert "lifecycle.deletion_jobs" not in document["rowsRemaining"]
    # The job outlives the tenant and its memberships: the person who started it still sees it.
    followed = await bakery.run(JOB, {"id": job["id"]})
    assert followed.data["deletionJob"]["status"] == "COMPLETED"
    mine = await client.execute(JOBS, {}, as_=bakery.owner)
    assert [node["id"] for node in mine.data["deletionJobs"]["nodes"]] == [job["id"]]


@pytest.fixture
async def failing_products(owner_engine: AsyncEngine) -> AsyncIterator[None]:
    """A trigger that makes deleting a marked tenant's rows of `inventory.products` fail."""
    async with owner_engine.begin() as connection:
        await connection.execute(
            text("CREATE TABLE IF NOT EXISTS public.failing_tenants (tenant_id uuid PRIMARY KEY)")
        )
        await connection.execute(
            text(
                """
                CREATE OR REPLACE FUNCTION public.fail_deletion() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                  IF EXISTS (SELECT 1 FROM public.failing_tenants WHERE tenant_id = OLD.tenant_id)
                  THEN RAISE EXCEPTION 'products refuse to go';
                  END IF;
                  RETURN OLD;
                END $$
                """
            )
        )
        await connection.execute(
            text(
                "CREATE TRIGGER fail_deletion BEFORE DELETE ON inventory.products "
                "FOR EACH ROW EXECUTE FUNCTION public.fail_deletion()"
            )
        )
    yield
    async with owner_engine.begin() as connection:
        await connection.execute(text("DROP TRIGGER fail_deletion ON inventory.products"))
        await connection.execute(text("DROP FUNCTION public.fail_deletion()"))
        await connection.execute(text("DROP TABLE public.failing_tenants"))


async def test_delete_tenant_immediate_when_one_domain_fails_deletes_nothing_and_names_it(
    client: GraphQLClient, app: Starlette, failing_products: None
) -> None:
    bakery = await stocked_bakery(client, app)
    before = await rows_of(app, bakery.id)
    async with app.state.resources.database.transaction() as connection:
        await connection.execute(
            text("INSERT INTO public.failing_tenants VALUES (:t)"), {"t": uuid.UUID(bakery.id)}
        )

    result = await delete(bakery, "IMMEDIATE")

    job = result.data["deleteTenant"]["job"]
    assert job["status"] == "FAILED"
    assert job["error"].startswith("inventory: ")
    assert "products refuse to go" in job["error"]
    failed = [step for step in job["steps"] if step["status"] == "FAILED"]
    assert [step["domain"] for step in failed] == ["inventory"]
    assert job["certificate"] is None
    # Domains deleted before inventory (alerts, notifications, ...) were rolled back with it.
    assert await rows_of(app, bakery.id) == before
    assert before["notifications.notifications"] == 1


async def test_delete_tenant_twice_returns_the_deletion_under_way(
    client: GraphQLClient, app: Starlette, service_token: str
) -> None:
    bakery = await stocked_bakery(client, app)
    first = (await delete(bakery, "SCHEDULED")).data["deleteTenant"]["job"]

    second = await delete(bakery, "SCHEDULED", headers=service(service_token))
    by_owner = await delete(bakery, "SCHEDULED")

    assert second.data["deleteTenant"]["job"]["id"] == first["id"]
    assert by_owner.data["deleteTenant"]["job"]["id"] == first["id"]
    listed = await client.execute(JOBS, {"tenantId": bakery.id}, headers=service(service_token))
    assert listed.data["deletionJobs"]["totalCount"] == 1


async def test_delete_tenant_sent_twice_at_once_starts_one_deletion(
    client: GraphQLClient, app: Starlette, service_token: str
) -> None:
    bakery = await stocked_bakery(client, app)

    results = await asyncio.gather(
        delete(bakery, "SCHEDULED"),
        delete(bakery, "SCHEDULED", headers=service(service_token)),
        delete(bakery, "SCHEDULED"),
    )

    assert [result.errors for result in results] == [[], [], []]
    jobs = [result.data["deleteTenant"]["job"] for result in results]
    assert len({job["id"] for job in jobs}) == 1, jobs
    listed = await client.execute(JOBS, {"tenantId": bakery.id}, headers=service(service_token))
    assert listed.data["deletionJobs"]["totalCount"] == 1


async def test_delete_tenant_immediate_brings_a_scheduled_deletion_forward(
    client: GraphQLClient, app: Starlette, service_token: str
) -> None:
    bakery = await stocked_bakery(client, app)
    scheduled = (await delete(bakery, "SCHEDULED")).data["deleteTenant"]["job"]

    now = await delete(bakery, "IMMEDIATE", headers=service(service_token))

    job = now.data["deleteTenant"]["job"]
    assert (job["id"], job["mode"], job["status"]) == (scheduled["id"], "IMMEDIATE", "COMPLETED")
    assert await rows_of(app, bakery.id) == {}


async def test_delete_tenant_is_for_owners_admins_and_services(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery = await Bakery.open(client)
    member = await client.sign_up()
    await client.add_member(bakery.id, member, "MEMBER", by=bakery.owner)

    as_member = await client.execute(
        DELETE, {"tenantId": bakery.id, "mode": "IMMEDIATE"}, as_=member
    )
    too_long = await bakery.run(DELETE, {"reason": "x" * 1001})

    assert as_member.codes == ["FORBIDDEN"]
    assert too_long.data["deleteTenant"]["errors"][0]["code"] == "INVALID_REASON"
