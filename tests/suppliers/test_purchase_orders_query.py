"""`Tenant.purchaseOrders` (order and filters) and `Supplier.purchaseOrders`."""

from __future__ import annotations

from tests.suppliers.api import (
    PURCHASE_ORDERS,
    SEND_ORDER,
    create_order,
    create_supplier,
    line,
    transition,
)
from tests.support import Bakery, GraphQLClient, Result


async def test_purchase_orders_by_expected_day_undated_last_and_filtered(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient()
    mill, dairy = await create_supplier(bakery, "Molino"), await create_supplier(bakery, "Lácteos")
    undated = await create_order(bakery, mill, [line(ingredient_id=flour)])
    late = await create_order(bakery, dairy, [line(ingredient_id=flour)], expected_on="2031-03-10")
    early = await create_order(bakery, mill, [line(ingredient_id=flour)], expected_on="2031-03-01")
    same_day = await create_order(
        bakery, mill, [line(ingredient_id=flour)], expected_on="2031-03-01"
    )
    await transition(bakery, SEND_ORDER, late["id"])

    pages: list[str] = []
    after = None
    while True:
        result = await bakery.run(PURCHASE_ORDERS, {"first": 1, "after": after})
        page = result.data["tenant"]["purchaseOrders"]
        pages += [node["id"] for node in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    of_mill = await bakery.run(PURCHASE_ORDERS, {"supplierId": mill})
    sent = await bakery.run(PURCHASE_ORDERS, {"status": "SENT"})
    in_window = await bakery.run(PURCHASE_ORDERS, {"from": "2031-03-02", "to": "2031-03-10"})
    from_day = await bakery.run(PURCHASE_ORDERS, {"from": "2031-03-01"})
    backwards = await bakery.run(PURCHASE_ORDERS, {"from": "2031-03-10", "to": "2031-03-01"})

    def ids(result: Result) -> list[str]:
        return [node["id"] for node in result.data["tenant"]["purchaseOrders"]["nodes"]]

    assert pages == [early["id"], same_day["id"], late["id"], undated["id"]]
    assert ids(of_mill) == [early["id"], same_day["id"], undated["id"]]
    assert ids(sent) == [late["id"]]
    assert ids(in_window) == [late["id"]]
    assert ids(from_day) == [early["id"], same_day["id"], late["id"]]
    assert backwards.codes == ["BAD_USER_INPUT"]


async def test_purchase_orders_of_a_supplier_latest_first(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient()
    mill, idle = await create_supplier(bakery, "A Molino"), await create_supplier(bakery, "B Nada")
    created = [
        (await create_order(bakery, mill, [line(ingredient_id=flour)]))["id"] for _ in range(3)
    ]

    result = await bakery.run(
        """query($tenantId: ID!) { tenant(id: $tenantId) { suppliers {
             nodes { id latest: purchaseOrders(last: 2) { id } all: purchaseOrders { id } } } } }"""
    )
    too_many = await bakery.run(
        """query($tenantId: ID!) { tenant(id: $tenantId) { suppliers {
             nodes { purchaseOrders(last: 101) { id } } } } }"""
    )

    nodes = result.data["tenant"]["suppliers"]["nodes"]
    assert [node["id"] for node in nodes] == [mill, idle]
    assert [o["id"] for o in nodes[0]["latest"]] == created[::-1][:2]
    assert [o["id"] for o in nodes[0]["all"]] == created[::-1]
    assert nodes[1]["all"] == []
    assert too_many.codes == ["BAD_USER_INPUT"]


async def test_purchase_orders_with_a_malformed_supplier_id(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    result = await bakery.run(PURCHASE_ORDERS, {"supplierId": "zzz"})

    assert result.codes == ["BAD_USER_INPUT"]
