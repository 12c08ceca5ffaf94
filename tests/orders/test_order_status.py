"""updateOrderStatus and cancelOrder: the moves allowed, those refused, and the history."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from tests.orders.api import (
    ORDERS,
    UPDATE_ORDER_STATUS,
    cancel,
    error_fields,
    member,
    move,
    new_order,
)
from tests.support import Bakery, GraphQLClient

LIFECYCLE = ["CONFIRMED", "IN_PRODUCTION", "READY", "DELIVERED"]


async def test_update_order_status_through_the_whole_lifecycle(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    order = await new_order(bakery)
    operator = await member(bakery, "MEMBER")

    payloads = [
        await move(bakery, order["id"], status, note=f"paso {step}", as_=operator)
        for step, status in enumerate(LIFECYCLE)
    ]

    assert [payload["errors"] for payload in payloads] == [[], [], [], []]
    assert [payload["order"]["status"] for payload in payloads] == LIFECYCLE
    history = payloads[-1]["order"]["statusHistory"]
    assert [(change["fromStatus"], change["toStatus"], change["note"]) for change in history] == [
        (None, "PENDING", ""),
        ("PENDING", "CONFIRMED", "paso 0"),
        ("CONFIRMED", "IN_PRODUCTION", "paso 1"),
        ("IN_PRODUCTION", "READY", "paso 2"),
        ("READY", "DELIVERED", "paso 3"),
    ]
    assert [change["changedBy"] for change in history] == [f"user:{bakery.owner.id}"] + [
        f"user:{operator.id}"
    ] * 4
    changed_at = [change["changedAt"] for change in history]
    assert changed_at == sorted(changed_at)
    listed = (await bakery.run(ORDERS, {"status": "DELIVERED"})).data["tenant"]["orders"]
    assert [node["id"] for node in listed["nodes"]] == [order["id"]]


async def test_update_order_status_in_one_operation_keeps_the_history_order(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    order = await new_order(bakery)
    steps = " ".join(
        f"{status.lower()}: updateOrderStatus(tenantId: $tenantId, id: $id, status: {status}) "
        "{ errors { code } }"
        for status in LIFECYCLE
    )

    result = await bakery.run(
        f"mutation($tenantId: ID!, $id: ID!) {{ {steps} }}", {"id": order["id"]}
    )

    assert result.errors == []
    assert [payload["errors"] for payload in result.data.values()] == [[], [], [], []]
    listed = await bakery.run(
        """query($tenantId: ID!) { tenant(id: $tenantId) {
             orders { nodes { statusHistory { toStatus } } } } }"""
    )
    [node] = listed.data["tenant"]["orders"]["nodes"]
    assert [change["toStatus"] for change in node["statusHistory"]] == ["PENDING", *LIFECYCLE]


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ([], "IN_PRODUCTION"),
        ([], "READY"),
        ([], "DELIVERED"),
        ([], "PENDING"),
        (["CONFIRMED"], "CONFIRMED"),
        (["CONFIRMED"], "READY"),
        (["CONFIRMED", "IN_PRODUCTION"], "PENDING"),
        (["CONFIRMED", "IN_PRODUCTION", "READY"], "CANCELLED"),
        (["CONFIRMED", "IN_PRODUCTION", "READY", "DELIVERED"], "CANCELLED"),
        (["CONFIRMED", "IN_PRODUCTION", "READY", "DELIVERED"], "READY"),
        (["CANCELLED"], "CONFIRMED"),
        (["CANCELLED"], "CANCELLED"),
    ],
)
async def test_update_order_status_refuses_invalid_transitions(
    client: GraphQLClient, path: list[str], refused: str
) -> None:
    bakery = await Bakery.open(client)
    order = await new_order(bakery)
    for status in path:
        assert (await move(bakery, order["id"], status))["errors"] == []

    result = await move(bakery, order["id"], refused)

    assert result["order"] is None
    assert error_fields(result) == [("INVALID_TRANSITION", None)]
    [listed] = (await bakery.run(ORDERS)).data["tenant"]["orders"]["nodes"]
    assert listed["status"] == (path[-1] if path else "PENDING")


@pytest.mark.parametrize("path", [[], ["CONFIRMED"], ["CONFIRMED", "IN_PRODUCTION"]])
async def test_cancel_order_before_it_is_ready(client: GraphQLClient, path: list[str]) -> None:
    bakery = await Bakery.open(client)
    order = await new_order(bakery)
    for status in path:
        await move(bakery, order["id"], status)

    result = await cancel(bakery, order["id"], reason="  El cliente llamó ")

    assert result["errors"] == []
    assert result["order"]["status"] == "CANCELLED"
    last = result["order"]["statusHistory"][-1]
    assert (last["fromStatus"], last["toStatus"], last["note"]) == (
        path[-1] if path else "PENDING",
        "CANCELLED",
        "El cliente llamó",
    )
    assert len(result["order"]["statusHistory"]) == len(path) + 2


async def test_cancel_order_refuses_once_ready_or_cancelled(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    ready = await new_order(bakery)
    for status in ["CONFIRMED", "IN_PRODUCTION", "READY"]:
        await move(bakery, ready["id"], status)
    cancelled = await new_order(bakery)
    await cancel(bakery, cancelled["id"])

    from_ready = await cancel(bakery, ready["id"])
    twice = await cancel(bakery, cancelled["id"])

    assert error_fields(from_ready) == [("INVALID_TRANSITION", None)]
    assert error_fields(twice) == [("INVALID_TRANSITION", None)]


async def test_cancel_order_refuses_a_reason_too_long(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    order = await new_order(bakery)

    result = await cancel(bakery, order["id"], reason="r" * 501)
    note = await move(bakery, order["id"], "CONFIRMED", note="n" * 501)

    assert error_fields(result) == [("INVALID_INPUT", "reason")]
    assert error_fields(note) == [("INVALID_INPUT", "note")]
    [listed] = (await bakery.run(ORDERS)).data["tenant"]["orders"]["nodes"]
    assert listed["status"] == "PENDING"


async def test_update_order_status_twice_at_once_moves_it_once(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    order = await new_order(bakery)

    results = await asyncio.gather(
        move(bakery, order["id"], "CONFIRMED", note="primero"),
        move(bakery, order["id"], "CONFIRMED", note="segundo"),
    )

    outcomes = sorted(([e["code"] for e in result["errors"]] for result in results), key=len)
    assert outcomes == [[], ["INVALID_TRANSITION"]]
    [winner] = [result["order"] for result in results if result["order"] is not None]
    listed = await bakery.run(
        """query($tenantId: ID!) { tenant(id: $tenantId) {
             orders { nodes { status statusHistory { fromStatus toStatus } } } } }"""
    )
    [node] = listed.data["tenant"]["orders"]["nodes"]
    assert node["status"] == "CONFIRMED"
    assert node["statusHistory"] == [
        {"fromStatus": None, "toStatus": "PENDING"},
        {"fromStatus": "PENDING", "toStatus": "CONFIRMED"},
    ]
    assert winner["statusHistory"][-1]["note"] in {"primero", "segundo"}


async def test_update_order_status_of_unknown_or_foreign_orders(client: GraphQLClient) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    foreign = await new_order(other)

    unknown = await move(bakery, str(uuid.uuid4()), "CONFIRMED")
    foreign_move = await move(bakery, foreign["id"], "CONFIRMED")
    foreign_cancel = await cancel(bakery, foreign["id"])
    malformed = await client.execute(
        UPDATE_ORDER_STATUS,
        {"tenantId": bakery.id, "id": "x", "status": "CONFIRMED"},
        as_=bakery.owner,
    )

    assert error_fields(unknown) == [("NOT_FOUND", "id")]
    assert error_fields(foreign_move) == [("NOT_FOUND", "id")]
    assert error_fields(foreign_cancel) == [("NOT_FOUND", "id")]
    assert foreign_move["order"] is None
    assert malformed.codes == ["BAD_USER_INPUT"]
    [listed] = (await other.run(ORDERS)).data["tenant"]["orders"]["nodes"]
    assert listed["status"] == "PENDING"


async def test_update_order_status_roles(client: GraphQLClient) -> None:
    bakery, stranger = await Bakery.open(client), await Bakery.open(client)
    order = await new_order(bakery)
    viewer = await member(bakery, "VIEWER")
    variables = {"tenantId": bakery.id, "id": order["id"], "status": "CONFIRMED"}

    as_viewer = await client.execute(UPDATE_ORDER_STATUS, variables, as_=viewer)
    as_stranger = await client.execute(UPDATE_ORDER_STATUS, variables, as_=stranger.owner)
    anonymous = await client.execute(UPDATE_ORDER_STATUS, variables)

    assert as_viewer.codes == ["FORBIDDEN"]
    assert as_stranger.codes == ["FORBIDDEN"]
    assert anonymous.codes == ["UNAUTHENTICATED"]
    [listed] = (await bakery.run(ORDERS)).data["tenant"]["orders"]["nodes"]
    assert listed["status"] == "PENDING"


async def test_cancel_order_is_forbidden_to_a_viewer(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    order = await new_order(bakery)
    viewer = await member(bakery, "VIEWER")

    result = await client.execute(
        """mutation($tenantId: ID!, $id: ID!) {
             cancelOrder(tenantId: $tenantId, id: $id) { errors { code } } }""",
        {"tenantId": bakery.id, "id": order["id"]},
        as_=viewer,
    )

    assert result.codes == ["FORBIDDEN"]
