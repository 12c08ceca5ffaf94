"""The cost of an operation multiplies by page sizes; it is refused over the limit and reported."""

from __future__ import annotations

from tests.support import Bakery, GraphQLClient

NESTED = """
query($tenantId: ID!, $first: Int) {
  tenant(id: $tenantId) {
    recipes(first: $first) { nodes { name ingredients { quantity ingredient { name } } } }
  }
}
"""


async def test_query_reports_its_cost_in_extensions(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    result = await bakery.run("query($tenantId: ID!) { tenant(id: $tenantId) { name } }")

    assert result.errors == []
    assert result.body["extensions"]["cost"] == {"requested": 2, "maximum": 100_000}


async def test_query_cost_multiplies_by_first(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    small = await bakery.run(NESTED, {"first": 1})
    large = await bakery.run(NESTED, {"first": 100})

    # tenant 1 + recipes 1 + first x (nodes 1 + name 1 + ingredients 1 + 10 x 3), where 3 is
    # quantity 1 + ingredient 1 + its name 1: a plain list counts as 10.
    assert small.body["extensions"]["cost"]["requested"] == 2 + 1 * 33
    assert large.body["extensions"]["cost"]["requested"] == 2 + 100 * 33


async def test_query_cost_without_first_counts_the_default_page(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    result = await bakery.run(NESTED)

    assert result.body["extensions"]["cost"]["requested"] == 2 + 20 * 33


async def test_query_over_the_cost_limit_is_query_too_complex_and_runs_nothing(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    query = """query($tenantId: ID!) { tenant(id: $tenantId) {
      a: recipes(first: 100) { nodes { ingredients { ingredient { movements(last: 100) {
        id quantity kind createdAt } } } } } } }"""

    result = await bakery.run(query)

    assert result.codes == ["QUERY_TOO_COMPLEX"]
    assert "data" not in result.body
    assert result.errors[0]["extensions"]["cost"] > 100_000
    assert result.body["extensions"]["cost"]["requested"] > 100_000


async def test_mutation_with_more_than_ten_fields_is_query_too_complex(
    client: GraphQLClient,
) -> None:
    logins = " ".join(
        f'l{n}: login(email: "nobody@example.com", password: "x") {{ errors {{ code }} }}'
        for n in range(11)
    )

    result = await client.execute(f"mutation {{ {logins} }}")

    assert result.codes == ["QUERY_TOO_COMPLEX"]
    assert result.errors[0]["extensions"]["mutationFields"] == 11
    assert "data" not in result.body


async def test_a_cost_past_what_json_numbers_hold_is_refused_and_reported_capped(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    biggest = 2**31 - 1  # the largest Int, on two nested pages and a list between them
    query = f"""query($tenantId: ID!) {{ tenant(id: $tenantId) {{
      recipes(first: {biggest}) {{ nodes {{ ingredients {{ ingredient {{
        movements(last: {biggest}) {{ id }} }} }} }} }} }} }}"""

    result = await bakery.run(query)

    assert result.status < 500
    assert result.codes == ["QUERY_TOO_COMPLEX"]
    assert result.errors[0]["extensions"]["cost"] == 2**53 - 1
    assert "at least" in result.errors[0]["message"]
    assert result.body["extensions"]["cost"] == {"requested": 2**53 - 1, "maximum": 100_000}
