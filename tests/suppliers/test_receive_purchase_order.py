"""receivePurchaseOrder: stock lots in inventory, the delivery and the status, all or nothing."""

from __future__ import annotations

import asyncio
import uuid
from decimal import Decimal
from typing import Any

import pytest

from domains.suppliers.models import PurchaseOrderStatus
from domains.suppliers.repository import purchase_orders
from tests.suppliers.api import (
    CANCEL_ORDER,
    NEXT_MONTH,
    PURCHASE_ORDERS,
    RECEIVE_ORDER,
    SEND_ORDER,
    TODAY,
    create_order,
    create_supplier,
    line,
    member,
    sent_order,
    transition,
)
from tests.support import Bakery, GraphQLClient

LOT = "quantity unitCost expiresOn receivedOn supplierId purchaseOrderId"
STOCK = f"""
query($tenantId: ID!) {{
  tenant(id: $tenantId) {{
    ingredients(first: 100) {{ nodes {{ id onHand stockLots {{ {LOT} }} }} }}
    products(first: 100) {{ nodes {{ id onHand stockLots {{ {LOT} }} }} }}
    stockMovements(first: 100) {{ nodes {{ kind quantity purchaseOrderId createdBy }} }}
    stockAlerts(first: 100) {{ nodes {{ status ingredient {{ id }} }} }}
  }}
}}
"""
ORDERS = """
query($tenantId: ID!) {
  tenant(id: $tenantId) {
    purchaseOrders(first: 100) { nodes { id status receivedAt delivery { id } } }
  }
}
"""


async def stock_of(bakery: Bakery) -> dict[str, Any]:
    """Items by id with their stock, the movements and the alerts of the bakery."""
    tenant = (await bakery.run(STOCK)).data["tenant"]
    items = tenant["ingredients"]["nodes"] + tenant["products"]["nodes"]
    return {
        "items": {item["id"]: item for item in items},
        "movements": tenant["stockMovements"]["nodes"],
        "alerts": tenant["stockAlerts"]["nodes"],
    }


async def test_receive_purchase_order_adds_a_lot_per_item(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient("Harina", reorder_point="20")
    butter = await bakery.ingredient("Mantequilla")
    croissant = await bakery.product("Croissant", kind="PAR_BAKED")
    await bakery.stock(ingredient_id=flour, quantity="5", unit_cost="0.80")
    supplier_id = await create_supplier(bakery, "Harinas del Norte")
    order_id = await sent_order(
        bakery,
        supplier_id,
        [
            line(ingredient_id=flour, quantity="25", unit_cost="0.85", expires_on=NEXT_MONTH),
            line(product_id=croissant, quantity="40", unit_cost="0.333"),
        ],
    )
    operator = await member(bakery, "MEMBER")
    before = await stock_of(bakery)
    assert [alert["status"] for alert in before["alerts"]] == ["OPEN"]

    result = await client.execute(
        RECEIVE_ORDER,
        {"tenantId": bakery.id, "id": order_id, "notes": "Dos sacos rotos"},
        as_=operator,
    )

    payload = result.data["receivePurchaseOrder"]
    assert payload["errors"] == []
    assert payload["purchaseOrder"]["status"] == "RECEIVED"
    assert payload["purchaseOrder"]["receivedAt"] is not None
    assert payload["purchaseOrder"]["delivery"]["receivedBy"] == f"user:{operator.id}"
    assert payload["purchaseOrder"]["delivery"]["notes"] == "Dos sacos rotos"
    after = await stock_of(bakery)
    assert Decimal(after["items"][flour]["onHand"]) == Decimal("30")
    assert Decimal(after["items"][croissant]["onHand"]) == Decimal("40")
    assert Decimal(after["items"][butter]["onHand"]) == Decimal("0")
    received_flour = [
        lot for lot in after["items"][flour]["stockLots"] if lot["purchaseOrderId"] == order_id
    ]
    assert [
        (
            Decimal(lot["quantity"]),
            Decimal(lot["unitCost"]),
            lot["expiresOn"],
            lot["receivedOn"],
            lot["supplierId"],
        )
        for lot in received_flour
    ] == [(Decimal("25"), Decimal("0.85"), NEXT_MONTH, TODAY.isoformat(), supplier_id)]
    [received_croissants] = after["items"][croissant]["stockLots"]
    assert Decimal(received_croissants["unitCost"]) == Decimal("0.333")
    assert received_croissants["expiresOn"] is None
    assert received_croissants["supplierId"] == supplier_id
    assert received_croissants["purchaseOrderId"] == order_id
    new_movements = [m for m in after["movements"] if m["purchaseOrderId"] == order_id]
    assert sorted((m["kind"], Decimal(m["quantity"])) for m in new_movements) == [
        ("IN", Decimal("25")),
        ("IN", Decimal("40")),
    ]
    assert {m["createdBy"] for m in new_movements} == {f"user:{operator.id}"}
    assert [(a["status"], a["ingredient"]["id"]) for a in after["alerts"]] == [("RESOLVED", flour)]


async def test_receive_purchase_order_is_forbidden_to_a_viewer(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient()
    order_id = await sent_order(bakery, await create_supplier(bakery), [line(ingredient_id=flour)])
    viewer = await member(bakery, "VIEWER")

    result = await client.execute(
        RECEIVE_ORDER, {"tenantId": bakery.id, "id": order_id}, as_=viewer
    )

    assert result.codes == ["FORBIDDEN"]
    assert await bakery.on_hand(flour) == "0"


async def test_receive_purchase_order_only_from_sent(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient()
    supplier_id = await create_supplier(bakery)
    draft = await create_order(bakery, supplier_id, [line(ingredient_id=flour, quantity="3")])
    received_id = await sent_order(bakery, supplier_id, [line(ingredient_id=flour, quantity="7")])
    assert (await transition(bakery, RECEIVE_ORDER, received_id))["errors"] == []

    from_draft = await transition(bakery, RECEIVE_ORDER, draft["id"])
    twice = await transition(bakery, RECEIVE_ORDER, received_id)
    send_received = await transition(bakery, SEND_ORDER, received_id)
    cancel_received = await transition(bakery, CANCEL_ORDER, received_id)

    for refused in (from_draft, twice, send_received, cancel_received):
        assert refused["purchaseOrder"] is None
        assert [error["code"] for error in refused["errors"]] == ["INVALID_TRANSITION"]
    assert Decimal(await bakery.on_hand(flour)) == Decimal("7")


async def test_receive_purchase_order_of_another_bakery_is_not_found(
    client: GraphQLClient,
) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    foreign_flour = await other.ingredient()
    foreign_id = await sent_order(
        other, await create_supplier(other), [line(ingredient_id=foreign_flour)]
    )

    result = await transition(bakery, RECEIVE_ORDER, foreign_id)

    assert [(e["code"], e["field"]) for e in result["errors"]] == [("NOT_FOUND", "id")]
    assert await other.on_hand(foreign_flour) == "0"
    orders = (await other.run(ORDERS)).data["tenant"]["purchaseOrders"]["nodes"]
    assert orders[0]["status"] == "SENT"


async def test_receive_purchase_order_refused_by_inventory_adds_nothing(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    flour, salt = await bakery.ingredient(), await bakery.ingredient()
    order_id = await sent_order(
        bakery,
        await create_supplier(bakery),
        [line(ingredient_id=flour, quantity="4"), line(ingredient_id=salt, quantity="2")],
    )
    deleted = await bakery.run(
        "mutation($tenantId: ID!, $id: ID!) { deleteIngredient(tenantId: $tenantId, id: $id) "
        "{ errors { code } } }",
        {"id": salt},
    )
    assert deleted.data["deleteIngredient"]["errors"] == []

    result = await transition(bakery, RECEIVE_ORDER, order_id)

    assert [(e["code"], e["field"]) for e in result["errors"]] == [
        ("NOT_FOUND", "items.1.ingredientId")
    ]
    assert await bakery.on_hand(flour) == "0"
    orders = (await bakery.run(ORDERS)).data["tenant"]["purchaseOrders"]["nodes"]
    assert [(o["status"], o["delivery"]) for o in orders] == [("SENT", None)]


async def test_receive_purchase_order_failing_at_the_last_step_changes_nothing(
    client: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient("Harina", reorder_point="10")
    bread = await bakery.product()
    await bakery.stock(ingredient_id=flour, quantity="2")
    order_id = await sent_order(
        bakery,
        await create_supplier(bakery),
        [line(ingredient_id=flour, quantity="25"), line(product_id=bread, quantity="8")],
    )
    before = await stock_of(bakery)
    set_status = purchase_orders.set_status

    async def fail_on_received(*args: Any, status: PurchaseOrderStatus, **kwargs: Any) -> Any:
        if status is PurchaseOrderStatus.RECEIVED:
            raise RuntimeError("the database went away while marking the order RECEIVED")
        return await set_status(*args, status=status, **kwargs)

    monkeypatch.setattr(purchase_orders, "set_status", fail_on_received)

    result = await bakery.run(RECEIVE_ORDER, {"id": order_id})

    assert result.codes == ["INTERNAL_SERVER_ERROR"]
    assert result.data is None
    monkeypatch.undo()
    after = await stock_of(bakery)
    assert after == before
    assert [a["status"] for a in after["alerts"]] == ["OPEN"]
    orders = (await bakery.run(ORDERS)).data["tenant"]["purchaseOrders"]["nodes"]
    assert [(o["status"], o["receivedAt"], o["delivery"]) for o in orders] == [("SENT", None, None)]


async def test_receive_purchase_order_twice_at_once_adds_stock_once(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient()
    order_id = await sent_order(
        bakery, await create_supplier(bakery), [line(ingredient_id=flour, quantity="12")]
    )

    results = await asyncio.gather(*(bakery.run(RECEIVE_ORDER, {"id": order_id}) for _ in range(2)))

    outcomes = sorted(
        (
            [error["code"] for error in result.data["receivePurchaseOrder"]["errors"]]
            for result in results
        ),
        key=len,
    )
    assert outcomes == [[], ["INVALID_TRANSITION"]]
    assert Decimal(await bakery.on_hand(flour)) == Decimal("12")
    orders = (await bakery.run(ORDERS)).data["tenant"]["purchaseOrders"]["nodes"]
    assert orders[0]["status"] == "RECEIVED"
    assert orders[0]["delivery"] is not None


async def test_receive_purchase_order_with_malformed_id(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    result = await bakery.run(RECEIVE_ORDER, {"id": "not-an-id"})

    assert result.codes == ["BAD_USER_INPUT"]


async def test_receive_purchase_order_of_unknown_id(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    result = await transition(bakery, RECEIVE_ORDER, str(uuid.uuid4()))

    assert [(e["code"], e["field"]) for e in result["errors"]] == [("NOT_FOUND", "id")]


async def test_received_orders_are_listed_as_received(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    order_id = await sent_order(
        bakery, await create_supplier(bakery), [line(ingredient_id=await bakery.ingredient())]
    )
    await transition(bakery, RECEIVE_ORDER, order_id)

    result = await bakery.run(PURCHASE_ORDERS, {"status": "RECEIVED"})

    assert [n["id"] for n in result.data["tenant"]["purchaseOrders"]["nodes"]] == [order_id]
