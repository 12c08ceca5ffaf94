"""SQL statements of the purchase order lists do not grow with the number of orders."""

from __future__ import annotations

from starlette.applications import Starlette

from tests.suppliers.api import (
    RECEIVE_ORDER,
    create_order,
    create_supplier,
    line,
    sent_order,
    transition,
)
from tests.support import Bakery, GraphQLClient, counting_statements

# 11 today: the caller's account and membership, the tenant, the two pages, and one batch per
# relation (supplier, items, delivery, ingredient, product, latest orders of each supplier).
# Loads of concurrent branches may fall into more batches with timing, hence some room; one
# statement per order would need 30 more.
MAX_STATEMENTS = 14

NESTED = """
query($tenantId: ID!) {
  tenant(id: $tenantId) {
    purchaseOrders(first: 100) {
      nodes {
        supplier { name }
        items { quantity ingredient { name } product { name } }
        total
        delivery { receivedBy }
      }
    }
    suppliers(first: 100) { nodes { purchaseOrders { status } } }
  }
}
"""


async def bakery_with_orders(client: GraphQLClient, count: int) -> Bakery:
    """A bakery with `count` purchase orders over three suppliers, every third one received."""
    bakery = await Bakery.open(client)
    flour, bread = await bakery.ingredient(), await bakery.product()
    suppliers = [await create_supplier(bakery) for _ in range(3)]
    for index in range(count):
        items = [line(ingredient_id=flour), line(product_id=bread)]
        supplier_id = suppliers[index % 3]
        if index % 3 == 0:
            await transition(bakery, RECEIVE_ORDER, await sent_order(bakery, supplier_id, items))
        else:
            await create_order(bakery, supplier_id, items)
    return bakery


async def test_purchase_orders_statements_do_not_grow_with_orders(
    client: GraphQLClient, app: Starlette
) -> None:
    small_bakery = await bakery_with_orders(client, 3)
    large_bakery = await bakery_with_orders(client, 30)

    with counting_statements(app) as small:
        small_result = await small_bakery.run(NESTED)
    with counting_statements(app) as large:
        large_result = await large_bakery.run(NESTED)

    assert small_result.errors == []
    assert large_result.errors == []
    orders = large_result.data["tenant"]["purchaseOrders"]["nodes"]
    assert len(orders) == 30
    assert sum(order["delivery"] is not None for order in orders) == 10
    assert all(len(order["items"]) == 2 for order in orders)
    assert all(order["items"][0]["ingredient"] is not None for order in orders)
    assert all(order["supplier"] is not None for order in orders)
    assert [
        len(supplier["purchaseOrders"])
        for supplier in large_result.data["tenant"]["suppliers"]["nodes"]
    ] == [10, 10, 10]
    assert len(small) <= MAX_STATEMENTS, small
    assert len(large) <= MAX_STATEMENTS, large
