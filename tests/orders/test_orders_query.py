"""The `orders` list: its order, its filters and its pages."""

from __future__ import annotations

from datetime import timedelta

from tests.orders.api import (
    ORDERS,
    TODAY,
    cancel,
    create_customer,
    create_order,
    item,
    move,
)
from tests.support import Bakery, GraphQLClient, Result


def ids(result: Result) -> list[str]:
    """Ids of the listed orders, in order."""
    return [node["id"] for node in result.data["tenant"]["orders"]["nodes"]]


def day(offset: int) -> str:
    """The day `offset` days from today."""
    return (TODAY + timedelta(days=offset)).isoformat()


async def test_orders_by_delivery_day_then_creation_in_pages(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    customer_id = await create_customer(bakery)
    created = [
        await create_order(bakery, customer_id, [item(bread)], delivery_date=day(offset))
        for offset in [3, 1, 2, 1]
    ]

    first = (await bakery.run(ORDERS, {"first": 3})).data["tenant"]["orders"]
    rest = await bakery.run(ORDERS, {"first": 3, "after": first["pageInfo"]["endCursor"]})

    expected = [created[1], created[3], created[2], created[0]]
    assert [node["id"] for node in first["nodes"]] == [order["id"] for order in expected[:3]]
    assert first["totalCount"] == 4
    assert first["pageInfo"]["hasNextPage"] is True
    rest_page = rest.data["tenant"]["orders"]
    assert [node["id"] for node in rest_page["nodes"]] == [expected[3]["id"]]
    assert rest_page["pageInfo"]["hasNextPage"] is False


async def test_orders_filtered_by_status_customer_and_delivery_days(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    cafe, hotel = await create_customer(bakery), await create_customer(bakery)
    early = await create_order(bakery, cafe, [item(bread)], delivery_date=day(1))
    middle = await create_order(bakery, hotel, [item(bread)], delivery_date=day(5))
    late = await create_order(bakery, cafe, [item(bread)], delivery_date=day(9))
    await move(bakery, middle["id"], "CONFIRMED")
    await cancel(bakery, late["id"])

    by_status = await bakery.run(ORDERS, {"status": "CONFIRMED"})
    by_customer = await bakery.run(ORDERS, {"customerId": cafe})
    by_days = await bakery.run(ORDERS, {"from": day(1), "to": day(5)})
    from_only = await bakery.run(ORDERS, {"from": day(2)})
    combined = await bakery.run(ORDERS, {"customerId": cafe, "status": "PENDING", "to": day(5)})

    assert ids(by_status) == [middle["id"]]
    assert ids(by_customer) == [early["id"], late["id"]]
    assert ids(by_days) == [early["id"], middle["id"]]
    assert ids(from_only) == [middle["id"], late["id"]]
    assert ids(combined) == [early["id"]]
    assert combined.data["tenant"]["orders"]["totalCount"] == 1


async def test_orders_refuse_bad_filters(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    reversed_days = await bakery.run(ORDERS, {"from": day(5), "to": day(1)})
    malformed_customer = await bakery.run(ORDERS, {"customerId": "nope"})
    too_large = await bakery.run(ORDERS, {"first": 101})

    assert reversed_days.codes == ["BAD_USER_INPUT"]
    assert malformed_customer.codes == ["BAD_USER_INPUT"]
    assert too_large.codes == ["BAD_USER_INPUT"]


async def test_orders_of_another_bakery_never_show(client: GraphQLClient) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    foreign_customer = await create_customer(other)
    await create_order(other, foreign_customer, [item(await other.product())])

    own = await bakery.run(ORDERS, {"customerId": foreign_customer})
    foreign = await client.execute(ORDERS, {"tenantId": other.id}, as_=bakery.owner)

    assert own.data["tenant"]["orders"] == {
        "totalCount": 0,
        "nodes": [],
        "pageInfo": {"hasNextPage": False, "endCursor": None},
    }
    assert foreign.codes == ["FORBIDDEN"]
    assert foreign.data == {"tenant": None}


async def test_orders_show_a_deleted_product_as_null(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    customer_id = await create_customer(bakery)
    await create_order(bakery, customer_id, [item(bread, "2")])

    await bakery.run(
        "mutation($tenantId: ID!, $id: ID!) { deleteProduct(tenantId: $tenantId, id: $id) "
        "{ errors { code } } }",
        {"id": bread},
    )

    result = await bakery.run(
        """query($tenantId: ID!) { tenant(id: $tenantId) {
             orders { nodes { total
               items { productId quantity lineTotal product { name } } } } } }"""
    )
    [node] = result.data["tenant"]["orders"]["nodes"]
    assert node["total"] == "3.00"
    assert node["items"] == [
        {"productId": bread, "quantity": "2.000", "lineTotal": "3.00", "product": None}
    ]
