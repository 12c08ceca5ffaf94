"""GraphQL types of the inventory domain."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

import strawberry

from domains.inventory.kinds import AlertStatus, MovementKind, ProductKind
from domains.inventory.loaders import (
    IngredientByIdLoader,
    LotsInStockByItemLoader,
    OnHandByItemLoader,
    ProductByIdLoader,
    RecentMovementsByItemLoader,
)
from domains.inventory.records import (
    AlertRecord,
    IngredientRecord,
    LotRecord,
    MovementRecord,
    ProductRecord,
    StockItem,
)
from domains.inventory.units import Unit
from domains.kernel.context import RequestContext
from domains.kernel.errors import BadUserInput
from domains.kernel.payloads import UserError

Info = strawberry.Info[RequestContext, None]
MAX_MOVEMENTS = 100

strawberry.enum(Unit, description="Unit of measure: KG, G (mass), L, ML (volume), UNIT (count).")
strawberry.enum(ProductKind, description="FINISHED, or PAR_BAKED (finished in the shop).")
strawberry.enum(MovementKind, description="Why stock changed.")
strawberry.enum(AlertStatus, description="Whether a stock alert still needs attention.")


def _id(value: uuid.UUID | None) -> strawberry.ID | None:
    return strawberry.ID(str(value)) if value is not None else None


def _movements_limit(last: int) -> int:
    if not 1 <= last <= MAX_MOVEMENTS:
        raise BadUserInput(f"`last` must be between 1 and {MAX_MOVEMENTS}.", field="last")
    return last


@strawberry.type(description="A lot of stock: received together, one cost, one expiry date.")
class StockLot:
    id: strawberry.ID = strawberry.field(description="The lot's id.")
    quantity: Decimal = strawberry.field(description="What remains, in the item's unit.")
    initial_quantity: Decimal = strawberry.field(description="What was received.")
    unit_cost: Decimal = strawberry.field(description="Cost of one unit of this lot.")
    received_on: date = strawberry.field(description="Day of receipt.")
    expires_on: date | None = strawberry.field(description="Expiry date, if it has one.")
    supplier_id: strawberry.ID | None = strawberry.field(description="Who supplied it.")
    purchase_order_id: strawberry.ID | None = strawberry.field(
        description="The purchase order it came with."
    )
    production_batch_id: strawberry.ID | None = strawberry.field(
        description="The production batch that made it."
    )

    @classmethod
    def from_record(cls, record: LotRecord) -> StockLot:
        """The GraphQL view of a lot."""
        return cls(
            id=strawberry.ID(str(record.id)),
            quantity=record.quantity,
            initial_quantity=record.initial_quantity,
            unit_cost=record.unit_cost,
            received_on=record.received_on,
            expires_on=record.expires_on,
            supplier_id=_id(record.supplier_id),
            purchase_order_id=_id(record.purchase_order_id),
            production_batch_id=_id(record.production_batch_id),
        )


@strawberry.type(description="One change of stock: positive adds, negative removes.")
class StockMovement:
    id: strawberry.ID = strawberry.field(description="The movement's id.")
    kind: MovementKind = strawberry.field(description="Why stock changed.")
    quantity: Decimal = strawberry.field(description="Signed change, in the item's unit.")
    reason: str | None = strawberry.field(description="Why, in words.")
    lot_id: strawberry.ID | None = strawberry.field(description="The lot it changed.")
    production_batch_id: strawberry.ID | None = strawberry.field(
        description="The production batch that caused it."
    )
    purchase_order_id: strawberry.ID | None = strawberry.field(
        description="The purchase order that caused it."
    )
    created_by: str | None = strawberry.field(description="Who recorded it.")
    created_at: datetime = strawberry.field(description="When.")
    record: strawberry.Private[MovementRecord]

    @strawberry.field(description="The ingredient moved, if it is one (and still live).")
    async def ingredient(self, info: Info) -> Ingredient | None:
        return await load_ingredient(info, self.record.tenant_id, self.record.ingredient_id)

    @strawberry.field(description="The product moved, if it is one (and still live).")
    async def product(self, info: Info) -> Product | None:
        return await load_product(info, self.record.tenant_id, self.record.product_id)

    @classmethod
    def from_record(cls, record: MovementRecord) -> StockMovement:
        """The GraphQL view of a movement."""
        return cls(
            id=strawberry.ID(str(record.id)),
            kind=record.kind,
            quantity=record.quantity,
            reason=record.reason,
            lot_id=_id(record.lot_id),
            production_batch_id=_id(record.production_batch_id),
            purchase_order_id=_id(record.purchase_order_id),
            created_by=record.created_by,
            created_at=record.created_at,
            record=record,
        )


async def load_ingredient(
    info: Info, tenant_id: uuid.UUID, ingredient_id: uuid.UUID | None
) -> Ingredient | None:
    """The live ingredient with this id, through the request's loader; None if none or gone."""
    if ingredient_id is None:
        return None
    found = await info.context.loaders.get(IngredientByIdLoader).load((tenant_id, ingredient_id))
    return Ingredient.from_optional(found)


async def load_product(
    info: Info, tenant_id: uuid.UUID, product_id: uuid.UUID | None
) -> Product | None:
    """The live product with this id, through the request's loader; None if none or gone."""
    if product_id is None:
        return None
    found = await info.context.loaders.get(ProductByIdLoader).load((tenant_id, product_id))
    return Product.from_optional(found)


async def _on_hand(info: Info, tenant_id: uuid.UUID, item: StockItem) -> Decimal:
    return await info.context.loaders.get(OnHandByItemLoader).load((tenant_id, item))


async def _lots(info: Info, tenant_id: uuid.UUID, item: StockItem) -> list[StockLot]:
    lots = await info.context.loaders.get(LotsInStockByItemLoader).load((tenant_id, item))
    return [StockLot.from_record(lot) for lot in lots]


async def _movements(
    info: Info, tenant_id: uuid.UUID, item: StockItem, last: int
) -> list[StockMovement]:
    key = (tenant_id, item, _movements_limit(last))
    movements = await info.context.loaders.get(RecentMovementsByItemLoader).load(key)
    return [StockMovement.from_record(movement) for movement in movements]


@strawberry.type(description="A raw material: flour, butter, yeast, ...")
class Ingredient:
    id: strawberry.ID = strawberry.field(description="The ingredient's id.")
    name: str = strawberry.field(description="Unique among the bakery's live ingredients.")
    category: str = strawberry.field(description="Free grouping: flour, dairy, ...")
    unit: Unit = strawberry.field(description="Unit its stock is counted in.")
    reorder_point: Decimal = strawberry.field(
        description="Below this much stock, a low-stock alert opens."
    )
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    record: strawberry.Private[IngredientRecord]

    @strawberry.field(description="Stock left, in `unit`.")
    async def on_hand(self, info: Info) -> Decimal:
        return await _on_hand(info, self.record.tenant_id, StockItem.ingredient(self.record.id))

    @strawberry.field(description="Lots with stock left, in the order they will be used.")
    async def stock_lots(self, info: Info) -> list[StockLot]:
        return await _lots(info, self.record.tenant_id, StockItem.ingredient(self.record.id))

    @strawberry.field(description="The latest movements, newest first (at most 100).")
    async def movements(self, info: Info, last: int = 20) -> list[StockMovement]:
        item = StockItem.ingredient(self.record.id)
        return await _movements(info, self.record.tenant_id, item, last)

    @classmethod
    def from_optional(cls, record: IngredientRecord | None) -> Ingredient | None:
        """The GraphQL view of a ingredient that may be gone (deleted or foreign)."""
        return cls.from_record(record) if record is not None else None

    @classmethod
    def from_record(cls, record: IngredientRecord) -> Ingredient:
        """The GraphQL view of an ingredient."""
        return cls(
            id=strawberry.ID(str(record.id)),
            name=record.name,
            category=record.category,
            unit=record.unit,
            reorder_point=record.reorder_point,
            created_at=record.created_at,
            updated_at=record.updated_at,
            record=record,
        )


@strawberry.type(description="Something the bakery sells.")
class Product:
    id: strawberry.ID = strawberry.field(description="The product's id.")
    kind: ProductKind = strawberry.field(description="FINISHED or PAR_BAKED.")
    name: str = strawberry.field(description="Unique among the bakery's live products.")
    unit: Unit = strawberry.field(description="Unit it is sold and stocked in.")
    sale_price: Decimal = strawberry.field(description="Price of one unit.")
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    record: strawberry.Private[ProductRecord]

    @strawberry.field(description="Stock left, in `unit`.")
    async def on_hand(self, info: Info) -> Decimal:
        return await _on_hand(info, self.record.tenant_id, StockItem.product(self.record.id))

    @strawberry.field(description="Lots with stock left, in the order they will be used.")
    async def stock_lots(self, info: Info) -> list[StockLot]:
        return await _lots(info, self.record.tenant_id, StockItem.product(self.record.id))

    @strawberry.field(description="The latest movements, newest first (at most 100).")
    async def movements(self, info: Info, last: int = 20) -> list[StockMovement]:
        item = StockItem.product(self.record.id)
        return await _movements(info, self.record.tenant_id, item, last)

    @classmethod
    def from_optional(cls, record: ProductRecord | None) -> Product | None:
        """The GraphQL view of a product that may be gone (deleted or foreign)."""
        return cls.from_record(record) if record is not None else None

    @classmethod
    def from_record(cls, record: ProductRecord) -> Product:
        """The GraphQL view of a product."""
        return cls(
            id=strawberry.ID(str(record.id)),
            kind=record.kind,
            name=record.name,
            unit=record.unit,
            sale_price=record.sale_price,
            created_at=record.created_at,
            updated_at=record.updated_at,
            record=record,
        )


@strawberry.type(description="An ingredient whose stock fell below its reorder point.")
class StockAlert:
    id: strawberry.ID = strawberry.field(description="The alert's id.")
    status: AlertStatus = strawberry.field(description="OPEN until stock is back up.")
    on_hand: Decimal = strawberry.field(description="Stock when the alert opened.")
    reorder_point: Decimal = strawberry.field(description="The reorder point then.")
    created_at: datetime = strawberry.field(description="When it opened.")
    resolved_at: datetime | None = strawberry.field(description="When stock was back up.")
    record: strawberry.Private[AlertRecord]

    @strawberry.field(description="The ingredient (null once deleted).")
    async def ingredient(self, info: Info) -> Ingredient | None:
        return await load_ingredient(info, self.record.tenant_id, self.record.ingredient_id)

    @classmethod
    def from_record(cls, record: AlertRecord) -> StockAlert:
        """The GraphQL view of an alert."""
        return cls(
            id=strawberry.ID(str(record.id)),
            status=record.status,
            on_hand=record.on_hand,
            reorder_point=record.reorder_point,
            created_at=record.created_at,
            resolved_at=record.resolved_at,
            record=record,
        )


@strawberry.input(description="A new ingredient.")
class CreateIngredientInput:
    name: str = strawberry.field(description="1 to 120 characters, unique among live ones.")
    category: str = strawberry.field(description="1 to 60 characters.")
    unit: Unit = strawberry.field(description="Unit its stock is counted in.")
    reorder_point: Decimal = strawberry.field(
        default=Decimal(0), description="Low-stock threshold (zero: never alert)."
    )


@strawberry.input(description="Changes to an ingredient; what is left out stays.")
class UpdateIngredientInput:
    name: str | None = strawberry.field(default=None, description="New name.")
    category: str | None = strawberry.field(default=None, description="New category.")
    unit: Unit | None = strawberry.field(
        default=None, description="New unit; only while no stock was ever recorded."
    )
    reorder_point: Decimal | None = strawberry.field(
        default=None, description="New low-stock threshold."
    )


@strawberry.input(description="A new product.")
class CreateProductInput:
    kind: ProductKind = strawberry.field(description="FINISHED or PAR_BAKED.")
    name: str = strawberry.field(description="1 to 120 characters, unique among live ones.")
    unit: Unit = strawberry.field(description="Unit it is sold and stocked in.")
    sale_price: Decimal = strawberry.field(description="Price of one unit.")


@strawberry.input(description="Changes to a product; what is left out stays.")
class UpdateProductInput:
    kind: ProductKind | None = strawberry.field(default=None, description="New kind.")
    name: str | None = strawberry.field(default=None, description="New name.")
    sale_price: Decimal | None = strawberry.field(default=None, description="New price.")


@strawberry.input(description="A stock correction of one item (give the ingredient or product).")
class AdjustStockInput:
    ingredient_id: strawberry.ID | None = strawberry.field(default=None, description="Ingredient.")
    product_id: strawberry.ID | None = strawberry.field(default=None, description="Product.")
    quantity: Decimal = strawberry.field(description="Signed change; stock never goes below 0.")
    reason: str = strawberry.field(description="Why (a count, a correction).")
    unit_cost: Decimal | None = strawberry.field(
        default=None, description="Cost of the units added (default: the latest lot's)."
    )
    expires_on: date | None = strawberry.field(
        default=None, description="Expiry of the units added."
    )


@strawberry.input(description="Stock lost or spoiled (give the ingredient or product).")
class RecordWasteInput:
    ingredient_id: strawberry.ID | None = strawberry.field(default=None, description="Ingredient.")
    product_id: strawberry.ID | None = strawberry.field(default=None, description="Product.")
    quantity: Decimal = strawberry.field(description="How much, more than zero.")
    reason: str = strawberry.field(description="Why (expired, dropped, burnt).")


@strawberry.type(description="Result of a mutation on an ingredient.")
class IngredientPayload:
    ingredient: Ingredient | None = strawberry.field(default=None, description="The ingredient.")
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )


@strawberry.type(description="Result of a mutation on a product.")
class ProductPayload:
    product: Product | None = strawberry.field(default=None, description="The product.")
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )


@strawberry.type(description="Result of a stock operation.")
class StockChangePayload:
    movements: list[StockMovement] = strawberry.field(
        default_factory=list, description="The movements written (one per lot touched)."
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )
