"""Nested inventory reads run a bounded number of SQL statements, whatever the list sizes."""

from __future__ import annotations

from starlette.applications import Starlette

from tests.support import Bakery, GraphQLClient, counting_statements

MAX_STATEMENTS = 10  # an N+1 over 25 ingredients would need far more

NESTED = """
query($tenantId: ID!) {
  tenant(id: $tenantId) {
    ingredients(first: 100) {
      totalCount
      nodes { name onHand stockLots { quantity } movements(last: 3) { kind ingredient { name } } }
    }
    stockMovements(first: 100) { nodes { ingredient { name } product { name } } }
  }
}
"""


async def stocked_bakery(client: GraphQLClient, ingredients: int) -> Bakery:
    bakery = await Bakery.open(client)
    for _ in range(ingredients):
        ingredient = await bakery.ingredient()
        await bakery.stock(ingredient_id=ingredient, quantity="2")
        await bakery.stock(ingredient_id=ingredient, quantity="3")
    return bakery


async def test_nested_inventory_statements_do_not_grow_with_ingredients(
    client: GraphQLClient, app: Starlette
) -> None:
    small, large = await stocked_bakery(client, 3), await stocked_bakery(client, 25)

    with counting_statements(app) as for_small:
        small_result = await small.run(NESTED)
    with counting_statements(app) as for_large:
        large_result = await large.run(NESTED)

    assert small_result.errors == []
    assert large_result.errors == []
    assert large_result.data["tenant"]["ingredients"]["totalCount"] == 25
    assert len(for_small) <= MAX_STATEMENTS, for_small
    assert len(for_large) <= MAX_STATEMENTS, for_large
