"""createOrder: a PENDING order of 1 to 100 live products for a live customer, every refusal."""

from __future__ import annotations

import uuid
from decimal import Decimal

from tests.orders.api import (
    DELETE_CUSTOMER,
    DELETE_PRODUCT,
    NEXT_WEEK,
    ORDERS,
    TODAY,
    TOMORROW,
    UPDATE_PRODUCT,
    YESTERDAY,
    create_customer,
    create_order,
    create_order_result,
    error_fields,
    item,
    member,
    product,
)
from tests.support import Bakery, GraphQLClient


async def test_create_order_prices_each_line_and_totals_exactly(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    baguette = await product(bakery, "1.10", "Baguette")
    cake = await product(bakery, "2.35", "Tarta de queso")
    roll = await product(bakery, "0.33", "Panecillo")
    customer_id = await create_customer(bakery, "Café Central")

    order = await create_order(
        bakery,
        customer_id,
        [item(baguette, "3"), item(cake, "2.5"), item(roll, "0.1")],
        delivery_date=NEXT_WEEK,
        notes="  Sin sésamo ",
    )

    assert order["status"] == "PENDING"
    assert order["customerId"] == customer_id
    assert order["customer"] == {"id": customer_id, "name": "Café Central"}
    assert order["deliveryDate"] == NEXT_WEEK
    assert order["notes"] == "Sin sésamo"
    assert [
        (i["productId"], i["product"]["name"], Decimal(i["quantity"]), i["unitPrice"])
        for i in order["items"]
    ] == [
        (baguette, "Baguette", Decimal("3"), "1.10"),
        (cake, "Tarta de queso", Decimal("2.5"), "2.35"),
        (roll, "Panecillo", Decimal("0.1"), "0.33"),
    ]
    # 3 x 1.10 = 3.30; 2.5 x 2.35 = 5.875 -> 5.88; 0.1 x 0.33 = 0.033 -> 0.03 (half up).
    assert [i["lineTotal"] for i in order["items"]] == ["3.30", "5.88", "0.03"]
    assert order["subtotal"] == "9.21"
    assert order["total"] == "9.21"


async def test_create_order_starts_its_history_as_pending(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    customer_id = await create_customer(bakery)

    order = await create_order(bakery, customer_id, [item(await bakery.product())])

    [created] = order["statusHistory"]
    assert created["fromStatus"] is None
    assert created["toStatus"] == "PENDING"
    assert created["changedBy"] == f"user:{bakery.owner.id}"
    assert created["changedAt"] is not None
    assert created["note"] == ""


async def test_create_order_keeps_the_price_it_was_taken_at(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    bread = await product(bakery, "2.00")
    customer_id = await create_customer(bakery)
    order = await create_order(bakery, customer_id, [item(bread, "4")])

    changed = await bakery.run(UPDATE_PRODUCT, {"id": bread, "input": {"salePrice": "3.00"}})

    assert changed.data["updateProduct"]["errors"] == []
    [listed] = (await bakery.run(ORDERS)).data["tenant"]["orders"]["nodes"]
    assert (order["total"], listed["total"]) == ("8.00", "8.00")


async def test_create_order_for_today_is_allowed(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    customer_id = await create_customer(bakery)

    result = await create_order_result(
        bakery, customer_id, [item(await bakery.product())], delivery_date=TODAY.isoformat()
    )

    assert result.data["createOrder"]["errors"] == []


async def test_create_order_refuses_no_items_and_more_than_100(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    customer_id = await create_customer(bakery)

    empty = await create_order_result(bakery, customer_id, [])
    too_many = await create_order_result(bakery, customer_id, [item(bread)] * 101)
    hundred = await create_order_result(bakery, customer_id, [item(bread)] * 100)

    assert error_fields(empty.data["createOrder"]) == [("INVALID_INPUT", "items")]
    assert error_fields(too_many.data["createOrder"]) == [("INVALID_INPUT", "items")]
    assert too_many.data["createOrder"]["order"] is None
    assert len(hundred.data["createOrder"]["order"]["items"]) == 100
    assert hundred.data["createOrder"]["order"]["total"] == "150.00"
    assert (await bakery.run(ORDERS)).data["tenant"]["orders"]["totalCount"] == 1


async def test_create_order_refuses_bad_input_naming_each_field(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    customer_id = await create_customer(bakery)

    result = await create_order_result(
        bakery,
        customer_id,
        [item(bread, "0"), item(bread, "-2"), item(bread, "1.0005"), item(bread, "1.5")],
        delivery_date=YESTERDAY,
        notes="n" * 2001,
    )

    payload = result.data["createOrder"]
    assert payload["order"] is None
    assert error_fields(payload) == [
        ("INVALID_INPUT", "notes"),
        ("INVALID_INPUT", "deliveryDate"),
        ("INVALID_INPUT", "items.0.quantity"),
        ("INVALID_INPUT", "items.1.quantity"),
        ("INVALID_INPUT", "items.2.quantity"),
    ]


async def test_create_order_refuses_a_total_beyond_what_money_holds(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    cake = await product(bakery, "1000.00")
    customer_id = await create_customer(bakery)

    one_line = await create_order_result(bakery, customer_id, [item(cake, "10000000000")])
    summed = await create_order_result(bakery, customer_id, [item(cake, "9000000")] * 2)

    assert error_fields(one_line.data["createOrder"]) == [("INVALID_INPUT", "items.0")]
    assert error_fields(summed.data["createOrder"]) == [("INVALID_INPUT", "items")]


async def test_create_order_refuses_products_not_live_in_this_bakery(
    client: GraphQLClient,
) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    bread = await bakery.product()
    gone = await bakery.product()
    await bakery.run(DELETE_PRODUCT, {"id": gone})
    foreign = await other.product()
    customer_id = await create_customer(bakery)

    result = await create_order_result(
        bakery,
        customer_id,
        [item(bread), item(gone), item(foreign), item(str(uuid.uuid4()))],
    )

    payload = result.data["createOrder"]
    assert payload["order"] is None
    assert error_fields(payload) == [
        ("NOT_FOUND", "items.1.productId"),
        ("NOT_FOUND", "items.2.productId"),
        ("NOT_FOUND", "items.3.productId"),
    ]
    assert (await bakery.run(ORDERS)).data["tenant"]["orders"]["totalCount"] == 0


async def test_create_order_refuses_a_customer_not_live_in_this_bakery(
    client: GraphQLClient,
) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    bread = await bakery.product()
    foreign = await create_customer(other)
    gone = await create_customer(bakery)
    await bakery.run(DELETE_CUSTOMER, {"id": gone})

    foreign_result = await create_order_result(bakery, foreign, [item(bread)])
    gone_result = await create_order_result(bakery, gone, [item(bread)])
    both = await create_order_result(bakery, foreign, [item(await other.product())])

    assert error_fields(foreign_result.data["createOrder"]) == [("NOT_FOUND", "customerId")]
    assert error_fields(gone_result.data["createOrder"]) == [("NOT_FOUND", "customerId")]
    assert error_fields(both.data["createOrder"]) == [
        ("NOT_FOUND", "customerId"),
        ("NOT_FOUND", "items.0.productId"),
    ]
    assert (await other.run(ORDERS)).data["tenant"]["orders"]["totalCount"] == 0


async def test_create_order_with_malformed_ids(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    customer_id = await create_customer(bakery)

    bad_customer = await create_order_result(bakery, "customer-1", [item(bread)])
    bad_product = await create_order_result(bakery, customer_id, [item(bread), item("x")])

    assert bad_customer.codes == ["BAD_USER_INPUT"]
    assert bad_customer.errors[0]["extensions"]["field"] == "customerId"
    assert bad_product.codes == ["BAD_USER_INPUT"]
    assert bad_product.errors[0]["extensions"]["field"] == "items.1.productId"
    assert (await bakery.run(ORDERS)).data["tenant"]["orders"]["totalCount"] == 0


async def test_create_order_roles(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    customer_id = await create_customer(bakery)
    viewer, operator = await member(bakery, "VIEWER"), await member(bakery, "MEMBER")

    as_viewer = await create_order_result(bakery, customer_id, [item(bread)], as_=viewer)
    as_member = await create_order_result(bakery, customer_id, [item(bread)], as_=operator)

    assert as_viewer.codes == ["FORBIDDEN"]
    assert as_viewer.data is None
    order = as_member.data["createOrder"]["order"]
    assert order["statusHistory"][0]["changedBy"] == f"user:{operator.id}"


async def test_create_order_in_another_bakery_is_forbidden(client: GraphQLClient) -> None:
    bakery, stranger = await Bakery.open(client), await Bakery.open(client)
    customer_id = await create_customer(bakery)
    bread = await bakery.product()

    result = await create_order_result(bakery, customer_id, [item(bread)], as_=stranger.owner)

    assert result.codes == ["FORBIDDEN"]
    assert result.data is None
    assert (await bakery.run(ORDERS)).data["tenant"]["orders"]["totalCount"] == 0


async def test_create_order_for_tomorrow_lists_it(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    customer_id = await create_customer(bakery, "Hotel Alameda")
    order = await create_order(bakery, customer_id, [item(await bakery.product(), "12")])

    listed = (await bakery.run(ORDERS)).data["tenant"]["orders"]

    assert listed["totalCount"] == 1
    assert listed["nodes"] == [
        {
            "id": order["id"],
            "status": "PENDING",
            "deliveryDate": TOMORROW,
            "total": "18.00",
            "customer": {"name": "Hotel Alameda"},
        }
    ]
