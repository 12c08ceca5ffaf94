"""Shortcuts for tests of recipes (and of production, which cooks from them)."""

from __future__ import annotations

import uuid
from typing import Any

from tests.support import Account, Bakery, Result

CREATE = """
mutation($tenantId: ID!, $input: CreateRecipeInput!) {
  createRecipe(tenantId: $tenantId, input: $input) {
    recipe {
      id name yieldQuantity yieldUnit instructions
      product { id name }
      ingredients { quantity unit position ingredient { id name } }
    }
    errors { code message field }
  }
}
"""
UPDATE = """
mutation($tenantId: ID!, $id: ID!, $input: UpdateRecipeInput!) {
  updateRecipe(tenantId: $tenantId, id: $id, input: $input) {
    recipe {
      id name yieldQuantity yieldUnit instructions
      product { id }
      ingredients { quantity unit position ingredient { id } }
    }
    errors { code message field }
  }
}
"""
DELETE = """
mutation($tenantId: ID!, $id: ID!, $reason: String) {
  deleteRecipe(tenantId: $tenantId, id: $id, reason: $reason) {
    deletedIds batchId errors { code message field }
  }
}
"""
RESTORE = """
mutation($tenantId: ID!, $id: ID!) {
  restoreRecipe(tenantId: $tenantId, id: $id) {
    recipe { id name } errors { code message field }
  }
}
"""
LIST = """
query($tenantId: ID!, $search: String, $productId: ID, $first: Int, $after: String) {
  tenant(id: $tenantId) {
    recipes(first: $first, after: $after, search: $search, productId: $productId) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id name costPerUnit
        product { id name }
        ingredients { quantity unit ingredient { id name } }
      }
    }
  }
}
"""


def line(ingredient_id: str, quantity: str = "1", unit: str = "KG") -> dict[str, str]:
    """A recipe line as createRecipe takes it."""
    return {"ingredientId": ingredient_id, "quantity": quantity, "unit": unit}


def recipe_input(
    product_id: str,
    lines: list[dict[str, str]],
    *,
    name: str | None = None,
    yield_quantity: str = "10",
    yield_unit: str = "UNIT",
    instructions: str = "Amasar y hornear.",
) -> dict[str, Any]:
    """The `input` of createRecipe."""
    return {
        "productId": product_id,
        "name": name or f"Receta {uuid.uuid4().hex[:8]}",
        "yieldQuantity": yield_quantity,
        "yieldUnit": yield_unit,
        "instructions": instructions,
        "ingredients": lines,
    }


async def create_recipe(bakery: Bakery, input: dict[str, Any]) -> Result:
    """Run createRecipe as the owner."""
    return await bakery.run(CREATE, {"input": input})


async def recipe(bakery: Bakery, product_id: str, lines: list[dict[str, str]], **kw: Any) -> str:
    """A new recipe; returns its id."""
    result = await create_recipe(bakery, recipe_input(product_id, lines, **kw))
    payload = result.data["createRecipe"]
    assert payload["errors"] == [], payload
    recipe_id: str = payload["recipe"]["id"]
    return recipe_id


async def listed(bakery: Bakery, **variables: Any) -> dict[str, Any]:
    """`tenant { recipes(...) }` as the owner."""
    result = await bakery.run(LIST, {"first": 100, **variables})
    assert result.errors == [], result.errors
    recipes: dict[str, Any] = result.data["tenant"]["recipes"]
    return recipes


async def catalog(bakery: Bakery, mutation: str, item_id: str) -> None:
    """Run an inventory mutation taking only an id (`deleteIngredient`, `restoreProduct`, ...)."""
    result = await bakery.run(
        f"""mutation($tenantId: ID!, $id: ID!) {{
              {mutation}(tenantId: $tenantId, id: $id) {{ errors {{ code }} }} }}""",
        {"id": item_id},
    )
    assert result.data[mutation]["errors"] == [], result.body


async def members(bakery: Bakery, *roles: str) -> list[Account]:
    """New accounts added to the bakery with these roles, in order."""
    accounts = []
    for role in roles:
        account = await bakery.client.sign_up()
        await bakery.client.add_member(bakery.id, account, role, by=bakery.owner)
        accounts.append(account)
    return accounts
