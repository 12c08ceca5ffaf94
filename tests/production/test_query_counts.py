"""Listing batches with their recipe, product and checks runs a bounded number of statements."""

from __future__ import annotations

from starlette.applications import Starlette

from tests.production.support import CHECK, Kitchen
from tests.support import Bakery, GraphQLClient, counting_statements

# Principal, membership, tenant, page, recipes, products, checks: 7 in one run; how
# concurrent loads fall into batches varies with timing, hence some slack. One statement per
# batch would need 40+.
MAX_STATEMENTS = 11

NESTED = """
query($tenantId: ID!) {
  tenant(id: $tenantId) {
    productionBatches(first: 100) {
      nodes { recipe { name } product { name } qualityChecks { passed } }
    }
  }
}
"""


async def kitchen_with_batches(client: GraphQLClient, count: int) -> Kitchen:
    kitchen = await Kitchen.open(await Bakery.open(client))
    for _ in range(count):
        batch_id = await kitchen.started("1")
        await kitchen.bakery.run(
            CHECK, {"batchId": batch_id, "input": {"checkType": "Peso", "passed": True}}
        )
    return kitchen


async def test_production_batches_statements_do_not_grow_with_batches(
    client: GraphQLClient, app: Starlette
) -> None:
    small = await kitchen_with_batches(client, 5)
    large = await kitchen_with_batches(client, 40)

    with counting_statements(app) as small_statements:
        small_result = await small.bakery.run(NESTED)
    with counting_statements(app) as large_statements:
        large_result = await large.bakery.run(NESTED)

    assert small_result.errors == []
    assert large_result.errors == []
    nodes = large_result.data["tenant"]["productionBatches"]["nodes"]
    assert len(nodes) == 40
    assert all(node["qualityChecks"] == [{"passed": True}] for node in nodes)
    assert all(node["recipe"] == {"name": "Molde"} for node in nodes)
    assert len(small_statements) <= MAX_STATEMENTS, small_statements
    assert len(large_statements) <= MAX_STATEMENTS, large_statements
