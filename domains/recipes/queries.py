"""Fields the recipes domain adds to `Tenant`."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable

import strawberry

from domains.inventory.loaders import IngredientByIdLoader, ProductByIdLoader
from domains.kernel.context import RequestContext
from domains.kernel.ids import parse_id
from domains.kernel.loaders import Loaders
from domains.kernel.pagination import Connection, read_page
from domains.kernel.selection import node_selection, selects
from domains.recipes import service
from domains.recipes.loaders import RecipeLinesByRecipeLoader
from domains.recipes.types import Recipe
from domains.tenants.types import Tenant

Info = strawberry.Info[RequestContext, None]


async def load_for_page(loaders: Loaders, recipes: list[Recipe], selected: set[str]) -> None:
    """Load, for the whole page at once, what the selected fields of its recipes need.

    Their resolvers then find it loaded and answer without an await per recipe or per line
    (docs/decisions.md: long nested lists).
    """
    loads: list[Awaitable[object]] = []
    if "product" in selected:
        products = [(r.record.tenant_id, r.record.product_id) for r in recipes]
        loads.append(loaders.get(ProductByIdLoader).load_now(products))
    if "ingredients" in selected:
        loads.append(
            _load_lines(loaders, recipes, with_ingredients="ingredients.ingredient" in selected)
        )
    await asyncio.gather(*loads)


async def _load_lines(loaders: Loaders, recipes: list[Recipe], *, with_ingredients: bool) -> None:
    lines = await loaders.get(RecipeLinesByRecipeLoader).load_now([r.key for r in recipes])
    if with_ingredients:
        keys = [(line.tenant_id, line.ingredient_id) for found in lines for line in found]
        await loaders.get(IngredientByIdLoader).load_now(keys)


@strawberry.type
class RecipesTenantFields:
    @strawberry.field(
        description="Live recipes, by name; search matches part of the name; filter by product."
    )
    async def recipes(
        self,
        info: Info,
        root: strawberry.Parent[Tenant],
        first: int | None = None,
        after: str | None = None,
        search: str | None = None,
        product_id: strawberry.ID | None = None,
    ) -> Connection[Recipe]:
        product = parse_id(product_id, argument="productId") if product_id is not None else None
        loaders = info.context.loaders
        page = await read_page(
            info.context.uow,
            service.RECIPE_PAGES,
            service.recipe_filters(uuid.UUID(root.id), search=search, product_id=product),
            first=first,
            after=after,
            count=selects(info, "totalCount"),
            node=lambda record: Recipe.from_record(record, loaders),
        )
        await load_for_page(loaders, [edge.node for edge in page.edges], node_selection(info))
        return page
