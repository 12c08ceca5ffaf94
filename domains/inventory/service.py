"""The inventory catalog: ingredients and products. Functions take a connection, never commit."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncConnection

from db.pagination import AnySelect
from db.soft_delete import SoftDeletion
from domains.inventory.kinds import ProductKind
from domains.inventory.records import IngredientRecord, ProductRecord
from domains.inventory.repository import catalog, stock
from domains.inventory.repository.catalog import NameTaken
from domains.inventory.units import Unit
from domains.kernel.errors import OperationRefused, Problem
from domains.kernel.inputs import InputCheck

log = structlog.get_logger()

MAX_BULK = 500
MAX_CATEGORY_LENGTH = 60
TenantKey = tuple[uuid.UUID, uuid.UUID]


def _name_taken(kind: str) -> OperationRefused:
    return OperationRefused.because(
        "NAME_TAKEN", f"Another {kind} of this bakery already has this name.", "name"
    )


def _not_found(kind: str, field: str = "id") -> OperationRefused:
    return OperationRefused.because("NOT_FOUND", f"No such {kind} in this bakery.", field)


async def create_ingredient(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    name: str,
    category: str,
    unit: Unit,
    reorder_point: Decimal,
) -> IngredientRecord:
    """A new ingredient; its name is unique among the tenant's live ingredients."""
    check = InputCheck()
    values = {
        "name": check.text(name, field="name"),
        "category": check.text(category, field="category", max_length=MAX_CATEGORY_LENGTH),
        "unit": unit,
        "reorder_point": check.decimal(reorder_point, field="reorderPoint", not_negative=True),
    }
    check.done()
    try:
        ingredient = await catalog.insert_ingredient(connection, tenant_id=tenant_id, values=values)
    except NameTaken:
        raise _name_taken("ingredient") from None
    log.info("inventory.ingredient.created", tenant_id=str(tenant_id), id=str(ingredient.id))
    return ingredient


async def update_ingredient(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    ingredient_id: uuid.UUID,
    name: str | None = None,
    category: str | None = None,
    unit: Unit | None = None,
    reorder_point: Decimal | None = None,
) -> IngredientRecord:
    """Change what is given; the unit only while no stock was ever recorded in the old one."""
    check = InputCheck()
    values: dict[str, Any] = {}
    if name is not None:
        values["name"] = check.text(name, field="name")
    if category is not None:
        values["category"] = check.text(category, field="category", max_length=MAX_CATEGORY_LENGTH)
    if reorder_point is not None:
        values["reorder_point"] = check.decimal(
            reorder_point, field="reorderPoint", not_negative=True
        )
    check.done()
    if unit is not None:
        found = await catalog.get_ingredients(connection, [(tenant_id, ingredient_id)])
        current = found[0] if found else None
        if current is None:
            raise _not_found("ingredient")
        if unit is not current.unit and await catalog.has_stock_history(
            connection, tenant_id=tenant_id, ingredient_id=ingredient_id
        ):
            raise OperationRefused.because(
                "UNIT_IN_USE", "Stock was recorded in the current unit; it cannot change.", "unit"
            )
        values["unit"] = unit
    if not values:
        raise OperationRefused.because("NOTHING_TO_CHANGE", "Give at least one field to change.")
    try:
        updated = await catalog.update_ingredient(
            connection, tenant_id=tenant_id, ingredient_id=ingredient_id, values=values
        )
    except NameTaken:
        raise _name_taken("ingredient") from None
    if updated is None:
        raise _not_found("ingredient")
    if "reorder_point" in values:
        await stock.refresh_alerts(connection, tenant_id=tenant_id, ingredient_ids=[updated.id])
    return updated


async def create_product(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    kind: ProductKind,
    name: str,
    unit: Unit,
    sale_price: Decimal,
) -> ProductRecord:
    """A new product; its name is unique among the tenant's live products."""
    check = InputCheck()
    values = {
        "kind": kind,
        "name": check.text(name, field="name"),
        "unit": unit,
        "sale_price": check.decimal(sale_price, field="salePrice", not_negative=True),
    }
    check.done()
    try:
        product = await catalog.insert_product(connection, tenant_id=tenant_id, values=values)
    except NameTaken:
        raise _name_taken("product") from None
    log.info("inventory.product.created", tenant_id=str(tenant_id), id=str(product.id))
    return product


async def update_product(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    product_id: uuid.UUID,
    kind: ProductKind | None = None,
    name: str | None = None,
    sale_price: Decimal | None = None,
) -> ProductRecord:
    """Change what is given (the unit of a product is fixed once created)."""
    check = InputCheck()
    values: dict[str, Any] = {}
    if kind is not None:
        values["kind"] = kind
    if name is not None:
        values["name"] = check.text(name, field="name")
    if sale_price is not None:
        values["sale_price"] = check.decimal(sale_price, field="salePrice", not_negative=True)
    check.done()
    if not values:
        raise OperationRefused.because("NOTHING_TO_CHANGE", "Give at least one field to change.")
    try:
        updated = await catalog.update_product(
            connection, tenant_id=tenant_id, product_id=product_id, values=values
        )
    except NameTaken:
        raise _name_taken("product") from None
    if updated is None:
        raise _not_found("product")
    return updated


def _bulk(ids: Sequence[uuid.UUID], reason: str | None, *, reason_required: bool) -> str | None:
    check = InputCheck()
    check.count(ids, field="ids", at_least=1, at_most=MAX_BULK)
    cleaned = check.reason(reason, required=reason_required)
    check.done()
    return cleaned


async def delete_ingredients(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    ids: Sequence[uuid.UUID],
    deleted_by: str,
    reason: str | None,
    reason_required: bool = False,
) -> SoftDeletion:
    """Soft-delete up to 500 ingredients as one batch; NOT_FOUND if none of them is live."""
    cleaned = _bulk(ids, reason, reason_required=reason_required)
    deletion = await catalog.soft_delete_ingredients(
        connection, tenant_id=tenant_id, ids=ids, deleted_by=deleted_by, reason=cleaned
    )
    if not deletion.ids:
        raise _not_found("ingredient", "ids")
    log.info("inventory.ingredients.deleted", tenant_id=str(tenant_id), count=len(deletion.ids))
    return deletion


async def delete_products(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    ids: Sequence[uuid.UUID],
    deleted_by: str,
    reason: str | None,
    reason_required: bool = False,
) -> SoftDeletion:
    """Soft-delete up to 500 products as one batch; NOT_FOUND if none of them is live."""
    cleaned = _bulk(ids, reason, reason_required=reason_required)
    deletion = await catalog.soft_delete_products(
        connection, tenant_id=tenant_id, ids=ids, deleted_by=deleted_by, reason=cleaned
    )
    if not deletion.ids:
        raise _not_found("product", "ids")
    log.info("inventory.products.deleted", tenant_id=str(tenant_id), count=len(deletion.ids))
    return deletion


async def restore_ingredient(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, ingredient_id: uuid.UUID
) -> IngredientRecord:
    """Bring back a deleted ingredient, unless a live one took its name meanwhile."""
    try:
        restored = await catalog.restore_ingredient(
            connection, tenant_id=tenant_id, ingredient_id=ingredient_id
        )
    except NameTaken:
        raise _name_taken("ingredient") from None
    if not restored:
        raise _not_found("deleted ingredient")
    [ingredient] = await catalog.get_ingredients(connection, [(tenant_id, ingredient_id)])
    return ingredient


async def restore_product(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, product_id: uuid.UUID
) -> ProductRecord:
    """Bring back a deleted product, unless a live one took its name meanwhile."""
    try:
        restored = await catalog.restore_product(
            connection, tenant_id=tenant_id, product_id=product_id
        )
    except NameTaken:
        raise _name_taken("product") from None
    if not restored:
        raise _not_found("deleted product")
    [product] = await catalog.get_products(connection, [(tenant_id, product_id)])
    return product


async def get_ingredients(
    connection: AsyncConnection, keys: Sequence[TenantKey]
) -> list[IngredientRecord]:
    """Live ingredients by (tenant id, id)."""
    return await catalog.get_ingredients(connection, keys)


async def get_products(
    connection: AsyncConnection, keys: Sequence[TenantKey]
) -> list[ProductRecord]:
    """Live products by (tenant id, id)."""
    return await catalog.get_products(connection, keys)


async def require_ingredients(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, ids: Sequence[uuid.UUID], field: str
) -> dict[uuid.UUID, IngredientRecord]:
    """The tenant's live ingredients with these ids, or NOT_FOUND naming the field."""
    found = {
        record.id: record
        for record in await catalog.get_ingredients(connection, [(tenant_id, i) for i in ids])
    }
    missing = [str(i) for i in dict.fromkeys(ids) if i not in found]
    if missing:
        raise OperationRefused(
            Problem("NOT_FOUND", f"No such ingredient in this bakery: {', '.join(missing)}.", field)
        )
    return found


async def require_products(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, ids: Sequence[uuid.UUID], field: str
) -> dict[uuid.UUID, ProductRecord]:
    """The tenant's live products with these ids, or NOT_FOUND naming the field."""
    found = {
        record.id: record
        for record in await catalog.get_products(connection, [(tenant_id, i) for i in ids])
    }
    missing = [str(i) for i in dict.fromkeys(ids) if i not in found]
    if missing:
        raise OperationRefused(
            Problem("NOT_FOUND", f"No such product in this bakery: {', '.join(missing)}.", field)
        )
    return found


def ingredients_query(
    tenant_id: uuid.UUID, *, search: str | None = None, category: str | None = None
) -> AnySelect:
    """The statement listing live ingredients (for paging)."""
    return catalog.ingredients_query(tenant_id, search=search, category=category)


def products_query(
    tenant_id: uuid.UUID, *, search: str | None = None, kind: ProductKind | None = None
) -> AnySelect:
    """The statement listing live products (for paging)."""
    return catalog.products_query(tenant_id, search=search, kind=kind)


INGREDIENT_ORDER = catalog.INGREDIENT_ORDER
PRODUCT_ORDER = catalog.PRODUCT_ORDER
