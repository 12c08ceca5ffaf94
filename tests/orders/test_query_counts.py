"""SQL statements of the orders list do not grow with the number of orders."""

from __future__ import annotations

from starlette.applications import Starlette

from tests.orders.api import cancel, create_customer, create_order, item, move
from tests.support import Bakery, GraphQLClient, counting_statements

# 9 today: the caller and the tenant, the orders page, the customers page and its count, and one
# batch per relation (customer, items, product, history). Loads of concurrent branches may fall
# into more batches with timing, hence some room; a statement per order would need 37 more.
MAX_STATEMENTS = 12

NESTED = """
query($tenantId: ID!) {
  tenant(id: $tenantId) {
    orders(first: 100) {
      nodes {
        customer { name }
        items { quantity product { name } }
        statusHistory { toStatus }
      }
    }
    customers(first: 100) { totalCount }
  }
}
"""


async def bakery_with_orders(client: GraphQLClient, count: int) -> Bakery:
    """A bakery with `count` orders of two lines over three customers, in various statuses."""
    bakery = await Bakery.open(client)
    bread, cake = await bakery.product(), await bakery.product()
    customers = [await create_customer(bakery) for _ in range(3)]
    for index in range(count):
        order = await create_order(
            bakery, customers[index % 3], [item(bread, "2"), item(cake, "1")]
        )
        if index % 3 == 1:
            await move(bakery, order["id"], "CONFIRMED")
        elif index % 3 == 2:
            await cancel(bakery, order["id"])
    return bakery


async def test_orders_statements_do_not_grow_with_orders(
    client: GraphQLClient, app: Starlette
) -> None:
    small_bakery = await bakery_with_orders(client, 3)
    large_bakery = await bakery_with_orders(client, 40)

    with counting_statements(app) as small:
        small_result = await small_bakery.run(NESTED)
    with counting_statements(app) as large:
        large_result = await large_bakery.run(NESTED)

    assert small_result.errors == []
    assert large_result.errors == []
    orders = large_result.data["tenant"]["orders"]["nodes"]
    assert len(orders) == 40
    assert all(order["customer"] is not None for order in orders)
    assert all(len(order["items"]) == 2 for order in orders)
    assert all(item["product"] is not None for order in orders for item in order["items"])
    assert sum(len(order["statusHistory"]) == 2 for order in orders) == 26
    assert large_result.data["tenant"]["customers"]["totalCount"] == 3
    assert len(small) <= MAX_STATEMENTS, small
    assert len(large) <= MAX_STATEMENTS, large
