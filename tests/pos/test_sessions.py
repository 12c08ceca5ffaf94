"""Tills and sessions: configuration, devices, opening and closing with the cash count."""

from __future__ import annotations

import asyncio
import uuid
from decimal import Decimal

from tests.pos.api import (
    CLOSE_SESSION,
    CONFIGURE_POS,
    CREATE_DEVICE,
    SESSIONS,
    SET_DEVICE_ACTIVE,
    close_session,
    device,
    errors_of,
    member,
    open_session,
    open_session_result,
    record_sale,
    record_sale_result,
    sale_line,
)
from tests.support import Bakery, GraphQLClient

CONFIGURATION = """
query($tenantId: ID!) {
  tenant(id: $tenantId) {
    posConfiguration { currency taxRate receiptFooter }
    posDevices(first: 10) { nodes { name kind active } }
  }
}
"""


async def test_configure_pos_replaces_the_defaults(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    defaults = (await bakery.run(CONFIGURATION)).data["tenant"]["posConfiguration"]

    first = await bakery.run(
        CONFIGURE_POS, {"input": {"currency": "eur", "taxRate": "0.21", "receiptFooter": "Hola"}}
    )
    second = await bakery.run(
        CONFIGURE_POS, {"input": {"currency": "EUR", "taxRate": "0.10", "receiptFooter": " Adiós "}}
    )

    assert defaults == {"currency": "EUR", "taxRate": "0", "receiptFooter": ""}
    assert first.data["configurePos"]["configuration"]["currency"] == "EUR"
    assert second.data["configurePos"]["errors"] == []
    configured = (await bakery.run(CONFIGURATION)).data["tenant"]["posConfiguration"]
    assert configured == {"currency": "EUR", "taxRate": "0.1000", "receiptFooter": "Adiós"}


async def test_configure_pos_refuses_bad_values_and_members(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    seller = await member(bakery, "MEMBER")

    bad = await bakery.run(
        CONFIGURE_POS, {"input": {"currency": "EURO", "taxRate": "1.5", "receiptFooter": ""}}
    )
    forbidden = await client.execute(
        CONFIGURE_POS,
        {"tenantId": bakery.id, "input": {"currency": "EUR", "taxRate": "0.1"}},
        as_=seller,
    )

    assert errors_of(bad.data["configurePos"]) == [
        ("INVALID_INPUT", "currency"),
        ("INVALID_INPUT", "taxRate"),
    ]
    assert forbidden.codes == ["FORBIDDEN"]


async def test_create_pos_device_with_a_taken_name_is_refused(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    await device(bakery, "Caja 1")
    seller = await member(bakery, "MEMBER")

    taken = await bakery.run(CREATE_DEVICE, {"input": {"name": "caja 1", "kind": "TABLET"}})
    forbidden = await client.execute(
        CREATE_DEVICE, {"tenantId": bakery.id, "input": {"name": "Caja 2"}}, as_=seller
    )

    assert errors_of(taken.data["createPosDevice"]) == [("NAME_TAKEN", "name")]
    assert forbidden.codes == ["FORBIDDEN"]
    devices = (await bakery.run(CONFIGURATION)).data["tenant"]["posDevices"]["nodes"]
    assert devices == [{"name": "Caja 1", "kind": "REGISTER", "active": True}]


async def test_open_pos_session_opens_it_for_a_member(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    device_id = await device(bakery, "Mostrador")
    seller = await member(bakery, "MEMBER")

    result = await open_session_result(bakery, device_id, "150.50", as_=seller)

    payload = result.data["openPosSession"]
    assert payload["errors"] == []
    session = payload["session"]
    assert (session["status"], session["deviceId"], session["openingCash"]) == (
        "OPEN",
        device_id,
        "150.50",
    )
    assert session["openedBy"] == f"user:{seller.id}"
    assert session["device"] == {"name": "Mostrador"}
    assert session["closedAt"] is None
    assert session["expectedCash"] is None


async def test_open_pos_session_twice_on_one_device_is_refused(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    device_id = await device(bakery)
    assert (await open_session_result(bakery, device_id)).data["openPosSession"]["errors"] == []

    second = await open_session_result(bakery, device_id)

    assert errors_of(second.data["openPosSession"]) == [("SESSION_ALREADY_OPEN", "deviceId")]
    sessions = (await bakery.run(SESSIONS)).data["tenant"]["posSessions"]
    assert sessions["totalCount"] == 1


async def test_open_pos_session_twice_at_once_opens_one(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    device_id = await device(bakery)

    results = await asyncio.gather(*(open_session_result(bakery, device_id) for _ in range(2)))

    outcomes = sorted(errors_of(result.data["openPosSession"]) for result in results)
    assert outcomes == [[], [("SESSION_ALREADY_OPEN", "deviceId")]]


async def test_open_pos_session_after_closing_the_last_one(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    device_id = await device(bakery)
    first = (await open_session_result(bakery, device_id)).data["openPosSession"]["session"]
    await close_session(bakery, first["id"], "100")

    second = await open_session_result(bakery, device_id)

    assert second.data["openPosSession"]["errors"] == []
    closed = await bakery.run(SESSIONS, {"status": "CLOSED"})
    opened = await bakery.run(SESSIONS, {"status": "OPEN"})
    assert [n["id"] for n in closed.data["tenant"]["posSessions"]["nodes"]] == [first["id"]]
    assert [n["id"] for n in opened.data["tenant"]["posSessions"]["nodes"]] == [
        second.data["openPosSession"]["session"]["id"]
    ]


async def test_open_pos_session_on_an_inactive_device_is_refused(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    device_id = await device(bakery)
    switched = await bakery.run(SET_DEVICE_ACTIVE, {"id": device_id, "active": False})
    assert switched.data["setPosDeviceActive"]["device"] == {"id": device_id, "active": False}

    result = await open_session_result(bakery, device_id)

    assert errors_of(result.data["openPosSession"]) == [("DEVICE_INACTIVE", "deviceId")]


async def test_open_pos_session_refusals(client: GraphQLClient) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    device_id, foreign_device = await device(bakery), await device(other)
    viewer = await member(bakery, "VIEWER")

    as_viewer = await open_session_result(bakery, device_id, as_=viewer)
    foreign = await open_session_result(bakery, foreign_device)
    unknown = await open_session_result(bakery, str(uuid.uuid4()))
    malformed = await open_session_result(bakery, "not-an-id")
    negative = await open_session_result(bakery, device_id, "-5")
    cents = await open_session_result(bakery, device_id, "10.005")

    assert as_viewer.codes == ["FORBIDDEN"]
    assert errors_of(foreign.data["openPosSession"]) == [("NOT_FOUND", "deviceId")]
    assert errors_of(unknown.data["openPosSession"]) == [("NOT_FOUND", "deviceId")]
    assert malformed.codes == ["BAD_USER_INPUT"]
    assert errors_of(negative.data["openPosSession"]) == [("INVALID_INPUT", "openingCash")]
    assert errors_of(cents.data["openPosSession"]) == [("INVALID_INPUT", "openingCash")]
    assert (await other.run(SESSIONS)).data["tenant"]["posSessions"]["totalCount"] == 0
    assert (await bakery.run(SESSIONS)).data["tenant"]["posSessions"]["totalCount"] == 0


async def test_close_pos_session_counts_expected_cash_and_difference(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    await bakery.stock(product_id=bread, quantity="100")
    session_id = await open_session(bakery, "50.00")
    await record_sale(bakery, session_id, [sale_line(bread, "3", "2.10")])  # 6.30 cash
    await record_sale(bakery, session_id, [sale_line(bread, "1", "0.85")])  # 0.85 cash
    await record_sale(bakery, session_id, [sale_line(bread, "4")], payment_method="CARD")
    await record_sale(bakery, session_id, [sale_line(bread, "1")], payment_method="OTHER")
    closer = await member(bakery, "MEMBER")

    result = await client.execute(
        CLOSE_SESSION,
        {"tenantId": bakery.id, "input": {"sessionId": session_id, "closingCash": "56.90"}},
        as_=closer,
    )

    session = result.data["closePosSession"]["session"]
    assert result.data["closePosSession"]["errors"] == []
    assert session["status"] == "CLOSED"
    assert (session["closingCash"], session["expectedCash"], session["cashDifference"]) == (
        "56.90",
        "57.15",
        "-0.25",
    )
    assert session["closedBy"] == f"user:{closer.id}"
    assert session["closedAt"] is not None
    listed = (await bakery.run(SESSIONS)).data["tenant"]["posSessions"]["nodes"]
    assert [len(n["transactions"]) for n in listed] == [4]
    assert listed[0]["cashDifference"] == "-0.25"


async def test_close_pos_session_refusals(client: GraphQLClient) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    session_id = await open_session(bakery)
    foreign_session = await open_session(other)
    viewer = await member(bakery, "VIEWER")
    await close_session(bakery, session_id, "100")

    twice = await close_session(bakery, session_id, "100")
    foreign = await close_session(bakery, foreign_session, "100")
    malformed = await bakery.run(
        CLOSE_SESSION, {"input": {"sessionId": "nope", "closingCash": "1"}}
    )
    as_viewer = await client.execute(
        CLOSE_SESSION,
        {"tenantId": other.id, "input": {"sessionId": foreign_session, "closingCash": "1"}},
        as_=viewer,
    )

    assert errors_of(twice) == [("SESSION_CLOSED", "sessionId")]
    assert errors_of(foreign) == [("NOT_FOUND", "sessionId")]
    assert malformed.codes == ["BAD_USER_INPUT"]
    assert as_viewer.codes == ["FORBIDDEN"]
    [still_open] = (await other.run(SESSIONS)).data["tenant"]["posSessions"]["nodes"]
    assert still_open["status"] == "OPEN"


async def test_close_pos_session_while_selling_counts_every_sale_it_let_in(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    await bakery.stock(product_id=bread, quantity="100")
    session_id = await open_session(bakery, "10.00")
    closing_input = {"input": {"sessionId": session_id, "closingCash": "10.00"}}

    sales = [
        record_sale_result(bakery, session_id, [sale_line(bread, "1", "2.00")]) for _ in range(4)
    ]
    *results, closing = await asyncio.gather(*sales, bakery.run(CLOSE_SESSION, closing_input))

    closed = closing.data["closePosSession"]["session"]
    sold = [r.data["recordSale"] for r in results if r.data["recordSale"]["errors"] == []]
    refused = [r.data["recordSale"] for r in results if r.data["recordSale"]["errors"]]
    assert all(errors_of(r) == [("SESSION_CLOSED", "sessionId")] for r in refused)
    # Every sale that went through is in the count; none landed after it.
    assert Decimal(closed["expectedCash"]) == Decimal("10.00") + 2 * len(sold)
    [listed] = (await bakery.run(SESSIONS)).data["tenant"]["posSessions"]["nodes"]
    assert len(listed["transactions"]) == len(sold)
    assert Decimal(listed["expectedCash"]) == Decimal("10.00") + 2 * len(sold)
