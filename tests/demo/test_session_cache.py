"""Session lookups are cached in the process; ending a session there takes effect at once."""

from __future__ import annotations

from starlette.applications import Starlette

from tests.demo.conftest import start
from tests.support import GraphQLClient, counting_statements

NAME = "query($id: ID!) { tenant(id: $id) { name } }"


async def test_demo_session_header_second_request_reads_no_session(
    client: GraphQLClient, app: Starlette
) -> None:
    visitor = await start(client)  # the app of the suite: lookups cached 5 seconds
    await client.execute(NAME, {"id": visitor.tenant_id}, headers=visitor.headers)

    with counting_statements(app) as statements:
        again = await client.execute(NAME, {"id": visitor.tenant_id}, headers=visitor.headers)

    assert again.data == {"tenant": {"name": "Panadería San Pablo"}}
    assert not [sql for sql in statements if "demo_sessions" in sql]


async def test_end_demo_session_is_seen_at_once_despite_the_cache(client: GraphQLClient) -> None:
    visitor = await start(client)
    await client.execute(NAME, {"id": visitor.tenant_id}, headers=visitor.headers)

    await client.execute(
        "mutation($id: ID!) { endDemoSession(id: $id) { errors { code } } }",
        {"id": visitor.id},
        headers=visitor.headers,
    )
    browsed = await client.execute(NAME, {"id": visitor.tenant_id}, headers=visitor.headers)

    assert browsed.codes == ["DEMO_SESSION_EXPIRED"]
