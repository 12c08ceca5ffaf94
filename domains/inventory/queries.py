"""Fields the inventory domain adds to `Tenant`."""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from domains.inventory import service, stock
from domains.inventory.kinds import AlertStatus, MovementKind, ProductKind
from domains.inventory.loaders import IngredientByIdLoader, StockedIngredientByIdLoader
from domains.inventory.records import StockItem
from domains.inventory.repository.catalog import ingredient_record, product_record
from domains.inventory.repository.stock import movement_record
from domains.inventory.types import Ingredient, Product, StockAlert, StockMovement
from domains.kernel.context import RequestContext
from domains.kernel.errors import BadUserInput
from domains.kernel.ids import parse_id
from domains.kernel.loaders import Loaders
from domains.kernel.pagination import Connection, paginate, read_page
from domains.kernel.selection import node_selection, selects
from domains.tenants.types import Tenant

Info = strawberry.Info[RequestContext, None]


async def load_for_alerts(loaders: Loaders, alerts: list[StockAlert], selected: set[str]) -> None:
    """Load the page's ingredients at once, with their stock when it is asked for too: one
    statement for both (docs/decisions.md: long nested lists)."""
    if "ingredient" not in selected or not alerts:
        return
    keys = [(a.record.tenant_id, a.record.ingredient_id) for a in alerts]
    if "ingredient.onHand" in selected:
        await loaders.get(StockedIngredientByIdLoader).load_now(keys)
    else:
        await loaders.get(IngredientByIdLoader).load_now(keys)


@strawberry.type
class InventoryTenantFields:
    @strawberry.field(description="Live ingredients, by name; search matches part of the name.")
    async def ingredients(
        self,
        info: Info,
        root: strawberry.Parent[Tenant],
        first: int | None = None,
        after: str | None = None,
        search: str | None = None,
        category: str | None = None,
    ) -> Connection[Ingredient]:
        return await paginate(
            info.context.uow,
            service.ingredients_query(uuid.UUID(root.id), search=search, category=category),
            order_by=service.INGREDIENT_ORDER,
            first=first,
            after=after,
            node=lambda row: Ingredient.from_record(ingredient_record(row)),
        )

    @strawberry.field(description="Live products, by name; search matches part of the name.")
    async def products(
        self,
        info: Info,
        root: strawberry.Parent[Tenant],
        first: int | None = None,
        after: str | None = None,
        search: str | None = None,
        kind: ProductKind | None = None,
    ) -> Connection[Product]:
        return await paginate(
            info.context.uow,
            service.products_query(uuid.UUID(root.id), search=search, kind=kind),
            order_by=service.PRODUCT_ORDER,
            first=first,
            after=after,
            node=lambda row: Product.from_record(product_record(row)),
        )

    @strawberry.field(description="Stock movements, oldest first; filter by item, kind, time.")
    async def stock_movements(
        self,
        info: Info,
        root: strawberry.Parent[Tenant],
        first: int | None = None,
        after: str | None = None,
        ingredient_id: strawberry.ID | None = None,
        product_id: strawberry.ID | None = None,
        kind: MovementKind | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> Connection[StockMovement]:
        if ingredient_id is not None and product_id is not None:
            raise BadUserInput("Filter by an ingredient or a product, not both.")
        item = None
        if ingredient_id is not None:
            item = StockItem.ingredient(parse_id(ingredient_id, argument="ingredientId"))
        elif product_id is not None:
            item = StockItem.product(parse_id(product_id, argument="productId"))
        return await paginate(
            info.context.uow,
            stock.movements_query(
                uuid.UUID(root.id), item=item, kind=kind, since=since, until=until
            ),
            order_by=stock.MOVEMENT_ORDER,
            first=first,
            after=after,
            node=lambda row: StockMovement.from_record(movement_record(row)),
        )

    @strawberry.field(description="Low-stock alerts, oldest first; filter by status.")
    async def stock_alerts(
        self,
        info: Info,
        root: strawberry.Parent[Tenant],
        first: int | None = None,
        after: str | None = None,
        status: AlertStatus | None = None,
    ) -> Connection[StockAlert]:
        page = await read_page(
            info.context.uow,
            stock.ALERT_PAGES,
            stock.alert_filters(uuid.UUID(root.id), status=status),
            first=first,
            after=after,
            count=selects(info, "totalCount"),
            node=StockAlert.from_record,
        )
        alerts = [edge.node for edge in page.edges]
        await load_for_alerts(info.context.loaders, alerts, node_selection(info))
        return page
