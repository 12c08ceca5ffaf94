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


ALERTS = """
query($tenantId: ID!) {
  tenant(id: $tenantId) {
    stockAlerts(status: OPEN, first: 100) {
      totalCount
      nodes { onHand ingredient { name onHand } }
    }
  }
}
"""
WASTE = """
mutation($tenantId: ID!, $input: RecordWasteInput!) {
  recordWaste(tenantId: $tenantId, input: $input) { errors { code } }
}
"""


DELETE_INGREDIENT = """
mutation($tenantId: ID!, $id: ID!) {
  deleteIngredient(tenantId: $tenantId, id: $id) { errors { code } }
}
"""


async def bakery_low_on(client: GraphQLClient, ingredients: int) -> tuple[Bakery, list[str]]:
    """A bakery whose `ingredients` ingredients each fell below their reorder point."""
    bakery = await Bakery.open(client)
    low = []
    for _ in range(ingredients):
        ingredient = await bakery.ingredient(reorder_point="5")
        await bakery.stock(ingredient_id=ingredient, quantity="10")
        waste = {"ingredientId": ingredient, "quantity": "7", "reason": "spilt"}
        await bakery.run(WASTE, {"input": waste})
        low.append(ingredient)
    return bakery, low


async def test_stock_alerts_read_their_ingredients_and_stock_in_one_statement(
    client: GraphQLClient, app: Starlette
) -> None:
    (small, _), (large, _) = await bakery_low_on(client, 2), await bakery_low_on(client, 12)

    with counting_statements(app) as for_small:
        small_result = await small.run(ALERTS)
    with counting_statements(app) as for_large:
        large_result = await large.run(ALERTS)

    alerts = large_result.data["tenant"]["stockAlerts"]
    assert small_result.errors == large_result.errors == []
    assert alerts["totalCount"] == 12
    assert all(node["ingredient"]["onHand"] == "3.000" for node in alerts["nodes"])
    # The caller, the membership and tenant, the counted page, the ingredients with their stock.
    assert len(for_small) == len(for_large) == 4, for_large


async def test_a_stock_alert_of_a_deleted_ingredient_shows_it_as_null_with_no_extra_read(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery, [_, deleted] = await bakery_low_on(client, 2)
    await bakery.run(DELETE_INGREDIENT, {"id": deleted})

    with counting_statements(app) as statements:
        result = await bakery.run(ALERTS)

    nodes = result.data["tenant"]["stockAlerts"]["nodes"]
    assert result.errors == []
    assert sorted(node["ingredient"] is None for node in nodes) == [False, True]
    assert len(statements) == 4, statements
