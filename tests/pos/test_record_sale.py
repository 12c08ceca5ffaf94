"""recordSale: the transaction, a sales record per line and the stock taken, all or nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from domains.sales import service as sales_service
from tests.pos.api import (
    CLOSE_SESSION,
    configure,
    errors_of,
    everything,
    member,
    open_session,
    record_sale,
    record_sale_result,
    sale_line,
)
from tests.support import Bakery, GraphQLClient

TODAY = datetime.now(UTC).date()
SOON = (TODAY + timedelta(days=2)).isoformat()
LATER = (TODAY + timedelta(days=9)).isoformat()


def lots_of(state: dict[str, Any], product_id: str) -> list[tuple[Decimal, str | None]]:
    """(quantity, expiry) of each lot of a product with stock left, in the order of use."""
    [product] = [p for p in state["products"]["nodes"] if p["id"] == product_id]
    return [(Decimal(lot["quantity"]), lot["expiresOn"]) for lot in product["stockLots"]]


def on_hand(state: dict[str, Any], product_id: str) -> Decimal:
    """Stock left of a product."""
    [product] = [p for p in state["products"]["nodes"] if p["id"] == product_id]
    return Decimal(product["onHand"])


async def test_record_sale_writes_transaction_sales_and_stock(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    await configure(bakery, tax_rate="0.10")
    bread = await bakery.product("Barra")
    croissant = await bakery.product("Croissant")
    await bakery.stock(product_id=bread, quantity="10", expires_on=LATER)
    await bakery.stock(product_id=bread, quantity="4", expires_on=SOON)
    await bakery.stock(product_id=croissant, quantity="12")
    session_id = await open_session(bakery)
    seller = await member(bakery, "MEMBER")

    result = await record_sale_result(
        bakery,
        session_id,
        [
            sale_line(bread, "6"),
            sale_line(croissant, "2.5", "1.15"),
        ],
        payment_method="CARD",
        as_=seller,
    )

    payload = result.data["recordSale"]
    assert payload["errors"] == []
    transaction = payload["transaction"]
    # 6 x 1.50 (the product's price) + 2.5 x 1.15 = 9.00 + 2.875 -> 2.88; tax 10 % of 11.88.
    assert [
        (line["productId"], Decimal(line["quantity"]), line["unitPrice"], line["lineTotal"])
        for line in transaction["lines"]
    ] == [(bread, Decimal(6), "1.50", "9.00"), (croissant, Decimal("2.5"), "1.15", "2.88")]
    assert [line["product"]["name"] for line in transaction["lines"]] == ["Barra", "Croissant"]
    assert (transaction["subtotal"], transaction["tax"], transaction["total"]) == (
        "11.88",
        "1.19",
        "13.07",
    )
    assert transaction["paymentMethod"] == "CARD"
    assert transaction["sessionId"] == session_id
    assert transaction["createdBy"] == f"user:{seller.id}"
    after = await everything(bakery)
    # The lot expiring first went first: 4 of it, then 2 of the later one.
    assert lots_of(after, bread) == [(Decimal("8"), LATER)]
    assert on_hand(after, croissant) == Decimal("9.5")
    sales = after["sales"]["nodes"]
    assert sorted(
        (s["productId"], Decimal(s["quantity"]), s["unitPrice"], s["total"]) for s in sales
    ) == sorted(
        [(bread, Decimal("6"), "1.50", "9.00"), (croissant, Decimal("2.5"), "1.15", "2.88")]
    )
    assert {(s["channel"], s["posTransactionId"]) for s in sales} == {("POS", transaction["id"])}
    outs = [m for m in after["stockMovements"]["nodes"] if m["kind"] == "OUT"]
    assert sorted(Decimal(m["quantity"]) for m in outs) == [
        Decimal("-4"),
        Decimal("-2.5"),
        Decimal("-2"),
    ]
    assert {m["reason"] for m in outs} == {f"POS sale {transaction['id']}"}


async def test_record_sale_adds_up_lines_of_one_product(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    await bakery.stock(product_id=bread, quantity="5")
    session_id = await open_session(bakery)

    transaction = await record_sale(
        bakery, session_id, [sale_line(bread, "2"), sale_line(bread, "3", "1.00")]
    )

    # No tax configured: the default rate is zero.
    assert (transaction["subtotal"], transaction["tax"], transaction["total"]) == (
        "6.00",
        "0.00",
        "6.00",
    )
    after = await everything(bakery)
    assert on_hand(after, bread) == Decimal("0")
    assert after["sales"]["totalCount"] == 2


async def test_record_sale_with_insufficient_stock_on_the_last_line_changes_nothing(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    bread, cake = await bakery.product("Barra"), await bakery.product("Tarta")
    await bakery.stock(product_id=bread, quantity="10")
    await bakery.stock(product_id=cake, quantity="1")
    session_id = await open_session(bakery)
    await record_sale(bakery, session_id, [sale_line(bread, "1")])
    before = await everything(bakery)

    result = await record_sale_result(
        bakery, session_id, [sale_line(bread, "3"), sale_line(cake, "2")]
    )

    payload = result.data["recordSale"]
    assert payload["transaction"] is None
    assert [error["code"] for error in payload["errors"]] == ["INSUFFICIENT_STOCK"]
    assert "Tarta" in payload["errors"][0]["message"]
    assert await everything(bakery) == before


async def test_record_sale_failing_at_the_last_step_changes_nothing(
    client: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    await bakery.stock(product_id=bread, quantity="10")
    session_id = await open_session(bakery)
    await record_sale(bakery, session_id, [sale_line(bread, "1")])
    before = await everything(bakery)

    async def crash(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the database went away while writing the sales records")

    monkeypatch.setattr(sales_service, "record_sales", crash)

    result = await record_sale_result(bakery, session_id, [sale_line(bread, "4")])

    assert result.codes == ["INTERNAL_SERVER_ERROR"]
    assert result.data is None
    monkeypatch.undo()
    after = await everything(bakery)
    assert after == before
    assert on_hand(after, bread) == Decimal("9")


async def test_record_sale_on_a_closed_session_is_refused(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    await bakery.stock(product_id=bread, quantity="10")
    session_id = await open_session(bakery)
    closed = await bakery.run(
        CLOSE_SESSION, {"input": {"sessionId": session_id, "closingCash": "100"}}
    )
    assert closed.data["closePosSession"]["errors"] == []
    before = await everything(bakery)

    result = await record_sale_result(bakery, session_id, [sale_line(bread, "1")])

    assert errors_of(result.data["recordSale"]) == [("SESSION_CLOSED", "sessionId")]
    assert await everything(bakery) == before


async def test_record_sale_is_forbidden_to_a_viewer(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    await bakery.stock(product_id=bread, quantity="10")
    session_id = await open_session(bakery)
    viewer = await member(bakery, "VIEWER")
    before = await everything(bakery)

    result = await record_sale_result(bakery, session_id, [sale_line(bread, "1")], as_=viewer)

    assert result.codes == ["FORBIDDEN"]
    assert await everything(bakery) == before


async def test_record_sale_in_another_bakerys_session_is_not_found(
    client: GraphQLClient,
) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    bread = await bakery.product()
    await bakery.stock(product_id=bread, quantity="10")
    foreign_session = await open_session(other)

    result = await record_sale_result(bakery, foreign_session, [sale_line(bread, "1")])

    assert errors_of(result.data["recordSale"]) == [("NOT_FOUND", "sessionId")]
    assert (await everything(other))["posSessions"]["nodes"][0]["transactions"] == []
    assert on_hand(await everything(bakery), bread) == Decimal("10")


async def test_record_sale_of_another_bakerys_product_is_not_found(
    client: GraphQLClient,
) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    bread, foreign_bread = await bakery.product(), await other.product()
    await bakery.stock(product_id=bread, quantity="10")
    await other.stock(product_id=foreign_bread, quantity="10")
    session_id = await open_session(bakery)

    result = await record_sale_result(
        bakery, session_id, [sale_line(bread, "1"), sale_line(foreign_bread, "1")]
    )

    assert errors_of(result.data["recordSale"]) == [("NOT_FOUND", "lines.1.productId")]
    assert on_hand(await everything(other), foreign_bread) == Decimal("10")
    assert on_hand(await everything(bakery), bread) == Decimal("10")


async def test_record_sale_with_a_malformed_id(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    session_id = await open_session(bakery)

    bad_session = await record_sale_result(bakery, "not-an-id", [sale_line(str(uuid.uuid4()), "1")])
    bad_product = await record_sale_result(bakery, session_id, [sale_line("nope", "1")])

    assert bad_session.codes == ["BAD_USER_INPUT"]
    assert bad_product.codes == ["BAD_USER_INPUT"]
    assert bad_session.errors[0]["extensions"]["field"] == "sessionId"
    assert bad_product.errors[0]["extensions"]["field"] == "lines.0.productId"


async def test_record_sale_of_101_lines_is_refused(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    await bakery.stock(product_id=bread, quantity="1000")
    session_id = await open_session(bakery)

    too_many = await record_sale_result(bakery, session_id, [sale_line(bread, "1")] * 101)
    none = await record_sale_result(bakery, session_id, [])
    exactly_100 = await record_sale_result(bakery, session_id, [sale_line(bread, "1")] * 100)

    assert errors_of(too_many.data["recordSale"]) == [("INVALID_INPUT", "lines")]
    assert errors_of(none.data["recordSale"]) == [("INVALID_INPUT", "lines")]
    assert exactly_100.data["recordSale"]["errors"] == []
    assert on_hand(await everything(bakery), bread) == Decimal("900")


async def test_record_sale_with_invalid_quantities_and_prices_is_refused(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    await bakery.stock(product_id=bread, quantity="10")
    session_id = await open_session(bakery)

    result = await record_sale_result(
        bakery,
        session_id,
        [
            sale_line(bread, "0"),
            sale_line(bread, "1", "-1"),
            sale_line(bread, "1.0005"),
            sale_line(bread, "1", "0.999"),
        ],
    )

    assert errors_of(result.data["recordSale"]) == [
        ("INVALID_INPUT", "lines.0.quantity"),
        ("INVALID_INPUT", "lines.1.unitPrice"),
        ("INVALID_INPUT", "lines.2.quantity"),
        ("INVALID_INPUT", "lines.3.unitPrice"),
    ]
    assert on_hand(await everything(bakery), bread) == Decimal("10")
