"""completeProductionBatch: ingredients out, product in, batch COMPLETED, in one transaction."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from domains.inventory import stock
from domains.production import repository
from tests.production.support import Kitchen, problems
from tests.recipes.support import catalog, line, members, recipe
from tests.support import Bakery, GraphQLClient

ITEM_STOCK = """
query($tenantId: ID!) {
  tenant(id: $tenantId) {
    ingredients(first: 100) { nodes { id onHand stockLots { quantity unitCost expiresOn } } }
    products(first: 100) { nodes { id onHand stockLots { quantity unitCost productionBatchId } } }
    stockMovements(first: 100, kind: PRODUCTION) {
      nodes { quantity productionBatchId ingredient { name } product { name } }
    }
    stockAlerts(first: 100) { nodes { ingredient { name } status } }
  }
}
"""


async def stock_of(bakery: Bakery) -> dict[str, Any]:
    result = await bakery.run(ITEM_STOCK)
    assert result.errors == [], result.errors
    tenant = result.data["tenant"]
    items = {n["id"]: n for n in tenant["ingredients"]["nodes"] + tenant["products"]["nodes"]}
    return {**tenant, "items": items}


async def test_complete_production_batch_moves_ingredients_into_the_product(
    client: GraphQLClient,
) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    flour, butter, water = kitchen.ingredients
    batch_id = await kitchen.started("24")  # twice the recipe's 12

    result = await kitchen.complete(batch_id, "22")
    after = await stock_of(kitchen.bakery)

    payload = result.data["completeProductionBatch"]
    assert payload["errors"] == []
    assert payload["batch"]["status"] == "COMPLETED"
    assert payload["batch"]["actualQuantity"] == "22.000"
    assert payload["batch"]["completedAt"] is not None
    assert after["items"][flour]["onHand"] == "8.000"
    assert after["items"][butter]["onHand"] == "9.600"
    assert after["items"][water]["onHand"] == "8.800"
    # 2 kg x 0.80 + 0.4 kg x 6.00 + 1.2 l x 0.01 = 4.012, spread over the 22 made
    assert after["items"][kitchen.product]["onHand"] == "22.000"
    assert after["items"][kitchen.product]["stockLots"] == [
        {"quantity": "22.000", "unitCost": "0.1824", "productionBatchId": batch_id}
    ]
    assert sorted(
        (m["ingredient"] or m["product"])["name"] + " " + m["quantity"]
        for m in after["stockMovements"]["nodes"]
        if m["productionBatchId"] == batch_id
    ) == ["Agua -1.200", "Harina -2.000", "Mantequilla -0.400", "Pan de molde 22.000"]


async def test_complete_production_batch_uses_the_oldest_expiry_first(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    product = await bakery.product("Bizcocho", unit="KG")
    flour = await bakery.ingredient("Harina", unit="KG")
    await bakery.stock(ingredient_id=flour, quantity="10", unit_cost="0.50")
    await bakery.stock(ingredient_id=flour, quantity="1", unit_cost="1.00", expires_on="2099-02-01")
    await bakery.stock(ingredient_id=flour, quantity="1", unit_cost="2.00", expires_on="2099-01-01")
    cake = await recipe(
        bakery, product, [line(flour, "500", "G")], yield_quantity="1000", yield_unit="G"
    )
    kitchen = Kitchen(bakery, product, [flour], cake)
    batch_id = await kitchen.started("5000")  # 5 kg of cake: 2.5 kg of flour

    result = await kitchen.complete(batch_id, "4800")
    after = await stock_of(bakery)

    assert result.data["completeProductionBatch"]["errors"] == []
    assert after["items"][flour]["stockLots"] == [
        {"quantity": "9.500", "unitCost": "0.5000", "expiresOn": None}
    ]
    # 1 kg x 2.00 + 1 kg x 1.00 + 0.5 kg x 0.50 = 3.25 for 4.8 kg (the yield is in grams)
    assert after["items"][product]["stockLots"] == [
        {"quantity": "4.800", "unitCost": "0.6771", "productionBatchId": batch_id}
    ]


async def test_complete_production_batch_opens_a_low_stock_alert(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    product = await bakery.product()
    flour = await bakery.ingredient("Harina candeal", reorder_point="5")
    await bakery.stock(ingredient_id=flour, quantity="6")
    kitchen = Kitchen(bakery, product, [flour], await recipe(bakery, product, [line(flour, "2")]))
    batch_id = await kitchen.started("10")  # the recipe makes 10: 2 kg

    before = await stock_of(bakery)
    await kitchen.complete(batch_id, "10")
    after = await stock_of(bakery)

    assert before["stockAlerts"]["nodes"] == []
    assert after["stockAlerts"]["nodes"] == [
        {"ingredient": {"name": "Harina candeal"}, "status": "OPEN"}
    ]


async def test_complete_production_batch_that_yielded_nothing_adds_no_lot(
    client: GraphQLClient,
) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    batch_id = await kitchen.started("12")

    result = await kitchen.complete(batch_id, "0")
    after = await stock_of(kitchen.bakery)

    assert result.data["completeProductionBatch"]["errors"] == []
    assert result.data["completeProductionBatch"]["batch"]["actualQuantity"] == "0.000"
    assert after["items"][kitchen.ingredients[0]]["onHand"] == "9.000"
    assert after["items"][kitchen.product]["stockLots"] == []


async def test_complete_production_batch_short_of_the_last_ingredient_changes_nothing(
    client: GraphQLClient,
) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client), stock=("10", "10", "1"))
    batch_id = await kitchen.started("24")  # needs 1.2 l of water; 1 l in stock
    before = await kitchen.snapshot()

    result = await kitchen.complete(batch_id, "24")
    after = await kitchen.snapshot()

    payload = result.data["completeProductionBatch"]
    assert payload["batch"] is None
    assert [e["code"] for e in payload["errors"]] == ["INSUFFICIENT_STOCK"]
    assert "Agua" in payload["errors"][0]["message"]
    assert after == before
    assert [b["status"] for b in after["productionBatches"]["nodes"]] == ["IN_PROGRESS"]


@pytest.mark.parametrize(
    ("module", "function"),
    [(repository, "mark_completed"), (stock, "receive")],
    ids=["marking-completed", "receiving-the-product"],
)
async def test_complete_production_batch_failing_late_changes_nothing(
    client: GraphQLClient, monkeypatch: pytest.MonkeyPatch, module: object, function: str
) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    batch_id = await kitchen.started("24")
    before = await kitchen.snapshot()

    async def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(module, function, crash)
    result = await kitchen.complete(batch_id, "24")
    monkeypatch.undo()
    after = await kitchen.snapshot()

    assert result.codes == ["INTERNAL_SERVER_ERROR"]
    assert result.data is None
    assert after == before
    assert [b["status"] for b in after["productionBatches"]["nodes"]] == ["IN_PROGRESS"]


async def test_complete_production_batch_twice_at_once_moves_stock_once(
    client: GraphQLClient,
) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    batch_id = await kitchen.started("12")

    first, second = await asyncio.gather(
        kitchen.complete(batch_id, "12"), kitchen.complete(batch_id, "12")
    )
    after = await stock_of(kitchen.bakery)

    outcomes = sorted(
        problems(r.data["completeProductionBatch"]["errors"]) for r in (first, second)
    )
    assert outcomes == [[], [("INVALID_TRANSITION", "id")]]
    assert after["items"][kitchen.ingredients[0]]["onHand"] == "9.000"
    assert after["items"][kitchen.product]["onHand"] == "12.000"


async def test_complete_production_batch_only_in_progress(client: GraphQLClient) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    planned = await kitchen.plan()
    completed = await kitchen.started("12")
    await kitchen.complete(completed, "12")

    of_planned = await kitchen.complete(planned, "12")
    of_completed = await kitchen.complete(completed, "12")

    for result in (of_planned, of_completed):
        errors = result.data["completeProductionBatch"]["errors"]
        assert problems(errors) == [("INVALID_TRANSITION", "id")]
    assert (await stock_of(kitchen.bakery))["items"][kitchen.product]["onHand"] == "12.000"


async def test_complete_production_batch_beyond_any_stock_is_refused(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    product, flour = await bakery.product(), await bakery.ingredient("Harina", unit="G")
    await bakery.stock(ingredient_id=flour, quantity="1000")
    huge = await recipe(bakery, product, [line(flour, "90000", "KG")], yield_quantity="0.001")
    kitchen = Kitchen(bakery, product, [flour], huge)
    batch_id = await kitchen.started("99999999999")

    result = await kitchen.complete(batch_id, "1")

    errors = result.data["completeProductionBatch"]["errors"]
    assert problems(errors) == [("INSUFFICIENT_STOCK", "id")]
    assert await bakery.on_hand(flour) == "1000.000"


async def test_complete_production_batch_refuses_a_negative_yield(client: GraphQLClient) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    batch_id = await kitchen.started()

    result = await kitchen.complete(batch_id, "-1")

    errors = result.data["completeProductionBatch"]["errors"]
    assert problems(errors) == [("INVALID_INPUT", "actualQuantity")]


async def test_complete_production_batch_of_a_deleted_recipe_is_refused(
    client: GraphQLClient,
) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    batch_id = await kitchen.started()
    await catalog(kitchen.bakery, "deleteRecipe", kitchen.recipe)

    result = await kitchen.complete(batch_id, "24")

    assert problems(result.data["completeProductionBatch"]["errors"]) == [("NOT_FOUND", "id")]


async def test_complete_production_batch_by_member_not_viewer(client: GraphQLClient) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    batch_id = await kitchen.started("12")
    viewer, member = await members(kitchen.bakery, "VIEWER", "MEMBER")

    as_viewer = await kitchen.complete(batch_id, "12", as_=viewer)
    as_member = await kitchen.complete(batch_id, "12", as_=member)

    assert as_viewer.codes == ["FORBIDDEN"]
    assert as_member.data["completeProductionBatch"]["errors"] == []


async def test_complete_production_batch_of_another_bakery(client: GraphQLClient) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    other = await Bakery.open(client)
    batch_id = await kitchen.started("12")

    in_own_bakery = await other.run(
        "mutation($tenantId: ID!, $id: ID!) { completeProductionBatch(tenantId: $tenantId, "
        'id: $id, actualQuantity: "12") { batch { id } errors { code field } } }',
        {"id": batch_id},
    )
    in_theirs = await kitchen.complete(batch_id, "12", as_=other.owner)
    malformed = await kitchen.complete("batch-1", "12")

    assert problems(in_own_bakery.data["completeProductionBatch"]["errors"]) == [
        ("NOT_FOUND", "id")
    ]
    assert in_theirs.codes == ["FORBIDDEN"]
    assert malformed.codes == ["BAD_USER_INPUT"]
    assert (await stock_of(kitchen.bakery))["items"][kitchen.product]["onHand"] == "0"
