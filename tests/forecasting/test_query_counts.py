"""SQL statements of the forecasts list do not grow with the number of forecasts."""

from __future__ import annotations

from starlette.applications import Starlette

from tests.support import Bakery, GraphQLClient, counting_statements
from tests.training.api import forecast_id, run_jobs

# The caller and the tenant, the forecasts page, one batch each for points, products and models.
MAX_STATEMENTS = 9

NESTED = """
query($tenantId: ID!) {
  tenant(id: $tenantId) {
    forecasts(first: 100) { nodes { points { date } product { name } model { version } } }
  }
}
"""


async def bakery_with_forecasts(
    client: GraphQLClient, app: Starlette, database_url: str, count: int
) -> Bakery:
    bakery = await Bakery.open(client)
    products = [await bakery.product() for _ in range(3)]
    ids = [await forecast_id(bakery, products[n % 3], 5) for n in range(count)]
    await run_jobs(app, database_url, *ids)
    return bakery


async def test_forecasts_statements_do_not_grow_with_forecasts(
    client: GraphQLClient, app: Starlette, database_url: str
) -> None:
    small_bakery = await bakery_with_forecasts(client, app, database_url, 2)
    large_bakery = await bakery_with_forecasts(client, app, database_url, 15)

    with counting_statements(app) as small:
        small_result = await small_bakery.run(NESTED)
    with counting_statements(app) as large:
        large_result = await large_bakery.run(NESTED)

    assert small_result.errors == []
    assert large_result.errors == []
    nodes = large_result.data["tenant"]["forecasts"]["nodes"]
    assert len(nodes) == 15
    assert all(len(node["points"]) == 5 and node["product"] for node in nodes)
    assert len(large) == len(small) <= MAX_STATEMENTS
