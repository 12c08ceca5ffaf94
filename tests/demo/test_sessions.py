"""Demo sessions through the API: create, browse, extend, end, expire."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.demo.conftest import create, start
from tests.support import GraphQLClient

BROWSE = """query($id: ID!) { tenant(id: $id) { id name isDemo
  ingredients(first: 5) { totalCount } products(first: 5) { totalCount nodes { name } } } }"""


async def test_demo_accounts_lists_both_templates(demo: GraphQLClient) -> None:
    result = await demo.execute("{ demoAccounts { accountType name city businessModel features } }")

    accounts = {a["accountType"]: a for a in result.data["demoAccounts"]}
    assert accounts["INDIVIDUAL_BAKERY"]["name"] == "Panadería San Pablo"
    assert accounts["INDIVIDUAL_BAKERY"]["city"] == "Madrid"
    assert accounts["CENTRAL_BAKER_SATELLITE"]["name"] == "Panadería La Espiga"
    assert accounts["CENTRAL_BAKER_SATELLITE"]["city"] == "Barcelona"
    assert all(account["features"] for account in accounts.values())


async def test_create_demo_session_then_browse_the_copy(demo: GraphQLClient) -> None:
    result = await create(demo)
    session = result.data["createDemoSession"]["session"]

    browsed = await demo.execute(
        BROWSE, {"id": session["virtualTenantId"]}, headers={"X-Demo-Session-Id": session["id"]}
    )

    assert session["id"].startswith("demo_")
    assert len(session["id"]) >= len("demo_") + 22  # at least 128 random bits, base64
    assert session["status"] == "ACTIVE"
    assert session["extensionsUsed"] == 0
    assert session["maxExtensions"] == 3
    assert browsed.errors == []
    tenant = browsed.data["tenant"]
    assert tenant["name"] == "Panadería San Pablo"
    assert tenant["isDemo"] is True
    assert tenant["ingredients"]["totalCount"] >= 25
    assert tenant["products"]["totalCount"] >= 5


async def test_create_demo_session_satellite_has_par_baked_products(demo: GraphQLClient) -> None:
    visitor = await start(demo, "CENTRAL_BAKER_SATELLITE")

    result = await demo.execute(
        "query($id: ID!) { tenant(id: $id) { name products(first: 100) { nodes { kind } } } }",
        {"id": visitor.tenant_id},
        headers=visitor.headers,
    )

    kinds = [node["kind"] for node in result.data["tenant"]["products"]["nodes"]]
    assert result.data["tenant"]["name"] == "Panadería La Espiga"
    assert kinds.count("PAR_BAKED") >= 15
    assert kinds.count("FINISHED") >= 10


async def test_demo_session_header_unknown_id_is_not_found(demo: GraphQLClient) -> None:
    result = await demo.execute(
        BROWSE,
        {"id": "00000000-0000-0000-0000-000000000000"},
        headers={"X-Demo-Session-Id": "demo_doesnotexist"},
    )

    assert result.codes == ["DEMO_SESSION_NOT_FOUND"]


async def test_demo_session_header_with_bearer_token_is_refused(demo: GraphQLClient) -> None:
    visitor = await start(demo)
    account = await demo.sign_up()

    result = await demo.execute(
        BROWSE,
        {"id": visitor.tenant_id},
        headers={**visitor.headers, "Authorization": f"Bearer {account.token}"},
    )

    assert result.codes == ["UNAUTHENTICATED"]
    assert "not both" in result.errors[0]["message"]


async def test_extend_demo_session_adds_time_up_to_three_times(demo: GraphQLClient) -> None:
    visitor = await start(demo)
    extend = """mutation($id: ID!) { extendDemoSession(id: $id) {
      session { expiresAt extensionsUsed } errors { code } } }"""
    first = await demo.execute(
        "query($id: ID!) { demoSession(id: $id) { expiresAt } }", {"id": visitor.id}
    )

    results = [
        await demo.execute(extend, {"id": visitor.id}, headers=visitor.headers) for _ in range(4)
    ]

    payloads = [result.data["extendDemoSession"] for result in results]
    assert [p["session"]["extensionsUsed"] for p in payloads[:3]] == [1, 2, 3]
    assert payloads[0]["session"]["expiresAt"] > first.data["demoSession"]["expiresAt"]
    assert payloads[3] == {"session": None, "errors": [{"code": "MAX_EXTENSIONS_REACHED"}]}


async def test_end_demo_session_then_header_is_expired(demo: GraphQLClient) -> None:
    visitor = await start(demo)

    ended = await demo.execute(
        "mutation($id: ID!) { endDemoSession(id: $id) { session { status } errors { code } } }",
        {"id": visitor.id},
        headers=visitor.headers,
    )
    browsed = await demo.execute(BROWSE, {"id": visitor.tenant_id}, headers=visitor.headers)

    assert ended.data["endDemoSession"] == {"session": {"status": "ENDED"}, "errors": []}
    assert browsed.codes == ["DEMO_SESSION_EXPIRED"]


async def test_demo_session_past_expiry_is_expired(
    demo: GraphQLClient, engine: AsyncEngine
) -> None:
    visitor = await start(demo)
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "UPDATE demo.demo_sessions SET expires_at = now() - interval '1 second' "
                "WHERE id = :id"
            ),
            {"id": visitor.id},
        )

    browsed = await demo.execute(BROWSE, {"id": visitor.tenant_id}, headers=visitor.headers)
    status = await demo.execute(
        "query($id: ID!) { demoSession(id: $id) { status } }", {"id": visitor.id}
    )
    extended = await demo.execute(
        "mutation($id: ID!) { extendDemoSession(id: $id) { errors { code } } }", {"id": visitor.id}
    )

    assert browsed.codes == ["DEMO_SESSION_EXPIRED"]
    assert status.data["demoSession"] == {"status": "EXPIRED"}
    assert extended.data["extendDemoSession"]["errors"] == [{"code": "DEMO_SESSION_EXPIRED"}]


async def test_create_demo_session_beyond_the_limit_per_address_is_refused(
    limited: GraphQLClient,
) -> None:
    await start(limited)
    await start(limited)

    third = await create(limited)

    assert third.data["createDemoSession"]["session"] is None
    assert [e["code"] for e in third.data["createDemoSession"]["errors"]] == [
        "TOO_MANY_DEMO_SESSIONS"
    ]


async def test_demo_stats_for_a_service(demo: GraphQLClient, service_token: str) -> None:
    await start(demo, "CENTRAL_BAKER_SATELLITE")

    result = await demo.execute(
        "{ demoStats { active expired ended cloneTimeMedianMs "
        "byAccountType { accountType sessions } } }",
        headers={"Authorization": f"Bearer {service_token}"},
    )

    stats = result.data["demoStats"]
    assert stats["active"] >= 1
    assert float(stats["cloneTimeMedianMs"]) > 0
    by_type = {row["accountType"]: row["sessions"] for row in stats["byAccountType"]}
    assert by_type["CENTRAL_BAKER_SATELLITE"] >= 1


async def test_demo_stats_for_a_visitor_is_forbidden(demo: GraphQLClient) -> None:
    visitor = await start(demo)

    result = await demo.execute("{ demoStats { active } }", headers=visitor.headers)

    assert result.codes == ["FORBIDDEN"]
