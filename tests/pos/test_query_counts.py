"""SQL statements of the sales and till session lists do not grow with the number of sales."""

from __future__ import annotations

from starlette.applications import Starlette

from tests.pos.api import close_session, device, open_session_result, record_sale, sale_line
from tests.support import Bakery, GraphQLClient, counting_statements

# 8 today: the caller and the tenant, the two pages, and one batch per relation (products,
# devices, transactions, lines; the lines' products were loaded with the sales' page).
# Concurrent branches may fall into more batches with timing, hence some room; one statement
# per sale or per session would need 30 more.
MAX_STATEMENTS = 12

NESTED = """
query($tenantId: ID!) {
  tenant(id: $tenantId) {
    sales(first: 100) { nodes { product { name } } }
    posSessions(first: 20) {
      nodes { device { name } transactions { lines { product { name } quantity } } }
    }
  }
}
"""


async def bakery_with_sales(client: GraphQLClient, count: int) -> Bakery:
    """A bakery with `count` two-line sales over three sessions on three tills (two closed)."""
    bakery = await Bakery.open(client)
    bread, cake = await bakery.product(), await bakery.product()
    await bakery.stock(product_id=bread, quantity="1000")
    await bakery.stock(product_id=cake, quantity="1000")
    sessions = []
    for _ in range(3):
        opened = await open_session_result(bakery, await device(bakery))
        sessions.append(opened.data["openPosSession"]["session"]["id"])
    for index in range(count):
        lines = [sale_line(bread, "1"), sale_line(cake, "2")]
        await record_sale(bakery, sessions[index % 3], lines)
    for session_id in sessions[:2]:
        await close_session(bakery, session_id, "0")
    return bakery


async def test_sales_and_sessions_statements_do_not_grow_with_sales(
    client: GraphQLClient, app: Starlette
) -> None:
    small_bakery = await bakery_with_sales(client, 3)
    large_bakery = await bakery_with_sales(client, 30)

    with counting_statements(app) as small:
        small_result = await small_bakery.run(NESTED)
    with counting_statements(app) as large:
        large_result = await large_bakery.run(NESTED)

    assert small_result.errors == []
    assert large_result.errors == []
    tenant = large_result.data["tenant"]
    assert len(tenant["sales"]["nodes"]) == 60
    assert all(sale["product"] is not None for sale in tenant["sales"]["nodes"])
    sessions = tenant["posSessions"]["nodes"]
    assert [len(session["transactions"]) for session in sessions] == [10, 10, 10]
    lines = [
        line
        for session in sessions
        for transaction in session["transactions"]
        for line in transaction["lines"]
    ]
    assert len(lines) == 60
    assert all(line["product"] is not None for line in lines)
    assert len(small) <= MAX_STATEMENTS, small
    assert len(large) <= MAX_STATEMENTS, large
