"""SQL statements of `externalData` and `apiKeyUsage` do not grow with the number of rows."""

from __future__ import annotations

from datetime import date, timedelta

from starlette.applications import Starlette

from tests.external.api import TODAY, entry, store
from tests.support import Bakery, GraphQLClient, counting_statements

# 4 today: the caller and the tenant, the page, its count and the usage; room for batching.
MAX_STATEMENTS = 7

BOTH = """
query($tenantId: ID!, $from: Date!, $to: Date!) {
  tenant(id: $tenantId) {
    externalData(first: 100) { totalCount nodes { id kind location date payload fetchedAt } }
    apiKeyUsage(from: $from, to: $to) { provider day calls }
  }
}
"""


async def bakery_with_data(client: GraphQLClient, count: int) -> Bakery:
    """A bakery with `count` days of weather from two providers."""
    bakery = await Bakery.open(client)
    start = date(2026, 1, 1)
    for index in range(count):
        day = (start + timedelta(days=index)).isoformat()
        await store(bakery, entry(day, provider=["aemet", "meteo"][index % 2]))
    return bakery


async def test_external_data_statements_do_not_grow_with_rows(
    client: GraphQLClient, app: Starlette
) -> None:
    small_bakery = await bakery_with_data(client, 2)
    large_bakery = await bakery_with_data(client, 30)
    days = {"from": TODAY, "to": TODAY}

    with counting_statements(app) as small:
        small_result = await small_bakery.run(BOTH, days)
    with counting_statements(app) as large:
        large_result = await large_bakery.run(BOTH, days)

    assert small_result.errors == [], small_result.body
    assert large_result.errors == [], large_result.body
    tenant = large_result.data["tenant"]
    assert tenant["externalData"]["totalCount"] == 30
    assert len(tenant["externalData"]["nodes"]) == 30
    assert tenant["apiKeyUsage"] == [
        {"provider": "aemet", "day": TODAY, "calls": 15},
        {"provider": "meteo", "day": TODAY, "calls": 15},
    ]
    assert len(small) <= MAX_STATEMENTS, small
    assert len(large) <= MAX_STATEMENTS, large
    assert len(large) == len(small)
