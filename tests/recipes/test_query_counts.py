"""Listing recipes with their lines, products and costs runs a bounded number of statements."""

from __future__ import annotations

from starlette.applications import Starlette

from tests.recipes.support import line, recipe
from tests.support import Bakery, GraphQLClient, counting_statements

# Principal, membership, tenant, page, lines, products, ingredients, costs: 8 in one run;
# how concurrent loads fall into batches varies with timing, hence some slack. One
# statement per recipe would need 40+.
MAX_STATEMENTS = 12

NESTED = """
query($tenantId: ID!) {
  tenant(id: $tenantId) {
    recipes(first: 100) {
      nodes {
        ingredients { ingredient { name } quantity unit }
        product { name }
        costPerUnit
      }
    }
  }
}
"""


async def bakery_with_recipes(client: GraphQLClient, count: int) -> Bakery:
    bakery = await Bakery.open(client)
    ingredients = [await bakery.ingredient() for _ in range(4)]
    for ingredient_id in ingredients:
        await bakery.stock(ingredient_id=ingredient_id, quantity="100", unit_cost="2")
    for index in range(count):
        lines = [line(ingredients[(index + k) % 4], "250", "G") for k in range(3)]
        await recipe(bakery, await bakery.product(), lines)
    return bakery


async def test_recipes_list_statements_do_not_grow_with_recipes(
    client: GraphQLClient, app: Starlette
) -> None:
    small = await bakery_with_recipes(client, 5)
    large = await bakery_with_recipes(client, 40)

    with counting_statements(app) as small_statements:
        small_result = await small.run(NESTED)
    with counting_statements(app) as large_statements:
        large_result = await large.run(NESTED)

    assert small_result.errors == []
    assert large_result.errors == []
    nodes = large_result.data["tenant"]["recipes"]["nodes"]
    assert len(nodes) == 40
    assert all(node["costPerUnit"] == "0.1500" for node in nodes)
    assert all(len(node["ingredients"]) == 3 for node in nodes)
    assert len(small_statements) <= MAX_STATEMENTS, small_statements
    assert len(large_statements) <= MAX_STATEMENTS, large_statements


ISSUE_QUERY = """
query($tenantId: ID!) {
  tenant(id: $tenantId) {
    recipes(first: 100) { nodes { ingredients { ingredient { name } } product { name } } }
  }
}
"""


async def test_recipes_query_of_the_issue_runs_the_same_statements_for_5_and_100(
    client: GraphQLClient, app: Starlette
) -> None:
    # The page loads its lines, products and ingredients at once, so the statements are
    # exactly: account and membership, page, products and lines, ingredients.
    small = await bakery_with_recipes(client, 5)
    large = await bakery_with_recipes(client, 100)

    with counting_statements(app) as small_statements:
        small_result = await small.run(ISSUE_QUERY)
    with counting_statements(app) as large_statements:
        large_result = await large.run(ISSUE_QUERY)

    assert small_result.errors == []
    assert len(large_result.data["tenant"]["recipes"]["nodes"]) == 100
    assert len(small_statements) == len(large_statements) == 6
