"""GraphQL types of the recipes domain."""

from __future__ import annotations

import asyncio
from datetime import datetime
from decimal import Decimal

import strawberry

from domains.inventory.loaders import (
    IngredientByIdLoader,
    ProductByIdLoader,
    UnitCostByIngredientLoader,
)
from domains.inventory.types import Ingredient, Product
from domains.inventory.units import Unit
from domains.kernel.context import RequestContext
from domains.kernel.payloads import UserError
from domains.recipes import service
from domains.recipes.loaders import RecipeLinesByRecipeLoader
from domains.recipes.records import RecipeLineRecord, RecipeRecord

Info = strawberry.Info[RequestContext, None]


@strawberry.type(description="One line of a recipe: an ingredient and how much one batch uses.")
class RecipeIngredient:
    id: strawberry.ID = strawberry.field(description="The line's id.")
    quantity: Decimal = strawberry.field(description="How much one batch of the recipe uses.")
    unit: Unit = strawberry.field(description="Unit of `quantity` (converts to the ingredient's).")
    position: int = strawberry.field(description="Place of the line in the recipe, from 0.")
    record: strawberry.Private[RecipeLineRecord]

    @strawberry.field(description="The ingredient (null once deleted).")
    async def ingredient(self, info: Info) -> Ingredient | None:
        found = await info.context.loaders.get(IngredientByIdLoader).load(
            (self.record.tenant_id, self.record.ingredient_id)
        )
        return Ingredient.from_record(found) if found else None

    @classmethod
    def from_record(cls, record: RecipeLineRecord) -> RecipeIngredient:
        """The GraphQL view of a recipe line."""
        return cls(
            id=strawberry.ID(str(record.id)),
            quantity=record.quantity,
            unit=record.unit,
            position=record.position,
            record=record,
        )


async def _lines(info: Info, recipe: RecipeRecord) -> list[RecipeLineRecord]:
    return await info.context.loaders.get(RecipeLinesByRecipeLoader).load(
        (recipe.tenant_id, recipe.id)
    )


@strawberry.type(description="How a product is made: what one batch yields, from what, and how.")
class Recipe:
    id: strawberry.ID = strawberry.field(description="The recipe's id.")
    name: str = strawberry.field(description="The recipe's name.")
    yield_quantity: Decimal = strawberry.field(description="What one batch of the recipe makes.")
    yield_unit: Unit = strawberry.field(
        description="Unit of `yieldQuantity` (converts to the product's)."
    )
    instructions: str = strawberry.field(description="How to make it, as typed.")
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    record: strawberry.Private[RecipeRecord]

    @strawberry.field(description="The product it makes (null once deleted).")
    async def product(self, info: Info) -> Product | None:
        found = await info.context.loaders.get(ProductByIdLoader).load(
            (self.record.tenant_id, self.record.product_id)
        )
        return Product.from_record(found) if found else None

    @strawberry.field(description="Its ingredients, in the recipe's order.")
    async def ingredients(self, info: Info) -> list[RecipeIngredient]:
        return [RecipeIngredient.from_record(line) for line in await _lines(info, self.record)]

    @strawberry.field(
        description=(
            "Cost of one yield unit at the ingredients' current unit costs; null when an "
            "ingredient is deleted or was never received."
        )
    )
    async def cost_per_unit(self, info: Info) -> Decimal | None:
        lines = await _lines(info, self.record)
        keys = [(line.tenant_id, line.ingredient_id) for line in lines]
        ingredients, unit_costs = await asyncio.gather(
            info.context.loaders.get(IngredientByIdLoader).load_many(keys),
            info.context.loaders.get(UnitCostByIngredientLoader).load_many(keys),
        )
        return service.cost_per_unit(self.record, lines, ingredients, unit_costs)

    @classmethod
    def from_record(cls, record: RecipeRecord) -> Recipe:
        """The GraphQL view of a recipe."""
        return cls(
            id=strawberry.ID(str(record.id)),
            name=record.name,
            yield_quantity=record.yield_quantity,
            yield_unit=record.yield_unit,
            instructions=record.instructions,
            created_at=record.created_at,
            updated_at=record.updated_at,
            record=record,
        )


@strawberry.input(description="A line of a recipe.")
class RecipeIngredientInput:
    ingredient_id: strawberry.ID = strawberry.field(
        description="A live ingredient, at most once per recipe."
    )
    quantity: Decimal = strawberry.field(description="How much one batch uses, more than zero.")
    unit: Unit = strawberry.field(description="Unit of `quantity`; converts to the ingredient's.")


@strawberry.input(description="A new recipe.")
class CreateRecipeInput:
    product_id: strawberry.ID = strawberry.field(
        description="The live product it makes; one live recipe per product."
    )
    name: str = strawberry.field(description="1 to 120 characters.")
    yield_quantity: Decimal = strawberry.field(description="What one batch makes, more than zero.")
    yield_unit: Unit = strawberry.field(description="Unit of the yield; converts to the product's.")
    instructions: str = strawberry.field(default="", description="How to make it.")
    ingredients: list[RecipeIngredientInput] = strawberry.field(
        description="1 to 100 lines, each ingredient once."
    )


@strawberry.input(description="Changes to a recipe; what is left out stays.")
class UpdateRecipeInput:
    product_id: strawberry.ID | None = strawberry.field(
        default=None, description="Another live product without a recipe."
    )
    name: str | None = strawberry.field(default=None, description="New name.")
    yield_quantity: Decimal | None = strawberry.field(default=None, description="New yield.")
    yield_unit: Unit | None = strawberry.field(default=None, description="New unit of the yield.")
    instructions: str | None = strawberry.field(default=None, description="New instructions.")
    ingredients: list[RecipeIngredientInput] | None = strawberry.field(
        default=None, description="New lines (1 to 100); they replace all the current ones."
    )


@strawberry.type(description="Result of a mutation on a recipe.")
class RecipePayload:
    recipe: Recipe | None = strawberry.field(default=None, description="The recipe.")
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )
