"""sendPurchaseOrder and cancelPurchaseOrder: the moves allowed and those refused."""

from __future__ import annotations

import uuid

from tests.suppliers.api import (
    CANCEL_ORDER,
    PURCHASE_ORDERS,
    RECEIVE_ORDER,
    SEND_ORDER,
    create_order,
    create_supplier,
    error_fields,
    line,
    member,
    sent_order,
    transition,
)
from tests.support import Bakery, GraphQLClient


async def test_send_purchase_order_moves_a_draft_to_sent(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    supplier_id = await create_supplier(bakery)
    order = await create_order(bakery, supplier_id, [line(ingredient_id=await bakery.ingredient())])

    sent = await transition(bakery, SEND_ORDER, order["id"])
    again = await transition(bakery, SEND_ORDER, order["id"])

    assert sent["errors"] == []
    assert sent["purchaseOrder"]["status"] == "SENT"
    assert sent["purchaseOrder"]["sentAt"] is not None
    assert again["purchaseOrder"] is None
    assert error_fields(again) == [("INVALID_TRANSITION", None)]


async def test_cancel_purchase_order_from_draft_and_from_sent(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient()
    supplier_id = await create_supplier(bakery)
    draft = await create_order(bakery, supplier_id, [line(ingredient_id=flour)])
    sent_id = await sent_order(bakery, supplier_id, [line(ingredient_id=flour)])

    from_draft = await transition(bakery, CANCEL_ORDER, draft["id"])
    from_sent = await transition(bakery, CANCEL_ORDER, sent_id)

    assert from_draft["purchaseOrder"]["status"] == "CANCELLED"
    assert from_draft["purchaseOrder"]["cancelledAt"] is not None
    assert from_sent["purchaseOrder"]["status"] == "CANCELLED"


async def test_cancelled_purchase_order_goes_nowhere(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    supplier_id = await create_supplier(bakery)
    order = await create_order(bakery, supplier_id, [line(ingredient_id=await bakery.ingredient())])
    await transition(bakery, CANCEL_ORDER, order["id"])

    send = await transition(bakery, SEND_ORDER, order["id"])
    receive = await transition(bakery, RECEIVE_ORDER, order["id"])
    cancel = await transition(bakery, CANCEL_ORDER, order["id"])

    assert error_fields(send) == [("INVALID_TRANSITION", None)]
    assert error_fields(receive) == [("INVALID_TRANSITION", None)]
    assert error_fields(cancel) == [("INVALID_TRANSITION", None)]


async def test_status_changes_of_unknown_or_foreign_orders(client: GraphQLClient) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    foreign_supplier = await create_supplier(other)
    foreign = await create_order(
        other, foreign_supplier, [line(ingredient_id=await other.ingredient())]
    )

    unknown = await transition(bakery, SEND_ORDER, str(uuid.uuid4()))
    foreign_send = await transition(bakery, SEND_ORDER, foreign["id"])
    foreign_cancel = await transition(bakery, CANCEL_ORDER, foreign["id"])
    malformed = await client.execute(
        SEND_ORDER, {"tenantId": bakery.id, "id": "x"}, as_=bakery.owner
    )

    assert error_fields(unknown) == [("NOT_FOUND", "id")]
    assert error_fields(foreign_send) == [("NOT_FOUND", "id")]
    assert error_fields(foreign_cancel) == [("NOT_FOUND", "id")]
    assert malformed.codes == ["BAD_USER_INPUT"]
    listed = await other.run(PURCHASE_ORDERS)
    assert listed.data["tenant"]["purchaseOrders"]["nodes"][0]["status"] == "DRAFT"


async def test_send_and_cancel_are_forbidden_to_a_member(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    supplier_id = await create_supplier(bakery)
    order = await create_order(bakery, supplier_id, [line(ingredient_id=await bakery.ingredient())])
    operator = await member(bakery, "MEMBER")

    send = await client.execute(
        SEND_ORDER, {"tenantId": bakery.id, "id": order["id"]}, as_=operator
    )
    cancel = await client.execute(
        CANCEL_ORDER, {"tenantId": bakery.id, "id": order["id"]}, as_=operator
    )

    assert send.codes == ["FORBIDDEN"]
    assert cancel.codes == ["FORBIDDEN"]
