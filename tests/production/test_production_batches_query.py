"""tenant { productionBatches }: order by day, filters, paging, and relations once deleted."""

from __future__ import annotations

from typing import Any

from tests.production.support import CANCEL, Kitchen
from tests.recipes.support import catalog, members
from tests.support import Bakery, GraphQLClient

BATCHES = """
query($tenantId: ID!, $first: Int, $after: String, $status: BatchStatus, $from: Date, $to: Date) {
  tenant(id: $tenantId) {
    productionBatches(first: $first, after: $after, status: $status, from: $from, to: $to) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id status plannedFor recipe { name } product { name } }
    }
  }
}
"""


async def batches(bakery: Bakery, **variables: Any) -> dict[str, Any]:
    result = await bakery.run(BATCHES, {"first": 100, **variables})
    assert result.errors == [], result.errors
    found: dict[str, Any] = result.data["tenant"]["productionBatches"]
    return found


async def test_production_batches_by_planned_day_then_planning_order(
    client: GraphQLClient,
) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    third = await kitchen.plan(day="2026-12-03")
    first = await kitchen.plan(day="2026-12-01")
    fourth = await kitchen.plan(day="2026-12-03")
    second = await kitchen.plan(day="2026-12-02")

    page_one = await batches(kitchen.bakery, first=3)
    page_two = await batches(kitchen.bakery, first=3, after=page_one["pageInfo"]["endCursor"])

    assert [n["id"] for n in page_one["nodes"]] == [first, second, third]
    assert page_one["pageInfo"]["hasNextPage"] is True
    assert [n["id"] for n in page_two["nodes"]] == [fourth]
    assert page_two["pageInfo"]["hasNextPage"] is False
    assert page_one["totalCount"] == 4


async def test_production_batches_filtered_by_status_and_days(client: GraphQLClient) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    early = await kitchen.plan(day="2026-11-30")
    inside = await kitchen.plan(day="2026-12-01")
    cancelled = await kitchen.plan(day="2026-12-02")
    late = await kitchen.plan(day="2026-12-03")
    await kitchen.bakery.run(CANCEL, {"id": cancelled})

    in_days = await batches(kitchen.bakery, **{"from": "2026-12-01", "to": "2026-12-02"})
    from_day = await batches(kitchen.bakery, **{"from": "2026-12-02"})
    planned = await batches(kitchen.bakery, status="PLANNED")

    assert [n["id"] for n in in_days["nodes"]] == [inside, cancelled]
    assert [n["id"] for n in from_day["nodes"]] == [cancelled, late]
    assert [n["id"] for n in planned["nodes"]] == [early, inside, late]
    assert planned["totalCount"] == 3


async def test_production_batches_show_deleted_recipe_and_product_as_null(
    client: GraphQLClient,
) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    await kitchen.plan()

    await catalog(kitchen.bakery, "deleteRecipe", kitchen.recipe)
    await catalog(kitchen.bakery, "deleteProduct", kitchen.product)
    [while_deleted] = (await batches(kitchen.bakery))["nodes"]
    await catalog(kitchen.bakery, "restoreProduct", kitchen.product)
    await catalog(kitchen.bakery, "restoreRecipe", kitchen.recipe)
    [restored] = (await batches(kitchen.bakery))["nodes"]

    assert while_deleted["recipe"] is None
    assert while_deleted["product"] is None
    assert restored["recipe"] == {"name": "Molde"}
    assert restored["product"] == {"name": "Pan de molde"}


async def test_production_batches_of_the_bakery_asked_for(client: GraphQLClient) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    other = await Kitchen.open(await Bakery.open(client))
    await other.plan()
    [viewer] = await members(kitchen.bakery, "VIEWER")

    mine = await batches(kitchen.bakery)
    as_viewer = await client.execute(BATCHES, {"tenantId": kitchen.bakery.id}, as_=viewer)
    theirs = await client.execute(BATCHES, {"tenantId": other.bakery.id}, as_=viewer)
    bad_cursor = await kitchen.bakery.run(BATCHES, {"after": "not-a-cursor"})

    assert mine["nodes"] == []
    assert mine["totalCount"] == 0
    assert as_viewer.errors == []
    assert theirs.codes == ["FORBIDDEN"]
    assert bad_cursor.codes == ["BAD_USER_INPUT"]
