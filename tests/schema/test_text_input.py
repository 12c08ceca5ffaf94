"""Text holding a NUL character is refused as BAD_USER_INPUT, never an internal error."""

from __future__ import annotations

from tests.support import Bakery, GraphQLClient

CREATE = """
mutation($tenantId: ID!, $name: String!) {
  createIngredient(tenantId: $tenantId,
    input: {name: $name, category: "Secos", unit: KG, reorderPoint: "0"}) {
    ingredient { id } errors { code } } }
"""


async def test_create_ingredient_with_a_nul_in_a_variable_is_bad_user_input(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)

    result = await bakery.run(CREATE, {"name": "Harina\x00"})

    assert result.codes == ["BAD_USER_INPUT"]
    assert "data" not in result.body


async def test_search_with_a_nul_in_a_literal_is_bad_user_input(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    result = await bakery.run(
        'query($tenantId: ID!) { tenant(id: $tenantId) { ingredients(search: "a\\u0000") {'
        " totalCount } } }"
    )

    assert result.codes == ["BAD_USER_INPUT"]
    assert "data" not in result.body


async def test_login_with_a_nul_in_the_email_is_bad_user_input(
    client: GraphQLClient,
) -> None:
    result = await client.execute(
        'mutation($email: String!) { login(email: $email, password: "x") { accessToken } }',
        {"email": "ana\x00@example.com"},
    )

    assert result.codes == ["BAD_USER_INPUT"]
