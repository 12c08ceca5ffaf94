"""Who may store and read external data, and that no tenant sees another's."""

from __future__ import annotations

from tests.external.api import EXTERNAL_DATA, STORE, TODAY, USAGE, entry, nodes, store, store_result
from tests.support import Account, Bakery, GraphQLClient


async def member(bakery: Bakery, role: str) -> Account:
    """A new account with `role` in the bakery."""
    account = await bakery.client.sign_up()
    await bakery.client.add_member(bakery.id, account, role, by=bakery.owner)
    return account


async def test_store_external_data_is_for_admins_and_services(
    client: GraphQLClient, service_token: str
) -> None:
    bakery = await Bakery.open(client)
    admin, staff = await member(bakery, "ADMIN"), await member(bakery, "MEMBER")

    by_admin = await store_result(bakery, entry("2026-03-01"), as_=admin)
    by_service = await store_result(
        bakery, entry("2026-03-02"), headers={"Authorization": f"Bearer {service_token}"}
    )
    by_member = await store_result(bakery, entry("2026-03-03"), as_=staff)
    anonymous = await client.execute(STORE, {"tenantId": bakery.id, "input": entry("2026-03-04")})

    assert by_admin.data["storeExternalData"]["errors"] == []
    assert by_service.data["storeExternalData"]["errors"] == []
    assert by_member.codes == ["FORBIDDEN"]
    assert anonymous.codes == ["UNAUTHENTICATED"]
    listed = nodes(await bakery.run(EXTERNAL_DATA))
    assert [node["date"] for node in listed] == ["2026-03-01", "2026-03-02"]


async def test_viewer_reads_external_data_but_not_usage(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    stored = await store(bakery, entry("2026-03-01"))
    viewer = await member(bakery, "VIEWER")

    data = await client.execute(EXTERNAL_DATA, {"tenantId": bakery.id}, as_=viewer)
    usage = await client.execute(
        USAGE, {"tenantId": bakery.id, "from": TODAY, "to": TODAY}, as_=viewer
    )

    assert [node["id"] for node in nodes(data)] == [stored["id"]]
    assert usage.codes == ["FORBIDDEN"]


async def test_external_data_of_another_tenant_is_never_visible(client: GraphQLClient) -> None:
    mine, theirs = await Bakery.open(client), await Bakery.open(client)
    await store(theirs, entry("2026-03-01"))
    await store(mine, entry("2026-03-01", payload={"tempC": 3}))

    my_list = nodes(await mine.run(EXTERNAL_DATA))
    my_usage = await mine.run(USAGE, {"from": TODAY, "to": TODAY})
    their_list = await client.execute(EXTERNAL_DATA, {"tenantId": theirs.id}, as_=mine.owner)
    their_store = await store_result(theirs, entry("2026-03-02"), as_=mine.owner)

    assert [node["payload"] for node in my_list] == [{"tempC": 3}]
    assert my_usage.data["tenant"]["apiKeyUsage"] == [
        {"provider": "aemet", "day": TODAY, "calls": 1}
    ]
    assert their_list.codes == ["FORBIDDEN"]
    assert their_store.codes == ["FORBIDDEN"]
    assert len(nodes(await theirs.run(EXTERNAL_DATA))) == 1
