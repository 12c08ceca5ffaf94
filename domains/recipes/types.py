"""GraphQL types of the recipes domain."""

from __future__ import annotations

import asyncio
import uuid
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
from domains.kernel.loaders import Loaders, MaybeAwaitable, each_with, then
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
    # Loaded with the line (Recipe.ingredients), so resolving it is reading an attribute.
    ingredient: Ingredient | None = strawberry.field(
        description="The ingredient (null once deleted)."
    )

    @classmethod
    def from_record(
        cls, record: RecipeLineRecord, ingredient: Ingredient | None
    ) -> RecipeIngredient:
        """The GraphQL view of a recipe line and its (loaded) ingredient."""
        return cls(
            id=strawberry.ID(str(record.id)),
            quantity=record.quantity,
            unit=record.unit,
            position=record.position,
            ingredient=ingredient,
        )


def _lines_with_ingredients(
    lines: list[RecipeLineRecord], loaders: Loaders
) -> MaybeAwaitable[list[RecipeIngredient]]:
    """The lines' views with their ingredients: at once when the page loaded them."""
    return each_with(
        loaders.get(IngredientByIdLoader),
        lines,
        lambda line: (line.tenant_id, line.ingredient_id),
        Ingredient.from_optional,
        RecipeIngredient.from_record,
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
    loaders: strawberry.Private[Loaders]

    @property
    def key(self) -> tuple[uuid.UUID, uuid.UUID]:
        """(tenant id, id): how loaders know this recipe."""
        return (self.record.tenant_id, self.record.id)

    @strawberry.field(
        description="The product it makes (null once deleted).", graphql_type=Product | None
    )
    def product(self) -> MaybeAwaitable[Product | None]:
        key = (self.record.tenant_id, self.record.product_id)
        return then(self.loaders.get(ProductByIdLoader).now_or_later(key), Product.from_optional)

    @strawberry.field(
        description="Its ingredients, in the recipe's order.", graphql_type=list[RecipeIngredient]
    )
    def ingredients(self) -> MaybeAwaitable[list[RecipeIngredient]]:
        lines = self.loaders.get(RecipeLinesByRecipeLoader).now_or_later(self.key)
        return then(lines, lambda found: _lines_with_ingredients(found, self.loaders))

    @strawberry.field(
        description=(
            "Cost of one yield unit at the ingredients' current unit costs; null when an "
            "ingredient is deleted or was never received."
        )
    )
    async def cost_per_unit(self) -> Decimal | None:
        lines = await self.loaders.get(RecipeLinesByRecipeLoader).load(self.key)
        keys = [(line.tenant_id, line.ingredient_id) for line in lines]
        ingredients, unit_costs = await asyncio.gather(
            self.loaders.get(IngredientByIdLoader).load_many(keys),
            self.loaders.get(UnitCostByIngredientLoader).load_many(keys),
        )
        return service.cost_per_unit(self.record, lines, ingredients, unit_costs)

    @classmethod
    def from_record(cls, record: RecipeRecord, loaders: Loaders) -> Recipe:
        """The GraphQL view of a recipe; `loaders` are the request's."""
        return cls(
            id=strawberry.ID(str(record.id)),
            name=record.name,
            yield_quantity=record.yield_quantity,
            yield_unit=record.yield_unit,
            instructions=record.instructions,
            created_at=record.created_at,
            updated_at=record.updated_at,
            record=record,
            loaders=loaders,
        )

    @classmethod
    def from_optional(cls, record: RecipeRecord | None, loaders: Loaders) -> Recipe | None:
        """The GraphQL view of a recipe that may be gone."""
        return cls.from_record(record, loaders) if record is not None else None


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
