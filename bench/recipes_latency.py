"""The nested recipes read of the operations issue, against the graphql-core floor.

`tenant { recipes(first: 100) { nodes { ingredients { ingredient { name } quantity unit }
product { name } } } }` on 100 recipes of 8 lines each: 100 + 800 + 800 + 100 nested objects.
"""

from __future__ import annotations

import copy
from typing import Any

from bench.client import Account, GraphQLClient, SetupError
from bench.environment import Environment
from bench.floor import floor_root
from bench.graphql_latency import against_floor
from bench.harness import Comparison

RECIPES = 100
LINES_PER_RECIPE = 8
INGREDIENTS = 30
NESTED_RECIPES = """
query($id: ID!) {
  tenant(id: $id) {
    recipes(first: 100) {
      nodes { ingredients { ingredient { name } quantity unit } product { name } }
    }
  }
}
"""
CREATE_INGREDIENT = """
mutation($t: ID!, $input: CreateIngredientInput!) {
  createIngredient(tenantId: $t, input: $input) { ingredient { id } errors { code message } }
}
"""
CREATE_PRODUCT = """
mutation($t: ID!, $input: CreateProductInput!) {
  createProduct(tenantId: $t, input: $input) { product { id } errors { code message } }
}
"""
CREATE_RECIPE = """
mutation($t: ID!, $input: CreateRecipeInput!) {
  createRecipe(tenantId: $t, input: $input) { recipe { id } errors { code message } }
}
"""


async def bakery_with_recipes(client: GraphQLClient) -> tuple[Account, str]:
    """A bakery with 30 ingredients and 100 products, each made by a recipe of 8 lines."""
    owner = await client.sign_up()
    tenant_id = await client.create_tenant(owner)
    ingredients = [
        await client.create(
            CREATE_INGREDIENT,
            {
                "t": tenant_id,
                "input": {"name": f"Ingrediente {i:02}", "category": "Bench", "unit": "KG"},
            },
            as_=owner,
            field="ingredient",
        )
        for i in range(INGREDIENTS)
    ]
    for index in range(RECIPES):
        product = await client.create(
            CREATE_PRODUCT,
            {
                "t": tenant_id,
                "input": {
                    "name": f"Producto {index:03}",
                    "kind": "FINISHED",
                    "unit": "UNIT",
                    "salePrice": "1.20",
                },
            },
            as_=owner,
            field="product",
        )
        lines = [
            {
                "ingredientId": ingredients[(index + k) % INGREDIENTS],
                "quantity": "0.250",
                "unit": "KG",
            }
            for k in range(LINES_PER_RECIPE)
        ]
        recipe = {
            "productId": product,
            "name": f"Receta {index:03}",
            "yieldQuantity": "10",
            "yieldUnit": "UNIT",
            "ingredients": lines,
        }
        await client.create(
            CREATE_RECIPE, {"t": tenant_id, "input": recipe}, as_=owner, field="recipe"
        )
    return owner, tenant_id


async def nested_recipes_latency(environment: Environment, iterations: int) -> list[Comparison]:
    """100 recipes x 8 ingredients, nested three levels deep, as the bakery's owner."""
    client = environment.client
    owner, tenant_id = await bakery_with_recipes(client)
    variables = {"id": tenant_id}
    # The floor serves a deep copy of what the gateway serves: same objects, same order.
    served = await client.execute(NESTED_RECIPES, variables, as_=owner)
    recipes = copy.deepcopy(served["tenant"]["recipes"])
    if len(recipes["nodes"]) != RECIPES:
        raise SetupError(f"expected {RECIPES} recipes, the gateway served {len(recipes['nodes'])}")

    def page(_info: object, first: int) -> dict[str, Any]:
        return {"nodes": recipes["nodes"][:first]}

    root = floor_root(tenants={tenant_id: {"recipes": page}})
    name = f"recipes {RECIPES}x{LINES_PER_RECIPE} nested"
    return [
        await against_floor(
            environment,
            name,
            NESTED_RECIPES,
            variables,
            as_=owner,
            root=root,
            iterations=iterations,
        )
    ]
