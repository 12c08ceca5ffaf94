"""createTenant, tenant and myTenants through the API."""

from __future__ import annotations

from tests.support import GraphQLClient

CREATE = """
mutation($input: CreateTenantInput!) {
  createTenant(input: $input) {
    tenant {
      id name businessModel owner { id }
      members { role user { id } }
      subscription { plan status }
    }
    errors { code field }
  }
}
"""


async def test_create_tenant_makes_the_creator_its_owner(client: GraphQLClient) -> None:
    owner = await client.sign_up()
    result = await client.execute(
        CREATE,
        {"input": {"name": " Panadería  San Pablo ", "businessModel": "CENTRAL_BAKER_SATELLITE"}},
        as_=owner,
    )
    payload = result.data["createTenant"]
    assert payload["errors"] == []
    tenant = payload["tenant"]
    assert tenant["name"] == "Panadería San Pablo"
    assert tenant["businessModel"] == "CENTRAL_BAKER_SATELLITE"
    assert tenant["owner"] == {"id": owner.id}
    assert tenant["members"] == [{"role": "OWNER", "user": {"id": owner.id}}]
    assert tenant["subscription"] == {"plan": "STARTER", "status": "TRIALING"}


async def test_my_tenants_lists_only_the_callers_tenants(client: GraphQLClient) -> None:
    baker, stranger = await client.sign_up(), await client.sign_up()
    first = await client.create_tenant(baker, "Uno")
    second = await client.create_tenant(baker, "Dos")
    await client.create_tenant(stranger, "Ajena")
    result = await client.execute("{ myTenants { id name } }", as_=baker)
    assert result.data["myTenants"] == [{"id": first, "name": "Uno"}, {"id": second, "name": "Dos"}]


async def test_tenant_is_forbidden_to_non_members_and_for_unknown_ids(
    client: GraphQLClient,
) -> None:
    owner, stranger = await client.sign_up(), await client.sign_up()
    tenant_id = await client.create_tenant(owner)
    query = "query($id: ID!) { tenant(id: $id) { id name } }"
    foreign = await client.execute(query, {"id": tenant_id}, as_=stranger)
    unknown = await client.execute(
        query, {"id": "00000000-0000-4000-8000-000000000000"}, as_=stranger
    )
    assert foreign.data == {"tenant": None}
    assert foreign.codes == ["FORBIDDEN"]
    assert unknown.data == {"tenant": None}
    assert unknown.codes == ["FORBIDDEN"]


async def test_tenant_needs_authentication(client: GraphQLClient) -> None:
    owner = await client.sign_up()
    tenant_id = await client.create_tenant(owner)
    result = await client.execute("query($id: ID!) { tenant(id: $id) { id } }", {"id": tenant_id})
    assert result.codes == ["UNAUTHENTICATED"]


async def test_tenant_with_a_malformed_id_is_bad_user_input(client: GraphQLClient) -> None:
    owner = await client.sign_up()
    result = await client.execute('{ tenant(id: "not-a-uuid") { id } }', as_=owner)
    assert result.codes == ["BAD_USER_INPUT"]
    assert result.errors[0]["extensions"]["field"] == "id"


async def test_create_tenant_refuses_a_blank_name(client: GraphQLClient) -> None:
    owner = await client.sign_up()
    result = await client.execute(
        CREATE, {"input": {"name": "   ", "businessModel": "INDIVIDUAL_BAKERY"}}, as_=owner
    )
    assert result.data["createTenant"] == {
        "tenant": None,
        "errors": [{"code": "INVALID_NAME", "field": "name"}],
    }
    mine = await client.execute("{ myTenants { id } }", as_=owner)
    assert mine.data["myTenants"] == []


async def test_create_tenant_needs_a_user(client: GraphQLClient, service_token: str) -> None:
    anonymous = await client.execute(
        CREATE, {"input": {"name": "X", "businessModel": "INDIVIDUAL_BAKERY"}}
    )
    service = await client.execute(
        CREATE,
        {"input": {"name": "X", "businessModel": "INDIVIDUAL_BAKERY"}},
        headers={"Authorization": f"Bearer {service_token}"},
    )
    assert anonymous.codes == ["UNAUTHENTICATED"]
    assert service.codes == ["FORBIDDEN"]


async def test_service_reads_any_tenant(client: GraphQLClient, service_token: str) -> None:
    owner = await client.sign_up()
    tenant_id = await client.create_tenant(owner, "Vista de servicio")
    result = await client.execute(
        "query($id: ID!) { tenant(id: $id) { name } myTenants { id } }",
        {"id": tenant_id},
        headers={"Authorization": f"Bearer {service_token}"},
    )
    assert result.errors == []
    assert result.data == {"tenant": {"name": "Vista de servicio"}, "myTenants": []}
