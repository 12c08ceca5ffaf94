"""Recipes: what each product is made of. Functions take a connection, never commit."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncConnection

from db.soft_delete import SoftDeletion
from domains.inventory import service as inventory
from domains.inventory.records import IngredientRecord
from domains.inventory.units import Unit
from domains.kernel.errors import OperationRefused
from domains.kernel.inputs import MAX_DECIMAL, InputCheck
from domains.recipes import repository
from domains.recipes.records import ProductionRecipe, RecipeLine, RecipeLineRecord, RecipeRecord
from domains.recipes.repository import ProductHasRecipe

log = structlog.get_logger()

MAX_LINES = 100
QUANTITY_STEP = Decimal("0.001")  # what QUANTITY (NUMERIC(14, 3)) keeps
COST_STEP = Decimal("0.0001")  # what UNIT_COST (NUMERIC(14, 4)) keeps
TenantKey = tuple[uuid.UUID, uuid.UUID]


def _not_found(field: str | None = "id", kind: str = "recipe") -> OperationRefused:
    return OperationRefused.because("NOT_FOUND", f"No such {kind} in this bakery.", field)


def _recipe_exists(field: str) -> OperationRefused:
    return OperationRefused.because(
        "RECIPE_EXISTS", "This product already has a recipe; change that one instead.", field
    )


def _quantity(check: InputCheck, value: Decimal, *, field: str) -> Decimal:
    """A positive quantity rounded to what the database keeps (0.001), refused if that is 0."""
    before = len(check.problems)
    check.decimal(value, field=field, positive=True)
    if len(check.problems) > before:
        return value
    rounded = value.quantize(QUANTITY_STEP, rounding=ROUND_HALF_UP)
    if rounded <= 0:
        check.refuse(field, f"Give at least {QUANTITY_STEP}.")
    return rounded


def _checked_lines(check: InputCheck, lines: Sequence[RecipeLine]) -> list[RecipeLine]:
    """1 to 100 lines, each ingredient once, each quantity positive."""
    before = len(check.problems)
    check.count(lines, field="ingredients", at_least=1, at_most=MAX_LINES)
    if len(check.problems) > before:
        return []
    ids = [line.ingredient_id for line in lines]
    if len(set(ids)) != len(ids):
        check.refuse(
            "ingredients", "Each ingredient appears once in a recipe.", code="DUPLICATE_INGREDIENT"
        )
    return [
        RecipeLine(
            line.ingredient_id, _quantity(check, line.quantity, field="ingredients"), line.unit
        )
        for line in lines
    ]


async def _check_ingredients(
    connection: AsyncConnection, tenant_id: uuid.UUID, lines: Sequence[RecipeLine]
) -> None:
    """Every line's ingredient is live in this tenant and its unit converts to the line's."""
    found = await inventory.require_ingredients(
        connection,
        tenant_id=tenant_id,
        ids=[line.ingredient_id for line in lines],
        field="ingredients",
    )
    check = InputCheck()
    for line in lines:
        ingredient = found[line.ingredient_id]
        if not line.unit.converts_to(ingredient.unit):
            check.refuse(
                "ingredients",
                f"{ingredient.name} is counted in {ingredient.unit.value}; "
                f"{line.unit.value} does not convert to it.",
                code="UNIT_MISMATCH",
            )
    check.done()


async def _check_product(
    connection: AsyncConnection, tenant_id: uuid.UUID, product_id: uuid.UUID, yield_unit: Unit
) -> None:
    """The product is live in this tenant and the yield converts to the unit it is stocked in."""
    found = await inventory.require_products(
        connection, tenant_id=tenant_id, ids=[product_id], field="productId"
    )
    product = found[product_id]
    if not yield_unit.converts_to(product.unit):
        raise OperationRefused.because(
            "UNIT_MISMATCH",
            f"{product.name} is stocked in {product.unit.value}; "
            f"a yield in {yield_unit.value} does not convert to it.",
            "yieldUnit",
        )


async def _live(
    connection: AsyncConnection, tenant_id: uuid.UUID, recipe_id: uuid.UUID, field: str | None
) -> RecipeRecord:
    found = await repository.get_recipes(connection, [(tenant_id, recipe_id)])
    if not found:
        raise _not_found(field)
    return found[0]


async def create_recipe(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    product_id: uuid.UUID,
    name: str,
    yield_quantity: Decimal,
    yield_unit: Unit,
    instructions: str,
    lines: Sequence[RecipeLine],
) -> RecipeRecord:
    """A new recipe of a live product (one live recipe per product), with 1 to 100 lines."""
    check = InputCheck()
    values = {
        "product_id": product_id,
        "name": check.text(name, field="name"),
        "yield_quantity": _quantity(check, yield_quantity, field="yieldQuantity"),
        "yield_unit": yield_unit,
        "instructions": check.long_text(instructions, field="instructions"),
    }
    cleaned = _checked_lines(check, lines)
    check.done()
    await _check_product(connection, tenant_id, product_id, yield_unit)
    await _check_ingredients(connection, tenant_id, cleaned)
    try:
        recipe = await repository.insert_recipe(connection, tenant_id=tenant_id, values=values)
    except ProductHasRecipe:
        raise _recipe_exists("productId") from None
    await repository.replace_lines(
        connection, tenant_id=tenant_id, recipe_id=recipe.id, lines=cleaned
    )
    log.info("recipes.recipe.created", tenant_id=str(tenant_id), id=str(recipe.id))
    return recipe


async def update_recipe(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    recipe_id: uuid.UUID,
    product_id: uuid.UUID | None = None,
    name: str | None = None,
    yield_quantity: Decimal | None = None,
    yield_unit: Unit | None = None,
    instructions: str | None = None,
    lines: Sequence[RecipeLine] | None = None,
) -> RecipeRecord:
    """Change what is given; `lines` given replace all the recipe's lines."""
    check = InputCheck()
    values: dict[str, Any] = {}
    if product_id is not None:
        values["product_id"] = product_id
    if name is not None:
        values["name"] = check.text(name, field="name")
    if yield_quantity is not None:
        values["yield_quantity"] = _quantity(check, yield_quantity, field="yieldQuantity")
    if yield_unit is not None:
        values["yield_unit"] = yield_unit
    if instructions is not None:
        values["instructions"] = check.long_text(instructions, field="instructions")
    cleaned = _checked_lines(check, lines) if lines is not None else None
    check.done()
    if not values and cleaned is None:
        raise OperationRefused.because("NOTHING_TO_CHANGE", "Give at least one field to change.")
    current = await _live(connection, tenant_id, recipe_id, "id")
    if product_id is not None or yield_unit is not None:
        await _check_product(
            connection,
            tenant_id,
            product_id or current.product_id,
            yield_unit or current.yield_unit,
        )
    if cleaned is not None:
        await _check_ingredients(connection, tenant_id, cleaned)
    try:
        updated = await repository.update_recipe(
            connection, tenant_id=tenant_id, recipe_id=recipe_id, values=values
        )
    except ProductHasRecipe:
        raise _recipe_exists("productId") from None
    if updated is None:
        raise _not_found()
    if cleaned is not None:
        await repository.replace_lines(
            connection, tenant_id=tenant_id, recipe_id=recipe_id, lines=cleaned
        )
    return updated


async def delete_recipe(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    recipe_id: uuid.UUID,
    deleted_by: str,
    reason: str | None,
    reason_required: bool = False,
) -> SoftDeletion:
    """Soft-delete a live recipe (restorable); NOT_FOUND if there is none."""
    check = InputCheck()
    cleaned = check.reason(reason, required=reason_required)
    check.done()
    deletion = await repository.soft_delete_recipe(
        connection, tenant_id=tenant_id, recipe_id=recipe_id, deleted_by=deleted_by, reason=cleaned
    )
    if not deletion.ids:
        raise _not_found()
    log.info("recipes.recipe.deleted", tenant_id=str(tenant_id), id=str(recipe_id))
    return deletion


async def restore_recipe(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, recipe_id: uuid.UUID
) -> RecipeRecord:
    """Bring back a deleted recipe, while its product is live and has no other live recipe."""
    product_id = await repository.product_of_deleted_recipe(
        connection, tenant_id=tenant_id, recipe_id=recipe_id
    )
    if product_id is None:
        raise _not_found(kind="deleted recipe")
    if not await inventory.get_products(connection, [(tenant_id, product_id)]):
        raise OperationRefused.because(
            "PRODUCT_DELETED", "The recipe's product is deleted; restore the product first.", "id"
        )
    try:
        restored = await repository.restore_recipe(
            connection, tenant_id=tenant_id, recipe_id=recipe_id
        )
    except ProductHasRecipe:
        raise OperationRefused.because(
            "RECIPE_EXISTS",
            "The recipe's product has another live recipe; delete that one first.",
            "id",
        ) from None
    if not restored:
        raise _not_found(kind="deleted recipe")
    log.info("recipes.recipe.restored", tenant_id=str(tenant_id), id=str(recipe_id))
    return await _live(connection, tenant_id, recipe_id, "id")


async def get_recipes(connection: AsyncConnection, keys: Sequence[TenantKey]) -> list[RecipeRecord]:
    """Live recipes by (tenant id, id)."""
    return await repository.get_recipes(connection, keys)


async def lines_of(
    connection: AsyncConnection, keys: Sequence[TenantKey]
) -> list[RecipeLineRecord]:
    """Lines of recipes by (tenant id, recipe id), each recipe's in position order."""
    return await repository.lines_of(connection, keys)


async def recipe_for_production(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    recipe_id: uuid.UUID,
    field: str | None = "recipeId",
) -> ProductionRecipe:
    """The live recipe with its lines in order, or NOT_FOUND naming `field`."""
    recipe = await _live(connection, tenant_id, recipe_id, field)
    lines = await repository.lines_of(connection, [(tenant_id, recipe_id)])
    return ProductionRecipe(recipe=recipe, lines=lines)


def cost_per_unit(
    recipe: RecipeRecord,
    lines: Sequence[RecipeLineRecord],
    ingredients: Sequence[IngredientRecord | None],
    unit_costs: Sequence[Decimal | None],
) -> Decimal | None:
    """Cost of one yield unit at the ingredients' current costs (`ingredients` and `unit_costs`
    follow `lines`); None when an ingredient is deleted or was never received."""
    total = Decimal(0)
    for line, ingredient, unit_cost in zip(lines, ingredients, unit_costs, strict=True):
        if ingredient is None or unit_cost is None:
            return None
        total += line.unit.convert(line.quantity, ingredient.unit) * unit_cost
    cost = total / recipe.yield_quantity
    if cost > MAX_DECIMAL:  # beyond any real cost; quantizing it would overflow
        return None
    return cost.quantize(COST_STEP, rounding=ROUND_HALF_UP)


def recipe_filters(
    tenant_id: uuid.UUID, *, search: str | None = None, product_id: uuid.UUID | None = None
) -> dict[str, Any]:
    """The values `RECIPE_PAGES` filters by: a tenant's live recipes, optionally by name
    fragment and product."""
    return repository.recipe_filters(tenant_id, search=search, product_id=product_id)


RECIPE_PAGES = repository.RECIPE_PAGES
