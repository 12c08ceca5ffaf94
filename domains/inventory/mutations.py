"""Mutations of the inventory domain. ADMIN manages the catalog; MEMBER moves stock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import strawberry

from db.soft_delete import SoftDeletion
from domains.inventory import service, stock
from domains.inventory.records import StockItem
from domains.inventory.types import (
    AdjustStockInput,
    CreateIngredientInput,
    CreateProductInput,
    Ingredient,
    IngredientPayload,
    Product,
    ProductPayload,
    RecordWasteInput,
    StockChangePayload,
    StockMovement,
    UpdateIngredientInput,
    UpdateProductInput,
)
from domains.kernel.context import RequestContext
from domains.kernel.demo_policy import demo_allowed
from domains.kernel.errors import BadUserInput
from domains.kernel.ids import parse_id
from domains.kernel.payloads import DeletionPayload, actor, attempt
from domains.kernel.permissions import requires
from domains.tenants.permissions import TenantRole
from domains.tenants.roles import MemberRole
from domains.trash.policy import TrashPolicy

Info = strawberry.Info[RequestContext, None]
MANAGER = requires(TenantRole(MemberRole.ADMIN))
OPERATOR = requires(TenantRole(MemberRole.MEMBER))


def _item(ingredient_id: strawberry.ID | None, product_id: strawberry.ID | None) -> StockItem:
    if (ingredient_id is None) == (product_id is None):
        raise BadUserInput("Give either `ingredientId` or `productId`.", field="ingredientId")
    if ingredient_id is not None:
        return StockItem.ingredient(parse_id(ingredient_id, argument="ingredientId"))
    return StockItem.product(parse_id(product_id, argument="productId"))


async def _delete(
    info: Info,
    delete: Callable[..., Awaitable[SoftDeletion]],
    tenant_id: strawberry.ID,
    ids: list[strawberry.ID],
    reason: str | None,
) -> DeletionPayload:
    tenant = parse_id(tenant_id, argument="tenantId")
    parsed = [parse_id(value, argument="ids") for value in ids]
    outcome = await attempt(
        info.context.uow,
        lambda connection: delete(
            connection,
            tenant_id=tenant,
            ids=parsed,
            deleted_by=actor(info.context.principal),
            reason=reason,
            reason_required=info.context.dependency(TrashPolicy).require_reason,
        ),
    )
    if isinstance(outcome, list):
        return DeletionPayload(errors=outcome)
    return DeletionPayload.from_deletion(outcome)


@strawberry.type
class InventoryMutation:
    @strawberry.mutation(
        description="Add an ingredient to the catalog. OWNER or ADMIN.", extensions=MANAGER
    )
    async def create_ingredient(
        self, info: Info, tenant_id: strawberry.ID, input: CreateIngredientInput
    ) -> IngredientPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.create_ingredient(
                connection,
                tenant_id=tenant,
                name=input.name,
                category=input.category,
                unit=input.unit,
                reorder_point=input.reorder_point,
            ),
        )
        if isinstance(outcome, list):
            return IngredientPayload(errors=outcome)
        return IngredientPayload(ingredient=Ingredient.from_record(outcome))

    @strawberry.mutation(description="Change an ingredient. OWNER or ADMIN.", extensions=MANAGER)
    async def update_ingredient(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID, input: UpdateIngredientInput
    ) -> IngredientPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        ingredient_id = parse_id(id, argument="id")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.update_ingredient(
                connection,
                tenant_id=tenant,
                ingredient_id=ingredient_id,
                name=input.name,
                category=input.category,
                unit=input.unit,
                reorder_point=input.reorder_point,
            ),
        )
        if isinstance(outcome, list):
            return IngredientPayload(errors=outcome)
        return IngredientPayload(ingredient=Ingredient.from_record(outcome))

    @strawberry.mutation(
        description="Soft-delete an ingredient (restorable). OWNER or ADMIN.", extensions=MANAGER
    )
    async def delete_ingredient(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID, reason: str | None = None
    ) -> DeletionPayload:
        return await _delete(info, service.delete_ingredients, tenant_id, [id], reason)

    @strawberry.mutation(
        description="Soft-delete up to 500 ingredients as one batch. OWNER or ADMIN.",
        extensions=MANAGER,
    )
    async def delete_ingredients(
        self,
        info: Info,
        tenant_id: strawberry.ID,
        ids: list[strawberry.ID],
        reason: str | None = None,
    ) -> DeletionPayload:
        return await _delete(info, service.delete_ingredients, tenant_id, ids, reason)

    @strawberry.mutation(
        description="Bring back a deleted ingredient. OWNER or ADMIN.", extensions=MANAGER
    )
    async def restore_ingredient(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID
    ) -> IngredientPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        ingredient_id = parse_id(id, argument="id")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.restore_ingredient(
                connection, tenant_id=tenant, ingredient_id=ingredient_id
            ),
        )
        if isinstance(outcome, list):
            return IngredientPayload(errors=outcome)
        return IngredientPayload(ingredient=Ingredient.from_record(outcome))

    @strawberry.mutation(
        description="Add a product to the catalog. OWNER or ADMIN.", extensions=MANAGER
    )
    async def create_product(
        self, info: Info, tenant_id: strawberry.ID, input: CreateProductInput
    ) -> ProductPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.create_product(
                connection,
                tenant_id=tenant,
                kind=input.kind,
                name=input.name,
                unit=input.unit,
                sale_price=input.sale_price,
            ),
        )
        if isinstance(outcome, list):
            return ProductPayload(errors=outcome)
        return ProductPayload(product=Product.from_record(outcome))

    @strawberry.mutation(description="Change a product. OWNER or ADMIN.", extensions=MANAGER)
    async def update_product(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID, input: UpdateProductInput
    ) -> ProductPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        product_id = parse_id(id, argument="id")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.update_product(
                connection,
                tenant_id=tenant,
                product_id=product_id,
                kind=input.kind,
                name=input.name,
                sale_price=input.sale_price,
            ),
        )
        if isinstance(outcome, list):
            return ProductPayload(errors=outcome)
        return ProductPayload(product=Product.from_record(outcome))

    @strawberry.mutation(
        description="Soft-delete a product (restorable). OWNER or ADMIN.", extensions=MANAGER
    )
    async def delete_product(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID, reason: str | None = None
    ) -> DeletionPayload:
        return await _delete(info, service.delete_products, tenant_id, [id], reason)

    @strawberry.mutation(
        description="Soft-delete up to 500 products as one batch. OWNER or ADMIN.",
        extensions=MANAGER,
    )
    async def delete_products(
        self,
        info: Info,
        tenant_id: strawberry.ID,
        ids: list[strawberry.ID],
        reason: str | None = None,
    ) -> DeletionPayload:
        return await _delete(info, service.delete_products, tenant_id, ids, reason)

    @strawberry.mutation(
        description="Bring back a deleted product. OWNER or ADMIN.", extensions=MANAGER
    )
    async def restore_product(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID
    ) -> ProductPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        product_id = parse_id(id, argument="id")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.restore_product(
                connection, tenant_id=tenant, product_id=product_id
            ),
        )
        if isinstance(outcome, list):
            return ProductPayload(errors=outcome)
        return ProductPayload(product=Product.from_record(outcome))

    @strawberry.mutation(
        description="Correct the stock of an item up or down. MEMBER or above.",
        extensions=[*OPERATOR, *demo_allowed()],
    )
    async def adjust_stock(
        self, info: Info, tenant_id: strawberry.ID, input: AdjustStockInput
    ) -> StockChangePayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        item = _item(input.ingredient_id, input.product_id)
        outcome = await attempt(
            info.context.uow,
            lambda connection: stock.adjust(
                connection,
                tenant_id=tenant,
                item=item,
                delta=input.quantity,
                reason=input.reason,
                actor=actor(info.context.principal),
                unit_cost=input.unit_cost,
                expires_on=input.expires_on,
                today=datetime.now(UTC).date(),
            ),
        )
        if isinstance(outcome, list):
            return StockChangePayload(errors=outcome)
        return StockChangePayload(
            movements=[StockMovement.from_record(m) for m in outcome.movements]
        )

    @strawberry.mutation(
        description="Take lost or spoiled stock out. MEMBER or above.", extensions=OPERATOR
    )
    async def record_waste(
        self, info: Info, tenant_id: strawberry.ID, input: RecordWasteInput
    ) -> StockChangePayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        item = _item(input.ingredient_id, input.product_id)
        outcome = await attempt(
            info.context.uow,
            lambda connection: stock.record_waste(
                connection,
                tenant_id=tenant,
                item=item,
                quantity=input.quantity,
                reason=input.reason,
                actor=actor(info.context.principal),
            ),
        )
        if isinstance(outcome, list):
            return StockChangePayload(errors=outcome)
        return StockChangePayload(
            movements=[StockMovement.from_record(m) for m in outcome.movements]
        )
