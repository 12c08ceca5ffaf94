"""SQL statements of the alerts and notifications lists do not grow with the number of alerts."""

from __future__ import annotations

from starlette.applications import Starlette

from tests.alerts.api import RESOLVE, alerts, create_rule, member, wasted
from tests.support import Bakery, GraphQLClient, counting_statements

# 6 today: the caller's account and membership (the tenant comes with it), the two pages, and
# one batch per relation (rule, history). Some room for loads that fall into more batches with
# timing; a statement per alert would need 24 more for 12 alerts.
MAX_STATEMENTS = 8

NESTED = """
query($tenantId: ID!) {
  tenant(id: $tenantId) {
    alerts(first: 100) { nodes { rule { kind } history { status } } }
    notifications(first: 100) { nodes { subject } }
  }
}
"""


async def bakery_with_alerts(client: GraphQLClient, count: int) -> Bakery:
    """A bakery with `count` low-stock alerts (every other one resolved), notified to two
    admins."""
    bakery = await Bakery.open(client)
    await member(bakery, "ADMIN")
    await create_rule(bakery)
    for _ in range(count):
        ingredient = await bakery.ingredient(reorder_point="5")
        await bakery.stock(ingredient_id=ingredient, quantity="10")
        await wasted(bakery, ingredient, "6")
    for alert in (await alerts(bakery))[::2]:
        await bakery.run(RESOLVE, {"id": alert["id"]})
    return bakery


async def test_alerts_and_notifications_statements_do_not_grow_with_alerts(
    client: GraphQLClient, app: Starlette
) -> None:
    small_bakery = await bakery_with_alerts(client, 2)
    large_bakery = await bakery_with_alerts(client, 12)

    with counting_statements(app) as small:
        small_result = await small_bakery.run(NESTED)
    with counting_statements(app) as large:
        large_result = await large_bakery.run(NESTED)

    assert small_result.errors == []
    assert large_result.errors == []
    nodes = large_result.data["tenant"]["alerts"]["nodes"]
    assert len(nodes) == 12
    assert all(node["rule"] == {"kind": "LOW_STOCK"} for node in nodes)
    assert [len(node["history"]) for node in nodes] == [2, 1] * 6
    assert len(large_result.data["tenant"]["notifications"]["nodes"]) == 24
    assert len(small) <= MAX_STATEMENTS, small
    assert len(large) <= MAX_STATEMENTS, large
