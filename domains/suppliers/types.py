"""GraphQL types of the suppliers domain."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

import strawberry

from domains.inventory.types import Ingredient, Product, load_ingredient, load_product
from domains.kernel.context import RequestContext
from domains.kernel.errors import BadUserInput
from domains.kernel.payloads import UserError
from domains.suppliers.loaders import (
    DeliveryByPurchaseOrderLoader,
    ItemsByPurchaseOrderLoader,
    LatestPurchaseOrdersBySupplierLoader,
    SupplierByIdLoader,
)
from domains.suppliers.models import PurchaseOrderStatus
from domains.suppliers.records import (
    DeliveryRecord,
    PurchaseOrderItemRecord,
    PurchaseOrderRecord,
    SupplierRecord,
)

Info = strawberry.Info[RequestContext, None]
MAX_LATEST_ORDERS = 100

strawberry.enum(
    PurchaseOrderStatus,
    description="DRAFT -> SENT -> RECEIVED; DRAFT or SENT orders can be CANCELLED.",
)


def _id(value: uuid.UUID | None) -> strawberry.ID | None:
    return strawberry.ID(str(value)) if value is not None else None


def _latest_limit(last: int) -> int:
    if not 1 <= last <= MAX_LATEST_ORDERS:
        raise BadUserInput(f"`last` must be between 1 and {MAX_LATEST_ORDERS}.", field="last")
    return last


@strawberry.type(description="Someone the bakery buys from: a mill, a dairy, a central baker.")
class Supplier:
    id: strawberry.ID = strawberry.field(description="The supplier's id.")
    name: str = strawberry.field(description="Unique among the bakery's live suppliers.")
    tax_id: str | None = strawberry.field(description="Tax identification number (NIF, VAT).")
    contact_name: str | None = strawberry.field(description="Who to talk to.")
    email: str | None = strawberry.field(description="Where orders go.")
    phone: str | None = strawberry.field(description="Phone number, as given.")
    lead_time_days: int = strawberry.field(description="Days from order to delivery, usually.")
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    record: strawberry.Private[SupplierRecord]

    @strawberry.field(description="Its latest purchase orders, newest first (at most 100).")
    async def purchase_orders(self, info: Info, last: int = 20) -> list[PurchaseOrder]:
        key = (self.record.tenant_id, self.record.id, _latest_limit(last))
        orders = await info.context.loaders.get(LatestPurchaseOrdersBySupplierLoader).load(key)
        return [PurchaseOrder.from_record(order) for order in orders]

    @classmethod
    def from_record(cls, record: SupplierRecord) -> Supplier:
        """The GraphQL view of a supplier."""
        return cls(
            id=strawberry.ID(str(record.id)),
            name=record.name,
            tax_id=record.tax_id,
            contact_name=record.contact_name,
            email=record.email,
            phone=record.phone,
            lead_time_days=record.lead_time_days,
            created_at=record.created_at,
            updated_at=record.updated_at,
            record=record,
        )


@strawberry.type(description="One line of a purchase order: an ingredient or a product.")
class PurchaseOrderItem:
    id: strawberry.ID = strawberry.field(description="The line's id.")
    ingredient_id: strawberry.ID | None = strawberry.field(description="The ingredient ordered.")
    product_id: strawberry.ID | None = strawberry.field(description="The product ordered.")
    quantity: Decimal = strawberry.field(description="How much, in the item's unit.")
    unit_cost: Decimal = strawberry.field(description="Agreed cost of one unit.")
    expires_on: date | None = strawberry.field(description="Expiry of the goods, if known.")
    record: strawberry.Private[PurchaseOrderItemRecord]

    @strawberry.field(description="Quantity times unit cost, exact.")
    def line_total(self) -> Decimal:
        return self.record.line_total

    @strawberry.field(description="The ingredient, if the line is one (null once deleted).")
    async def ingredient(self, info: Info) -> Ingredient | None:
        return await load_ingredient(info, self.record.tenant_id, self.record.ingredient_id)

    @strawberry.field(description="The product, if the line is one (null once deleted).")
    async def product(self, info: Info) -> Product | None:
        return await load_product(info, self.record.tenant_id, self.record.product_id)

    @classmethod
    def from_record(cls, record: PurchaseOrderItemRecord) -> PurchaseOrderItem:
        """The GraphQL view of a purchase order line."""
        return cls(
            id=strawberry.ID(str(record.id)),
            ingredient_id=_id(record.ingredient_id),
            product_id=_id(record.product_id),
            quantity=record.quantity,
            unit_cost=record.unit_cost,
            expires_on=record.expires_on,
            record=record,
        )


@strawberry.type(description="The receipt of a purchase order.")
class Delivery:
    id: strawberry.ID = strawberry.field(description="The delivery's id.")
    received_at: datetime = strawberry.field(description="When the goods were received.")
    received_by: str | None = strawberry.field(description="Who received them.")
    notes: str = strawberry.field(description="Remarks at receipt (empty if none).")

    @classmethod
    def from_record(cls, record: DeliveryRecord) -> Delivery:
        """The GraphQL view of a delivery."""
        return cls(
            id=strawberry.ID(str(record.id)),
            received_at=record.created_at,
            received_by=record.received_by,
            notes=record.notes,
        )


@strawberry.type(description="An order to a supplier, from draft to receipt.")
class PurchaseOrder:
    id: strawberry.ID = strawberry.field(description="The purchase order's id.")
    status: PurchaseOrderStatus = strawberry.field(description="Where it stands.")
    supplier_id: strawberry.ID = strawberry.field(description="The supplier it is addressed to.")
    expected_on: date | None = strawberry.field(description="Day the delivery is expected.")
    notes: str = strawberry.field(description="Remarks for the supplier (empty if none).")
    sent_at: datetime | None = strawberry.field(description="When it was sent.")
    received_at: datetime | None = strawberry.field(description="When it was received.")
    cancelled_at: datetime | None = strawberry.field(description="When it was cancelled.")
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    record: strawberry.Private[PurchaseOrderRecord]

    async def _items(self, info: Info) -> list[PurchaseOrderItemRecord]:
        key = (self.record.tenant_id, self.record.id)
        return await info.context.loaders.get(ItemsByPurchaseOrderLoader).load(key)

    @strawberry.field(description="The supplier (null once deleted).")
    async def supplier(self, info: Info) -> Supplier | None:
        found = await info.context.loaders.get(SupplierByIdLoader).load(
            (self.record.tenant_id, self.record.supplier_id)
        )
        return Supplier.from_record(found) if found else None

    @strawberry.field(description="Its lines, in the order they were given.")
    async def items(self, info: Info) -> list[PurchaseOrderItem]:
        return [PurchaseOrderItem.from_record(item) for item in await self._items(info)]

    @strawberry.field(description="Sum of quantity times unit cost of its lines, exact.")
    async def total(self, info: Info) -> Decimal:
        return sum((item.line_total for item in await self._items(info)), Decimal(0))

    @strawberry.field(description="The receipt (null until it is received).")
    async def delivery(self, info: Info) -> Delivery | None:
        found = await info.context.loaders.get(DeliveryByPurchaseOrderLoader).load(
            (self.record.tenant_id, self.record.id)
        )
        return Delivery.from_record(found) if found else None

    @classmethod
    def from_record(cls, record: PurchaseOrderRecord) -> PurchaseOrder:
        """The GraphQL view of a purchase order."""
        return cls(
            id=strawberry.ID(str(record.id)),
            status=record.status,
            supplier_id=strawberry.ID(str(record.supplier_id)),
            expected_on=record.expected_on,
            notes=record.notes,
            sent_at=record.sent_at,
            received_at=record.received_at,
            cancelled_at=record.cancelled_at,
            created_at=record.created_at,
            updated_at=record.updated_at,
            record=record,
        )


@strawberry.input(description="A new supplier.")
class CreateSupplierInput:
    name: str = strawberry.field(description="1 to 120 characters, unique among live ones.")
    tax_id: str | None = strawberry.field(default=None, description="Up to 40 characters.")
    contact_name: str | None = strawberry.field(default=None, description="Who to talk to.")
    email: str | None = strawberry.field(default=None, description="A valid email address.")
    phone: str | None = strawberry.field(default=None, description="Up to 40 characters.")
    lead_time_days: int = strawberry.field(
        default=1, description="Days from order to delivery, 0 to 365."
    )


@strawberry.input(
    description="Changes to a supplier; what is left out stays, an optional detail sent as "
    "null (or blank) is cleared."
)
class UpdateSupplierInput:
    name: str | None = strawberry.field(default=None, description="New name.")
    tax_id: str | None = strawberry.field(default=strawberry.UNSET, description="New tax id.")
    contact_name: str | None = strawberry.field(
        default=strawberry.UNSET, description="New contact."
    )
    email: str | None = strawberry.field(default=strawberry.UNSET, description="New email.")
    phone: str | None = strawberry.field(default=strawberry.UNSET, description="New phone.")
    lead_time_days: int | None = strawberry.field(default=None, description="New lead time.")


@strawberry.input(description="A line of a new purchase order (give the ingredient or product).")
class PurchaseOrderItemInput:
    ingredient_id: strawberry.ID | None = strawberry.field(default=None, description="Ingredient.")
    product_id: strawberry.ID | None = strawberry.field(default=None, description="Product.")
    quantity: Decimal = strawberry.field(description="How much, more than zero.")
    unit_cost: Decimal = strawberry.field(description="Agreed cost of one unit, zero or more.")
    expires_on: date | None = strawberry.field(
        default=None, description="Expiry of the goods, if known (not in the past)."
    )


@strawberry.input(description="A new purchase order, created as a DRAFT.")
class CreatePurchaseOrderInput:
    supplier_id: strawberry.ID = strawberry.field(description="A live supplier of the bakery.")
    expected_on: date | None = strawberry.field(
        default=None, description="Day the delivery is expected."
    )
    notes: str = strawberry.field(default="", description="Remarks for the supplier.")
    items: list[PurchaseOrderItemInput] = strawberry.field(description="1 to 100 lines.")


@strawberry.type(description="Result of a mutation on a supplier.")
class SupplierPayload:
    supplier: Supplier | None = strawberry.field(default=None, description="The supplier.")
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )


@strawberry.type(description="Result of a mutation on a purchase order.")
class PurchaseOrderPayload:
    purchase_order: PurchaseOrder | None = strawberry.field(
        default=None, description="The purchase order."
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )
