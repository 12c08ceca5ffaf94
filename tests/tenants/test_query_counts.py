"""SQL statements per request do not grow with list sizes (DataLoaders batch every relation)."""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette

from tests.support import GraphQLClient, counting_statements

MAX_STATEMENTS = 10  # well below the 15+ that one statement per member would need

NESTED = """
query($t: ID!) {
  tenant(id: $t) {
    owner { email }
    subscription { plan }
    members { role user { email } }
  }
  myTenants { members { user { fullName } } }
}
"""


async def tenant_with_members(client: GraphQLClient, count: int) -> tuple[str, Any]:
    owner = await client.sign_up()
    tenant_id = await client.create_tenant(owner)
    for _ in range(count - 1):
        await client.add_member(tenant_id, await client.sign_up(), "MEMBER", by=owner)
    return tenant_id, owner


async def test_nested_tenant_query_statements_do_not_grow_with_members(
    client: GraphQLClient, app: Starlette
) -> None:
    small_tenant, small_owner = await tenant_with_members(client, 3)
    large_tenant, large_owner = await tenant_with_members(client, 15)

    with counting_statements(app) as small:
        small_result = await client.execute(NESTED, {"t": small_tenant}, as_=small_owner)
    with counting_statements(app) as large:
        large_result = await client.execute(NESTED, {"t": large_tenant}, as_=large_owner)

    assert small_result.errors == []
    assert large_result.errors == []
    assert len(large_result.data["tenant"]["members"]) == 15
    # Batches follow the depth of the query, not the length of its lists; how loads of two
    # concurrent branches fall into batches varies with timing, hence a bound, not an equality.
    assert len(small) <= MAX_STATEMENTS, small
    assert len(large) <= MAX_STATEMENTS, large
