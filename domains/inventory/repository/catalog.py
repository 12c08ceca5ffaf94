"""SQL of ingredients and products. Reads see live rows only."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from db.errors import UniqueTaken, write_unique
from db.pagination import AnySelect
from db.prepared import TenantKeyRead
from db.records import record_reader
from db.soft_delete import SoftDeletion, Trashable, restore, soft_delete
from domains.inventory.kinds import ProductKind
from domains.inventory.models import Ingredient, Product, StockLot
from domains.inventory.records import IngredientRecord, ProductRecord

INGREDIENT = (
    Ingredient.id,
    Ingredient.tenant_id,
    Ingredient.name,
    Ingredient.category,
    Ingredient.unit,
    Ingredient.reorder_point,
    Ingredient.created_at,
    Ingredient.updated_at,
)
PRODUCT = (
    Product.id,
    Product.tenant_id,
    Product.kind,
    Product.name,
    Product.unit,
    Product.sale_price,
    Product.created_at,
    Product.updated_at,
)
NameTaken = UniqueTaken  # a live ingredient or product already has the name
LIVE_NAMES = {"uq_ingredients_live_name", "uq_products_live_name"}
INGREDIENTS = Trashable(
    "ingredient", Ingredient, unique_indexes=frozenset({"uq_ingredients_live_name"})
)
PRODUCTS = Trashable("product", Product, unique_indexes=frozenset({"uq_products_live_name"}))

INGREDIENT_ORDER: tuple[Any, ...] = (func.lower(Ingredient.name), Ingredient.id)
PRODUCT_ORDER: tuple[Any, ...] = (func.lower(Product.name), Product.id)


ingredient_record = record_reader(IngredientRecord, INGREDIENT)


product_record = record_reader(ProductRecord, PRODUCT)
_INGREDIENTS_BY_ID = TenantKeyRead(
    select(*INGREDIENT).where(Ingredient.deleted_at.is_(None)),
    tenant=Ingredient.tenant_id,
    key=Ingredient.id,
    record=IngredientRecord,
)
_PRODUCTS_BY_ID = TenantKeyRead(
    select(*PRODUCT).where(Product.deleted_at.is_(None)),
    tenant=Product.tenant_id,
    key=Product.id,
    record=ProductRecord,
)


async def insert_ingredient(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, values: Mapping[str, Any]
) -> IngredientRecord:
    """Insert an ingredient; NameTaken when a live one has its name."""
    statement = (
        insert(Ingredient)
        .values(tenant_id=tenant_id, id=uuid.uuid4(), **values)
        .returning(*INGREDIENT)
    )
    return ingredient_record(
        (await write_unique(connection, statement, indexes=LIVE_NAMES)).first()
    )


async def update_ingredient(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    ingredient_id: uuid.UUID,
    values: Mapping[str, Any],
) -> IngredientRecord | None:
    """Change a live ingredient; None when there is none; NameTaken on a taken name."""
    statement = (
        update(Ingredient)
        .where(
            Ingredient.tenant_id == tenant_id,
            Ingredient.id == ingredient_id,
            Ingredient.deleted_at.is_(None),
        )
        .values(**values)
        .returning(*INGREDIENT)
    )
    row = (await write_unique(connection, statement, indexes=LIVE_NAMES)).first()
    return ingredient_record(row) if row is not None else None


async def insert_product(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, values: Mapping[str, Any]
) -> ProductRecord:
    """Insert a product; NameTaken when a live one has its name."""
    statement = (
        insert(Product).values(tenant_id=tenant_id, id=uuid.uuid4(), **values).returning(*PRODUCT)
    )
    return product_record((await write_unique(connection, statement, indexes=LIVE_NAMES)).first())


async def update_product(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    product_id: uuid.UUID,
    values: Mapping[str, Any],
) -> ProductRecord | None:
    """Change a live product; None when there is none; NameTaken on a taken name."""
    statement = (
        update(Product)
        .where(
            Product.tenant_id == tenant_id, Product.id == product_id, Product.deleted_at.is_(None)
        )
        .values(**values)
        .returning(*PRODUCT)
    )
    row = (await write_unique(connection, statement, indexes=LIVE_NAMES)).first()
    return product_record(row) if row is not None else None


async def soft_delete_ingredients(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    ids: Sequence[uuid.UUID],
    deleted_by: str,
    reason: str | None,
) -> SoftDeletion:
    """Hide live ingredients as one batch."""
    return await soft_delete(
        connection, INGREDIENTS, tenant_id=tenant_id, ids=ids, deleted_by=deleted_by, reason=reason
    )


async def soft_delete_products(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    ids: Sequence[uuid.UUID],
    deleted_by: str,
    reason: str | None,
) -> SoftDeletion:
    """Hide live products as one batch."""
    return await soft_delete(
        connection, PRODUCTS, tenant_id=tenant_id, ids=ids, deleted_by=deleted_by, reason=reason
    )


async def restore_ingredient(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, ingredient_id: uuid.UUID
) -> bool:
    """Bring a deleted ingredient back; False if it was not deleted; NameTaken on a clash."""
    restored = await restore(connection, INGREDIENTS, tenant_id=tenant_id, ids=[ingredient_id])
    return bool(restored.ids)


async def restore_product(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, product_id: uuid.UUID
) -> bool:
    """Bring a deleted product back; False if it was not deleted; NameTaken on a clash."""
    restored = await restore(connection, PRODUCTS, tenant_id=tenant_id, ids=[product_id])
    return bool(restored.ids)


async def get_ingredients(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[IngredientRecord]:
    """Live ingredients by (tenant id, id)."""
    return await _INGREDIENTS_BY_ID.fetch(connection, keys)


async def get_products(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[ProductRecord]:
    """Live products by (tenant id, id)."""
    return await _PRODUCTS_BY_ID.fetch(connection, keys)


def ingredients_query(
    tenant_id: uuid.UUID, *, search: str | None, category: str | None
) -> AnySelect:
    """Live ingredients of a tenant, optionally by name fragment and category."""
    statement: AnySelect = select(*INGREDIENT).where(
        Ingredient.tenant_id == tenant_id, Ingredient.deleted_at.is_(None)
    )
    if search:
        statement = statement.where(Ingredient.name.icontains(search, autoescape=True))
    if category:
        statement = statement.where(func.lower(Ingredient.category) == category.lower())
    return statement


def products_query(
    tenant_id: uuid.UUID, *, search: str | None, kind: ProductKind | None
) -> AnySelect:
    """Live products of a tenant, optionally by name fragment and kind."""
    statement: AnySelect = select(*PRODUCT).where(
        Product.tenant_id == tenant_id, Product.deleted_at.is_(None)
    )
    if search:
        statement = statement.where(Product.name.icontains(search, autoescape=True))
    if kind is not None:
        statement = statement.where(Product.kind == kind)
    return statement


async def has_stock_history(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, ingredient_id: uuid.UUID
) -> bool:
    """Whether any stock lot of the ingredient exists (its quantities are in its unit)."""
    found = await connection.scalar(
        select(StockLot.id)
        .where(StockLot.tenant_id == tenant_id, StockLot.ingredient_id == ingredient_id)
        .limit(1)
    )
    return found is not None
