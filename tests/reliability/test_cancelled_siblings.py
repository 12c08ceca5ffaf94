"""A field that fails while its siblings still wait for shared loads: the others still answer.

graphql-core cancels the pending siblings of a failed field. Fields of other branches waiting
for the same DataLoader key (the caller's membership, checked by every tenant field) must not be
cancelled with them: they once ended with CancelledError, and the request with no answer.
"""

from __future__ import annotations

from tests.support import Bakery, GraphQLClient

SIBLINGS = """
query($tenantId: ID!) {
  tenant(id: $tenantId) {
    tooMany: products(first: 1000) { totalCount }
    apiKeyUsage(from: "2000-01-01", to: "2000-01-01") { calls }
    externalData(first: 5000, kind: TRAFFIC, from: "2000-01-01") { totalCount }
    forecasts(first: 10) { nodes { product { name } } }
  }
  myTenants {
    apiKeyUsage(from: "2000-01-01", to: "2000-01-01") { calls }
    orders(first: 0) { totalCount }
    forecasts(first: 10) { totalCount }
  }
  tenantAdmins(tenantId: $tenantId) { role }
}
"""


async def test_query_with_failing_fields_beside_shared_loads_answers_every_time(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)

    results = [await bakery.run(SIBLINGS) for _ in range(20)]

    assert {result.status for result in results} == {200}
    assert all(set(result.codes) == {"BAD_USER_INPUT"} for result in results)
