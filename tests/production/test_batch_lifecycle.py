"""planProductionBatch, startProductionBatch, cancelProductionBatch: statuses and roles."""

from __future__ import annotations

import uuid

from sqlalchemy import text
from starlette.applications import Starlette

from tests.production.support import CANCEL, DAY, PLAN, START, Kitchen, problems
from tests.recipes.support import catalog, members
from tests.support import Bakery, GraphQLClient


async def test_plan_production_batch_of_a_recipe(client: GraphQLClient) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))

    result = await kitchen.bakery.run(
        PLAN,
        {
            "input": {
                "recipeId": kitchen.recipe,
                "plannedQuantity": "36",
                "plannedFor": DAY,
                "notes": "Para el pedido del colegio",
            }
        },
    )

    payload = result.data["planProductionBatch"]
    assert payload["errors"] == []
    batch = payload["batch"]
    assert batch["status"] == "PLANNED"
    assert batch["plannedQuantity"] == "36.000"
    assert batch["actualQuantity"] is None
    assert batch["plannedFor"] == DAY
    assert batch["notes"] == "Para el pedido del colegio"
    assert batch["recipe"] == {"id": kitchen.recipe, "name": "Molde"}
    assert batch["product"] == {"id": kitchen.product, "name": "Pan de molde"}
    assert batch["operator"] is None
    assert batch["qualityChecks"] == []


async def test_plan_production_batch_creates_one_schedule_per_day(
    client: GraphQLClient, app: Starlette
) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    await kitchen.plan(day="2026-12-01")
    await kitchen.plan(day="2026-12-01")
    await kitchen.plan(day="2026-12-02")

    async with app.state.resources.database.engine.connect() as connection:
        days = await connection.scalars(
            text(
                "SELECT scheduled_on::text FROM production.production_schedules "
                "WHERE tenant_id = :tenant ORDER BY scheduled_on"
            ),
            {"tenant": uuid.UUID(kitchen.bakery.id)},
        )
        assert list(days) == ["2026-12-01", "2026-12-02"]


async def test_plan_production_batch_refuses_recipes_not_live_here(client: GraphQLClient) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    foreign = await Kitchen.open(await Bakery.open(client))
    deleted = kitchen.recipe
    await catalog(kitchen.bakery, "deleteRecipe", deleted)

    for recipe_id in (deleted, foreign.recipe, str(uuid.uuid4())):
        result = await kitchen.bakery.run(
            PLAN, {"input": {"recipeId": recipe_id, "plannedQuantity": "1", "plannedFor": DAY}}
        )
        assert result.data["planProductionBatch"]["batch"] is None
        assert problems(result.data["planProductionBatch"]["errors"]) == [("NOT_FOUND", "recipeId")]


async def test_plan_production_batch_refuses_a_deleted_product(client: GraphQLClient) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    await catalog(kitchen.bakery, "deleteProduct", kitchen.product)

    result = await kitchen.bakery.run(
        PLAN, {"input": {"recipeId": kitchen.recipe, "plannedQuantity": "1", "plannedFor": DAY}}
    )

    assert problems(result.data["planProductionBatch"]["errors"]) == [
        ("PRODUCT_DELETED", "recipeId")
    ]


async def test_plan_production_batch_refuses_bad_input(client: GraphQLClient) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))

    zero = await kitchen.bakery.run(
        PLAN, {"input": {"recipeId": kitchen.recipe, "plannedQuantity": "0", "plannedFor": DAY}}
    )
    malformed = await kitchen.bakery.run(
        PLAN, {"input": {"recipeId": "molde", "plannedQuantity": "1", "plannedFor": DAY}}
    )
    bad_day = await kitchen.bakery.run(
        PLAN,
        {"input": {"recipeId": kitchen.recipe, "plannedQuantity": "1", "plannedFor": "mañana"}},
    )

    assert problems(zero.data["planProductionBatch"]["errors"]) == [
        ("INVALID_INPUT", "plannedQuantity")
    ]
    assert malformed.codes == ["BAD_USER_INPUT"]
    assert bad_day.codes == ["BAD_USER_INPUT"]


async def test_plan_production_batch_needs_member(client: GraphQLClient) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    stranger = await Bakery.open(client)
    viewer, member = await members(kitchen.bakery, "VIEWER", "MEMBER")
    variables = {
        "tenantId": kitchen.bakery.id,
        "input": {"recipeId": kitchen.recipe, "plannedQuantity": "1", "plannedFor": DAY},
    }

    as_viewer = await client.execute(PLAN, variables, as_=viewer)
    as_stranger = await client.execute(PLAN, variables, as_=stranger.owner)
    as_member = await client.execute(PLAN, variables, as_=member)

    assert as_viewer.codes == ["FORBIDDEN"]
    assert as_stranger.codes == ["FORBIDDEN"]
    assert as_member.data["planProductionBatch"]["errors"] == []


async def test_start_production_batch_makes_the_caller_its_operator(
    client: GraphQLClient,
) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    [member] = await members(kitchen.bakery, "MEMBER")
    batch_id = await kitchen.plan()

    result = await client.execute(
        START, {"tenantId": kitchen.bakery.id, "id": batch_id}, as_=member
    )

    batch = result.data["startProductionBatch"]["batch"]
    assert batch["status"] == "IN_PROGRESS"
    assert batch["startedAt"] is not None
    assert batch["operator"] == {"id": member.id}


async def test_cancel_production_batch_planned_or_in_progress(client: GraphQLClient) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    planned, in_progress = await kitchen.plan(), await kitchen.started()
    before = await kitchen.snapshot()

    results = [await kitchen.bakery.run(CANCEL, {"id": i}) for i in (planned, in_progress)]
    after = await kitchen.snapshot()

    for result in results:
        batch = result.data["cancelProductionBatch"]["batch"]
        assert batch["status"] == "CANCELLED"
        assert batch["cancelledAt"] is not None
    assert after["stockMovements"] == before["stockMovements"]
    assert after["products"] == before["products"]


async def test_production_batch_transitions_that_are_not_allowed(client: GraphQLClient) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    in_progress, completed, cancelled = (
        await kitchen.started(),
        await kitchen.started("12"),
        await kitchen.plan(),
    )
    await kitchen.complete(completed, "12")
    await kitchen.bakery.run(CANCEL, {"id": cancelled})

    refused = [
        ("startProductionBatch", await kitchen.bakery.run(START, {"id": in_progress})),
        ("startProductionBatch", await kitchen.bakery.run(START, {"id": completed})),
        ("startProductionBatch", await kitchen.bakery.run(START, {"id": cancelled})),
        ("cancelProductionBatch", await kitchen.bakery.run(CANCEL, {"id": completed})),
        ("cancelProductionBatch", await kitchen.bakery.run(CANCEL, {"id": cancelled})),
        ("completeProductionBatch", await kitchen.complete(cancelled, "1")),
    ]

    for mutation, result in refused:
        assert result.data[mutation]["batch"] is None
        assert problems(result.data[mutation]["errors"]) == [("INVALID_TRANSITION", "id")]


async def test_start_and_cancel_production_batch_of_another_bakery(client: GraphQLClient) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    other = await Bakery.open(client)
    [viewer] = await members(kitchen.bakery, "VIEWER")
    batch_id = await kitchen.plan()

    start_elsewhere = await other.run(START, {"id": batch_id})
    cancel_elsewhere = await other.run(CANCEL, {"id": batch_id})
    as_viewer = await client.execute(
        CANCEL, {"tenantId": kitchen.bakery.id, "id": batch_id}, as_=viewer
    )
    malformed = await kitchen.bakery.run(START, {"id": "1"})

    assert problems(start_elsewhere.data["startProductionBatch"]["errors"]) == [("NOT_FOUND", "id")]
    assert problems(cancel_elsewhere.data["cancelProductionBatch"]["errors"]) == [
        ("NOT_FOUND", "id")
    ]
    assert as_viewer.codes == ["FORBIDDEN"]
    assert malformed.codes == ["BAD_USER_INPUT"]
    batches = (await kitchen.snapshot())["productionBatches"]["nodes"]
    assert [b["status"] for b in batches] == ["PLANNED"]
