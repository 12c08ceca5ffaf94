"""Mutations of the recipes domain. OWNER and ADMIN manage recipes."""

from __future__ import annotations

import strawberry

from domains.kernel.context import RequestContext
from domains.kernel.ids import parse_id
from domains.kernel.payloads import DeletionPayload, UserError, actor, attempt
from domains.kernel.permissions import requires
from domains.recipes import service
from domains.recipes.records import RecipeLine, RecipeRecord
from domains.recipes.types import (
    CreateRecipeInput,
    Recipe,
    RecipeIngredientInput,
    RecipePayload,
    UpdateRecipeInput,
)
from domains.tenants.permissions import TenantRole
from domains.tenants.roles import MemberRole
from domains.trash.policy import TrashPolicy

Info = strawberry.Info[RequestContext, None]
MANAGER = requires(TenantRole(MemberRole.ADMIN))


def _lines(lines: list[RecipeIngredientInput]) -> list[RecipeLine]:
    return [
        RecipeLine(
            ingredient_id=parse_id(line.ingredient_id, argument="ingredientId"),
            quantity=line.quantity,
            unit=line.unit,
        )
        for line in lines
    ]


def _payload(info: Info, outcome: RecipeRecord | list[UserError]) -> RecipePayload:
    if isinstance(outcome, list):
        return RecipePayload(errors=outcome)
    return RecipePayload(recipe=Recipe.from_record(outcome, info.context.loaders))


@strawberry.type
class RecipesMutation:
    @strawberry.mutation(
        description="Write down how a product is made. OWNER or ADMIN.", extensions=MANAGER
    )
    async def create_recipe(
        self, info: Info, tenant_id: strawberry.ID, input: CreateRecipeInput
    ) -> RecipePayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        product_id = parse_id(input.product_id, argument="productId")
        lines = _lines(input.ingredients)
        return _payload(
            info,
            await attempt(
                info.context.uow,
                lambda connection: service.create_recipe(
                    connection,
                    tenant_id=tenant,
                    product_id=product_id,
                    name=input.name,
                    yield_quantity=input.yield_quantity,
                    yield_unit=input.yield_unit,
                    instructions=input.instructions,
                    lines=lines,
                ),
            ),
        )

    @strawberry.mutation(
        description="Change a recipe; new ingredients replace all its lines. OWNER or ADMIN.",
        extensions=MANAGER,
    )
    async def update_recipe(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID, input: UpdateRecipeInput
    ) -> RecipePayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        recipe_id = parse_id(id, argument="id")
        product_id = (
            parse_id(input.product_id, argument="productId")
            if input.product_id is not None
            else None
        )
        lines = _lines(input.ingredients) if input.ingredients is not None else None
        return _payload(
            info,
            await attempt(
                info.context.uow,
                lambda connection: service.update_recipe(
                    connection,
                    tenant_id=tenant,
                    recipe_id=recipe_id,
                    product_id=product_id,
                    name=input.name,
                    yield_quantity=input.yield_quantity,
                    yield_unit=input.yield_unit,
                    instructions=input.instructions,
                    lines=lines,
                ),
            ),
        )

    @strawberry.mutation(
        description="Soft-delete a recipe (restorable). OWNER or ADMIN.", extensions=MANAGER
    )
    async def delete_recipe(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID, reason: str | None = None
    ) -> DeletionPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        recipe_id = parse_id(id, argument="id")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.delete_recipe(
                connection,
                tenant_id=tenant,
                recipe_id=recipe_id,
                deleted_by=actor(info.context.principal),
                reason=reason,
                reason_required=info.context.dependency(TrashPolicy).require_reason,
            ),
        )
        if isinstance(outcome, list):
            return DeletionPayload(errors=outcome)
        return DeletionPayload.from_deletion(outcome)

    @strawberry.mutation(
        description=(
            "Bring back a deleted recipe, while its product is live and has no other recipe. "
            "OWNER or ADMIN."
        ),
        extensions=MANAGER,
    )
    async def restore_recipe(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID
    ) -> RecipePayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        recipe_id = parse_id(id, argument="id")
        return _payload(
            info,
            await attempt(
                info.context.uow,
                lambda connection: service.restore_recipe(
                    connection, tenant_id=tenant, recipe_id=recipe_id
                ),
            ),
        )
