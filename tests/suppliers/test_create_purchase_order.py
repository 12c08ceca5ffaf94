"""createPurchaseOrder: a DRAFT of 1 to 100 lines to a live supplier, every refusal."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from tests.suppliers.api import (
    NEXT_MONTH,
    PURCHASE_ORDERS,
    TOMORROW,
    create_order,
    create_order_result,
    create_supplier,
    error_fields,
    line,
    member,
)
from tests.support import Bakery, GraphQLClient


async def test_create_purchase_order_as_a_draft(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient("Harina T65")
    croissant = await bakery.product("Croissant congelado", kind="PAR_BAKED")
    supplier_id = await create_supplier(bakery, "Harinas del Norte")

    order = await create_order(
        bakery,
        supplier_id,
        [
            line(ingredient_id=flour, quantity="25", unit_cost="0.85", expires_on=NEXT_MONTH),
            line(product_id=croissant, quantity="40", unit_cost="0.333"),
        ],
        expected_on=TOMORROW,
        notes="Entregar por la mañana",
    )

    assert order["status"] == "DRAFT"
    assert order["supplierId"] == supplier_id
    assert order["supplier"] == {"id": supplier_id, "name": "Harinas del Norte"}
    assert order["expectedOn"] == TOMORROW
    assert order["notes"] == "Entregar por la mañana"
    assert order["sentAt"] is None
    assert order["delivery"] is None
    assert Decimal(order["total"]) == Decimal("25") * Decimal("0.85") + Decimal("40") * Decimal(
        "0.333"
    )
    assert [
        (i["ingredientId"], i["productId"], Decimal(i["quantity"]), Decimal(i["unitCost"]))
        for i in order["items"]
    ] == [
        (flour, None, Decimal("25"), Decimal("0.85")),
        (None, croissant, Decimal("40"), Decimal("0.333")),
    ]
    assert order["items"][0]["ingredient"] == {"id": flour, "name": "Harina T65"}
    assert order["items"][0]["product"] is None
    assert order["items"][0]["expiresOn"] == NEXT_MONTH
    assert Decimal(order["items"][0]["lineTotal"]) == Decimal("21.25")
    assert order["items"][1]["product"] == {"id": croissant, "name": "Croissant congelado"}


async def test_create_purchase_order_refuses_no_items_and_more_than_100(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient()
    supplier_id = await create_supplier(bakery)

    empty = await create_order_result(bakery, supplier_id, [])
    too_many = await create_order_result(bakery, supplier_id, [line(ingredient_id=flour)] * 101)
    hundred = await create_order_result(bakery, supplier_id, [line(ingredient_id=flour)] * 100)

    assert error_fields(empty.data["createPurchaseOrder"]) == [("INVALID_INPUT", "items")]
    assert error_fields(too_many.data["createPurchaseOrder"]) == [("INVALID_INPUT", "items")]
    assert too_many.data["createPurchaseOrder"]["purchaseOrder"] is None
    assert len(hundred.data["createPurchaseOrder"]["purchaseOrder"]["items"]) == 100


async def test_create_purchase_order_refuses_bad_lines_naming_each(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient()
    supplier_id = await create_supplier(bakery)
    yesterday = (datetime.now(UTC).date() - timedelta(days=1)).isoformat()

    result = await create_order_result(
        bakery,
        supplier_id,
        [
            line(ingredient_id=flour, quantity="0"),
            line(ingredient_id=flour, unit_cost="-1"),
            line(ingredient_id=flour, expires_on=yesterday),
            line(ingredient_id=flour, expires_on=TOMORROW),
        ],
        expected_on=NEXT_MONTH,
    )

    assert error_fields(result.data["createPurchaseOrder"]) == [
        ("INVALID_INPUT", "items.0.quantity"),
        ("INVALID_INPUT", "items.1.unitCost"),
        ("INVALID_INPUT", "items.2.expiresOn"),
        ("INVALID_INPUT", "items.3.expiresOn"),
    ]


async def test_create_purchase_order_needs_exactly_one_item_id_per_line(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    flour, bread = await bakery.ingredient(), await bakery.product()
    supplier_id = await create_supplier(bakery)

    both = await create_order_result(
        bakery,
        supplier_id,
        [line(ingredient_id=flour), line(ingredient_id=flour, product_id=bread)],
    )
    neither = await create_order_result(bakery, supplier_id, [line()])

    assert both.codes == ["BAD_USER_INPUT"]
    assert both.errors[0]["extensions"]["field"] == "items.1.ingredientId"
    assert neither.codes == ["BAD_USER_INPUT"]


async def test_create_purchase_order_with_malformed_ids(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient()
    supplier_id = await create_supplier(bakery)

    bad_supplier = await create_order_result(bakery, "nope", [line(ingredient_id=flour)])
    bad_item = await create_order_result(bakery, supplier_id, [line(product_id="12-34")])

    assert bad_supplier.codes == ["BAD_USER_INPUT"]
    assert bad_supplier.errors[0]["extensions"]["field"] == "supplierId"
    assert bad_item.codes == ["BAD_USER_INPUT"]
    assert bad_item.errors[0]["extensions"]["field"] == "items.0.productId"


async def test_create_purchase_order_refuses_unknown_supplier_and_items(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient()
    supplier_id = await create_supplier(bakery)

    unknown = await create_order_result(
        bakery,
        str(uuid.uuid4()),
        [
            line(ingredient_id=flour),
            line(ingredient_id=str(uuid.uuid4())),
            line(product_id=str(uuid.uuid4())),
        ],
    )
    fine_supplier = await create_order_result(
        bakery, supplier_id, [line(product_id=str(uuid.uuid4()))]
    )

    assert error_fields(unknown.data["createPurchaseOrder"]) == [
        ("NOT_FOUND", "supplierId"),
        ("NOT_FOUND", "items.1.ingredientId"),
        ("NOT_FOUND", "items.2.productId"),
    ]
    assert error_fields(fine_supplier.data["createPurchaseOrder"]) == [
        ("NOT_FOUND", "items.0.productId")
    ]


async def test_create_purchase_order_refuses_another_bakerys_supplier_and_items(
    client: GraphQLClient,
) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    flour = await bakery.ingredient()
    supplier_id = await create_supplier(bakery)
    foreign_supplier = await create_supplier(other, "Proveedor ajeno")
    foreign_flour, foreign_bread = await other.ingredient(), await other.product()

    with_foreign_supplier = await create_order_result(
        bakery, foreign_supplier, [line(ingredient_id=flour)]
    )
    with_foreign_items = await create_order_result(
        bakery,
        supplier_id,
        [line(ingredient_id=foreign_flour), line(product_id=foreign_bread)],
    )
    into_foreign_bakery = await create_order_result(
        other, foreign_supplier, [line(ingredient_id=foreign_flour)], as_=bakery.owner
    )

    assert error_fields(with_foreign_supplier.data["createPurchaseOrder"]) == [
        ("NOT_FOUND", "supplierId")
    ]
    assert error_fields(with_foreign_items.data["createPurchaseOrder"]) == [
        ("NOT_FOUND", "items.0.ingredientId"),
        ("NOT_FOUND", "items.1.productId"),
    ]
    assert into_foreign_bakery.codes == ["FORBIDDEN"]
    assert into_foreign_bakery.data is None
    listed = await other.run(PURCHASE_ORDERS)
    assert listed.data["tenant"]["purchaseOrders"]["totalCount"] == 0


async def test_create_purchase_order_refuses_deleted_items(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient()
    supplier_id = await create_supplier(bakery)
    deleted = await bakery.run(
        "mutation($tenantId: ID!, $id: ID!) { deleteIngredient(tenantId: $tenantId, id: $id) "
        "{ errors { code } } }",
        {"id": flour},
    )
    assert deleted.data["deleteIngredient"]["errors"] == []

    result = await create_order_result(bakery, supplier_id, [line(ingredient_id=flour)])

    assert error_fields(result.data["createPurchaseOrder"]) == [
        ("NOT_FOUND", "items.0.ingredientId")
    ]


async def test_create_purchase_order_is_forbidden_below_admin(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient()
    supplier_id = await create_supplier(bakery)
    viewer, operator = await member(bakery, "VIEWER"), await member(bakery, "MEMBER")
    admin = await member(bakery, "ADMIN")

    as_viewer = await create_order_result(
        bakery, supplier_id, [line(ingredient_id=flour)], as_=viewer
    )
    as_member = await create_order_result(
        bakery, supplier_id, [line(ingredient_id=flour)], as_=operator
    )
    as_admin = await create_order_result(
        bakery, supplier_id, [line(ingredient_id=flour)], as_=admin
    )

    assert as_viewer.codes == ["FORBIDDEN"]
    assert as_member.codes == ["FORBIDDEN"]
    assert as_admin.data["createPurchaseOrder"]["errors"] == []
