"""Fields the recipes domain adds to `Tenant`."""

from __future__ import annotations

import uuid

import strawberry

from domains.kernel.context import RequestContext
from domains.kernel.ids import parse_id
from domains.kernel.pagination import Connection, paginate
from domains.recipes import service
from domains.recipes.repository import recipe_record
from domains.recipes.types import Recipe
from domains.tenants.types import Tenant

Info = strawberry.Info[RequestContext, None]


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
        return await paginate(
            info.context.uow,
            service.recipes_query(uuid.UUID(root.id), search=search, product_id=product),
            order_by=service.RECIPE_ORDER,
            first=first,
            after=after,
            node=lambda row: Recipe.from_record(recipe_record(row)),
        )
