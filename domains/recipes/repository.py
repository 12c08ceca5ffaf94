"""SQL of recipes and their lines. Reads see live recipes only."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from db.errors import UniqueTaken, write_unique
from db.pagination import AnySelect, PageRead
from db.prepared import TenantKeyRead
from db.records import record_reader
from db.search import contains, escaped
from db.soft_delete import SoftDeletion, Trashable, restore, soft_delete
from domains.recipes.models import Recipe, RecipeIngredient
from domains.recipes.records import RecipeLine, RecipeLineRecord, RecipeRecord

RECIPE = (
    Recipe.id,
    Recipe.tenant_id,
    Recipe.product_id,
    Recipe.name,
    Recipe.yield_quantity,
    Recipe.yield_unit,
    Recipe.instructions,
    Recipe.created_at,
    Recipe.updated_at,
)
LINE = (
    RecipeIngredient.id,
    RecipeIngredient.tenant_id,
    RecipeIngredient.recipe_id,
    RecipeIngredient.ingredient_id,
    RecipeIngredient.quantity,
    RecipeIngredient.unit,
    RecipeIngredient.position,
)
RECIPE_ORDER: tuple[Any, ...] = (func.lower(Recipe.name), Recipe.id)
ONE_LIVE_RECIPE_PER_PRODUCT = "uq_recipes_live_product"
ProductHasRecipe = UniqueTaken  # the product already has a live recipe
TAKEN = {ONE_LIVE_RECIPE_PER_PRODUCT}
RECIPES = Trashable("recipe", Recipe, unique_indexes=frozenset(TAKEN))


recipe_record = record_reader(RecipeRecord, RECIPE)


line_record = record_reader(RecipeLineRecord, LINE)
_RECIPES_BY_ID = TenantKeyRead(
    select(*RECIPE).where(Recipe.deleted_at.is_(None)),
    tenant=Recipe.tenant_id,
    key=Recipe.id,
    record=RecipeRecord,
)
_LINES_BY_RECIPE = TenantKeyRead(
    select(*LINE).order_by(RecipeIngredient.recipe_id, RecipeIngredient.position),
    tenant=RecipeIngredient.tenant_id,
    key=RecipeIngredient.recipe_id,
    record=RecipeLineRecord,
)


async def insert_recipe(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, values: Mapping[str, Any]
) -> RecipeRecord:
    """Insert a recipe; ProductHasRecipe when its product already has a live one."""
    statement = (
        insert(Recipe).values(tenant_id=tenant_id, id=uuid.uuid4(), **values).returning(*RECIPE)
    )
    return recipe_record((await write_unique(connection, statement, indexes=TAKEN)).one())


async def update_recipe(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    recipe_id: uuid.UUID,
    values: Mapping[str, Any],
) -> RecipeRecord | None:
    """Change a live recipe (its row stays locked); None when there is none."""
    statement = (
        update(Recipe)
        .where(Recipe.tenant_id == tenant_id, Recipe.id == recipe_id, Recipe.deleted_at.is_(None))
        .values(updated_at=func.now(), **values)
        .returning(*RECIPE)
    )
    row = (await write_unique(connection, statement, indexes=TAKEN)).first()
    return recipe_record(row) if row is not None else None


async def replace_lines(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    recipe_id: uuid.UUID,
    lines: Sequence[RecipeLine],
) -> list[RecipeLineRecord]:
    """Make `lines` the recipe's lines, in this order: two statements for any number."""
    await connection.execute(
        delete(RecipeIngredient).where(
            RecipeIngredient.tenant_id == tenant_id, RecipeIngredient.recipe_id == recipe_id
        )
    )
    statement = (
        insert(RecipeIngredient)
        .values(
            [
                {
                    "tenant_id": tenant_id,
                    "id": uuid.uuid4(),
                    "recipe_id": recipe_id,
                    "ingredient_id": line.ingredient_id,
                    "quantity": line.quantity,
                    "unit": line.unit,
                    "position": position,
                }
                for position, line in enumerate(lines)
            ]
        )
        .returning(*LINE)
    )
    inserted = [line_record(row) for row in await connection.execute(statement)]
    return sorted(inserted, key=lambda line: line.position)


async def soft_delete_recipe(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    recipe_id: uuid.UUID,
    deleted_by: str,
    reason: str | None,
) -> SoftDeletion:
    """Hide a live recipe (its lines go with it)."""
    return await soft_delete(
        connection,
        RECIPES,
        tenant_id=tenant_id,
        ids=[recipe_id],
        deleted_by=deleted_by,
        reason=reason,
    )


async def product_of_deleted_recipe(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, recipe_id: uuid.UUID
) -> uuid.UUID | None:
    """The product of a deleted recipe; None when no deleted recipe has this id."""
    product_id: uuid.UUID | None = await connection.scalar(
        select(Recipe.product_id).where(
            Recipe.tenant_id == tenant_id, Recipe.id == recipe_id, Recipe.deleted_at.is_not(None)
        )
    )
    return product_id


async def restore_recipe(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, recipe_id: uuid.UUID
) -> bool:
    """Bring a deleted recipe back; False if it was not deleted; ProductHasRecipe on a clash."""
    restored = await restore(connection, RECIPES, tenant_id=tenant_id, ids=[recipe_id])
    return bool(restored.ids)


async def get_recipes(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[RecipeRecord]:
    """Live recipes by (tenant id, id)."""
    return await _RECIPES_BY_ID.fetch(connection, keys)


async def lines_of(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[RecipeLineRecord]:
    """Lines of the recipes by (tenant id, recipe id), each recipe's in position order."""
    return await _LINES_BY_RECIPE.fetch(connection, keys)


def _recipes(given: frozenset[str]) -> AnySelect:
    statement: AnySelect = select(*RECIPE).where(
        Recipe.tenant_id == bindparam("tenant_id"), Recipe.deleted_at.is_(None)
    )
    if "search" in given:
        statement = statement.where(contains(Recipe.name, "search"))
    if "product_id" in given:
        statement = statement.where(Recipe.product_id == bindparam("product_id"))
    return statement


RECIPE_PAGES = PageRead(_recipes, order_by=RECIPE_ORDER, record=RecipeRecord)
"""Live recipes of a tenant by name, optionally by name fragment and product."""


def recipe_filters(
    tenant_id: uuid.UUID, *, search: str | None, product_id: uuid.UUID | None
) -> dict[str, Any]:
    """The values RECIPE_PAGES filters by."""
    return {"tenant_id": tenant_id, "search": escaped(search), "product_id": product_id}
