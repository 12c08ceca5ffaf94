"""The sales list and summary: filters, pages, exact totals computed in the database."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from starlette.applications import Starlette

from domains.sales import service
from domains.sales.kinds import SalesChannel
from domains.sales.records import SaleLine
from tests.pos.api import open_session, record_sale, sale_line
from tests.support import Bakery, GraphQLClient

SALES = """
query($tenantId: ID!, $first: Int, $after: String, $from: DateTime, $to: DateTime,
      $productId: ID, $channel: SalesChannel) {
  tenant(id: $tenantId) {
    sales(first: $first, after: $after, from: $from, to: $to, productId: $productId,
          channel: $channel) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { productId quantity unitPrice total soldAt channel posTransactionId
              product { name } }
    }
  }
}
"""
SUMMARY = """
query($tenantId: ID!, $from: Date!, $to: Date!, $groupBy: SummaryGrouping) {
  tenant(id: $tenantId) {
    salesSummary(from: $from, to: $to, groupBy: $groupBy) {
      firstDay lastDay groupBy total count
      rows { day productId product { name } quantity total count }
    }
  }
}
"""


def at(text: str) -> datetime:
    """An instant in UTC, from `2026-03-01T10:00`."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


async def sell(
    app: Starlette,
    bakery: Bakery,
    sold_at: str,
    lines: list[tuple[str, str, str]],
    channel: SalesChannel = SalesChannel.ONLINE,
) -> None:
    """Record sales at `sold_at` through the sales service (the API records them only now)."""
    engine = app.state.resources.database.engine
    async with engine.begin() as connection:
        await service.record_sales(
            connection,
            tenant_id=uuid.UUID(bakery.id),
            lines=[
                SaleLine(uuid.UUID(product), Decimal(quantity), Decimal(price))
                for product, quantity, price in lines
            ],
            channel=channel,
            pos_transaction_id=None,
            sold_at=at(sold_at),
        )


async def sales_of(bakery: Bakery, **variables: Any) -> dict[str, Any]:
    """The `sales` connection with these arguments."""
    result = await bakery.run(SALES, variables)
    assert result.errors == [], result.body
    connection: dict[str, Any] = result.data["tenant"]["sales"]
    return connection


async def test_sales_lists_by_time_of_sale_with_filters(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery = await Bakery.open(client)
    bread, cake = await bakery.product("Barra"), await bakery.product("Tarta")
    await sell(app, bakery, "2026-03-02T09:00", [(bread, "2", "1.20")])
    await sell(app, bakery, "2026-03-01T18:00", [(cake, "1", "15.00")], SalesChannel.WHOLESALE)
    await sell(app, bakery, "2026-03-03T08:30", [(bread, "5", "1.10"), (cake, "0.5", "16.00")])

    everything = await sales_of(bakery)
    of_bread = await sales_of(bakery, productId=bread)
    wholesale = await sales_of(bakery, channel="WHOLESALE")
    window = await sales_of(
        bakery, **{"from": "2026-03-02T09:00:00Z", "to": "2026-03-03T08:30:00Z"}
    )

    assert [(n["product"]["name"], n["soldAt"]) for n in everything["nodes"]][:2] == [
        ("Tarta", "2026-03-01T18:00:00Z"),
        ("Barra", "2026-03-02T09:00:00Z"),
    ]
    assert everything["totalCount"] == 4
    assert [(n["quantity"], n["total"]) for n in of_bread["nodes"]] == [
        ("2.000", "2.40"),
        ("5.000", "5.50"),
    ]
    assert [(n["channel"], n["posTransactionId"]) for n in wholesale["nodes"]] == [
        ("WHOLESALE", None)
    ]
    assert [n["soldAt"] for n in window["nodes"]] == ["2026-03-02T09:00:00Z"]


async def test_sales_pages_with_cursors(client: GraphQLClient, app: Starlette) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    await sell(app, bakery, "2026-03-01T10:00", [(bread, str(n), "1.00") for n in range(1, 6)])

    first = await sales_of(bakery, first=3)
    rest = await sales_of(bakery, first=3, after=first["pageInfo"]["endCursor"])

    assert first["pageInfo"]["hasNextPage"] is True
    assert rest["pageInfo"]["hasNextPage"] is False
    quantities = [Decimal(n["quantity"]) for n in first["nodes"] + rest["nodes"]]
    assert sorted(quantities) == [Decimal(n) for n in range(1, 6)]


async def test_sales_refuses_bad_arguments(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    malformed = await bakery.run(SALES, {"productId": "nope"})
    backwards = await bakery.run(
        SALES, {"from": "2026-03-02T00:00:00Z", "to": "2026-03-01T00:00:00Z"}
    )
    too_many = await bakery.run(SALES, {"first": 101})

    assert malformed.codes == ["BAD_USER_INPUT"]
    assert backwards.codes == ["BAD_USER_INPUT"]
    assert too_many.codes == ["BAD_USER_INPUT"]


async def test_sales_of_another_bakery_are_never_listed(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    foreign_bread = await other.product()
    await sell(app, other, "2026-03-01T10:00", [(foreign_bread, "3", "1.00")])

    by_foreign_product = await sales_of(bakery, productId=foreign_bread)
    summary = await bakery.run(
        SUMMARY, {"from": "2026-03-01", "to": "2026-03-01", "groupBy": "PRODUCT"}
    )
    foreign_tenant = await bakery.client.execute(SALES, {"tenantId": other.id}, as_=bakery.owner)

    assert by_foreign_product == {
        "totalCount": 0,
        "pageInfo": {"hasNextPage": False, "endCursor": None},
        "nodes": [],
    }
    assert summary.data["tenant"]["salesSummary"]["rows"] == []
    assert foreign_tenant.codes == ["FORBIDDEN"]


async def test_sales_summary_by_day_sums_exactly(client: GraphQLClient, app: Starlette) -> None:
    bakery = await Bakery.open(client)
    bread, cake = await bakery.product(), await bakery.product()
    await sell(app, bakery, "2026-03-01T00:00", [(bread, "3", "0.10"), (cake, "0.333", "0.30")])
    await sell(app, bakery, "2026-03-01T23:59", [(bread, "1", "0.20")])
    await sell(app, bakery, "2026-03-03T12:00", [(bread, "7", "0.70")])
    await sell(app, bakery, "2026-02-28T23:59", [(bread, "100", "1.00")])  # before `from`
    await sell(app, bakery, "2026-03-04T00:00", [(bread, "100", "1.00")])  # after `to`

    result = await bakery.run(SUMMARY, {"from": "2026-03-01", "to": "2026-03-03"})

    summary = result.data["tenant"]["salesSummary"]
    # 0.333 x 0.30 = 0.0999 -> 0.10; 3 x 0.10 = 0.30, as decimals (0.1 + 0.2 stays 0.3).
    assert [(r["day"], r["quantity"], r["total"], r["count"]) for r in summary["rows"]] == [
        ("2026-03-01", "4.333", "0.60", 3),
        ("2026-03-03", "7.000", "4.90", 1),
    ]
    assert {r["productId"] for r in summary["rows"]} == {None}
    assert {r["product"] for r in summary["rows"]} == {None}
    assert (summary["groupBy"], summary["total"], summary["count"]) == ("DAY", "5.50", 4)
    assert (summary["firstDay"], summary["lastDay"]) == ("2026-03-01", "2026-03-03")


async def test_sales_summary_by_product_includes_the_product(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery = await Bakery.open(client)
    bread, cake = await bakery.product("Barra"), await bakery.product("Tarta")
    await sell(app, bakery, "2026-03-01T09:00", [(bread, "10", "1.10"), (cake, "1", "12.50")])
    await sell(app, bakery, "2026-03-02T09:00", [(bread, "2.5", "1.10"), (cake, "1", "12.55")])

    result = await bakery.run(
        SUMMARY, {"from": "2026-03-01", "to": "2026-03-02", "groupBy": "PRODUCT"}
    )

    summary = result.data["tenant"]["salesSummary"]
    assert [
        (r["productId"], r["product"]["name"], r["quantity"], r["total"], r["count"])
        for r in summary["rows"]
    ] == [
        (cake, "Tarta", "2.000", "25.05", 2),
        (bread, "Barra", "12.500", "13.75", 2),
    ]
    assert {r["day"] for r in summary["rows"]} == {None}
    assert (summary["total"], summary["count"]) == ("38.80", 4)


async def test_sales_summary_counts_sales_at_the_counter(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    await bakery.stock(product_id=bread, quantity="10")
    session_id = await open_session(bakery)
    transaction = await record_sale(bakery, session_id, [sale_line(bread, "3", "1.25")])
    today = datetime.now(UTC).date().isoformat()

    summary = await bakery.run(SUMMARY, {"from": today, "to": today, "groupBy": "PRODUCT"})
    listed = await sales_of(bakery, channel="POS")

    rows = summary.data["tenant"]["salesSummary"]["rows"]
    assert [(r["productId"], r["total"], r["count"]) for r in rows] == [(bread, "3.75", 1)]
    assert [n["posTransactionId"] for n in listed["nodes"]] == [transaction["id"]]


async def test_sales_summary_refuses_bad_periods(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    backwards = await bakery.run(SUMMARY, {"from": "2026-03-02", "to": "2026-03-01"})
    too_long = await bakery.run(SUMMARY, {"from": "2025-01-01", "to": "2026-03-01"})

    assert backwards.codes == ["BAD_USER_INPUT"]
    assert too_long.codes == ["BAD_USER_INPUT"]
