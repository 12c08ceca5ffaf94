"""GraphQL types of the orders domain."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

import strawberry

from domains.inventory.loaders import ProductByIdLoader
from domains.inventory.types import Product
from domains.kernel.context import RequestContext
from domains.kernel.loaders import Loaders, MaybeAwaitable, each_with, then
from domains.kernel.payloads import UserError
from domains.orders.loaders import (
    CustomerByIdLoader,
    ItemsByOrderLoader,
    StatusHistoryByOrderLoader,
)
from domains.orders.models import OrderStatus
from domains.orders.records import (
    CustomerRecord,
    OrderItemRecord,
    OrderRecord,
    StatusChangeRecord,
)

Info = strawberry.Info[RequestContext, None]

strawberry.enum(
    OrderStatus,
    description="PENDING -> CONFIRMED -> IN_PRODUCTION -> READY -> DELIVERED; PENDING, "
    "CONFIRMED or IN_PRODUCTION orders can be CANCELLED.",
)


@strawberry.type(description="Someone who orders from the bakery: a café, a restaurant, a family.")
class Customer:
    id: strawberry.ID = strawberry.field(description="The customer's id.")
    name: str = strawberry.field(description="Unique among the bakery's live customers.")
    email: str | None = strawberry.field(description="Email address, if known.")
    phone: str | None = strawberry.field(description="Phone number, as given.")
    tax_id: str | None = strawberry.field(description="Tax identification number (NIF, VAT).")
    notes: str = strawberry.field(description="Remarks about the customer (empty if none).")
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @classmethod
    def from_optional(cls, record: CustomerRecord | None) -> Customer | None:
        """The GraphQL view of a customer that may be gone (deleted or foreign)."""
        return cls.from_record(record) if record is not None else None

    @classmethod
    def from_record(cls, record: CustomerRecord) -> Customer:
        """The GraphQL view of a customer."""
        return cls(
            id=strawberry.ID(str(record.id)),
            name=record.name,
            email=record.email,
            phone=record.phone,
            tax_id=record.tax_id,
            notes=record.notes,
            created_at=record.created_at,
            updated_at=record.updated_at,
        )


@strawberry.type(description="One line of an order: a product, how many, at what price.")
class OrderItem:
    record: strawberry.Private[OrderItemRecord]

    # Ids are made strings when asked for, not for each of a page's hundreds of lines: a method
    # that takes only `self` is computed in place, as cheaply as an attribute is read.
    @strawberry.field(description="The line's id.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.record.id))

    @strawberry.field(description="The product ordered.")
    def product_id(self) -> strawberry.ID:
        return strawberry.ID(str(self.record.product_id))

    quantity: Decimal = strawberry.field(description="How many, in the product's unit.")
    unit_price: Decimal = strawberry.field(
        description="The product's sale price when the order was created."
    )
    line_total: Decimal = strawberry.field(
        description="Quantity times unit price, rounded to the cent (half up)."
    )
    # Loaded with the line (Order.items), so resolving it is reading an attribute.
    product: Product | None = strawberry.field(description="The product (null once deleted).")

    @classmethod
    def from_record(cls, record: OrderItemRecord, product: Product | None) -> OrderItem:
        """The GraphQL view of an order line and its (loaded) product."""
        return cls(
            record=record,
            quantity=record.quantity,
            unit_price=record.unit_price,
            line_total=record.line_total,
            product=product,
        )


@strawberry.type(description="One move of an order from a status to another.")
class OrderStatusChange:
    from_status: OrderStatus | None = strawberry.field(
        description="The status before (null for the order's creation)."
    )
    to_status: OrderStatus = strawberry.field(description="The status after.")
    changed_by: str = strawberry.field(description="Who made the change.")
    changed_at: datetime = strawberry.field(description="When it was made.")
    note: str = strawberry.field(description="Why, or a remark (empty if none).")

    @classmethod
    def from_record(cls, record: StatusChangeRecord) -> OrderStatusChange:
        """The GraphQL view of a status change."""
        return cls(
            from_status=record.from_status,
            to_status=record.to_status,
            changed_by=record.changed_by,
            changed_at=record.changed_at,
            note=record.note,
        )


@strawberry.type(description="A customer's order, from PENDING to DELIVERED (or CANCELLED).")
class Order:
    record: strawberry.Private[OrderRecord]
    loaders: strawberry.Private[Loaders]

    # Made strings when asked for, as an order line's (`OrderItem`).
    @strawberry.field(description="The order's id.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.record.id))

    status: OrderStatus = strawberry.field(description="Where it stands.")

    @strawberry.field(description="The customer who ordered.")
    def customer_id(self) -> strawberry.ID:
        return strawberry.ID(str(self.record.customer_id))

    delivery_date: date = strawberry.field(description="Day the order is delivered or picked up.")
    notes: str = strawberry.field(description="Remarks about the order (empty if none).")
    subtotal: Decimal = strawberry.field(description="Sum of the line totals, exact.")
    total: Decimal = strawberry.field(
        description="What the customer pays; the subtotal, as there are no discounts or taxes yet."
    )
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @property
    def key(self) -> tuple[uuid.UUID, uuid.UUID]:
        """(tenant id, id): how the order's loaders are keyed."""
        return (self.record.tenant_id, self.record.id)

    # Fast path (docs/decisions.md): no `info`, and the value at once when the page loaded it.
    @strawberry.field(description="The customer (null once deleted).", graphql_type=Customer | None)
    def customer(self) -> MaybeAwaitable[Customer | None]:
        key = (self.record.tenant_id, self.record.customer_id)
        return then(self.loaders.get(CustomerByIdLoader).now_or_later(key), Customer.from_optional)

    @strawberry.field(
        description="Its lines, in the order they were given.", graphql_type=list[OrderItem]
    )
    def items(self) -> MaybeAwaitable[list[OrderItem]]:
        items = self.loaders.get(ItemsByOrderLoader).now_or_later(self.key)
        return then(items, lambda found: _items_with_products(found, self.loaders))

    @strawberry.field(
        description="Every status change, oldest first (creation included).",
        graphql_type=list[OrderStatusChange],
    )
    def status_history(self) -> MaybeAwaitable[list[OrderStatusChange]]:
        changes = self.loaders.get(StatusHistoryByOrderLoader).now_or_later(self.key)
        return then(changes, lambda found: [OrderStatusChange.from_record(c) for c in found])

    @classmethod
    def from_record(cls, record: OrderRecord, loaders: Loaders) -> Order:
        """The GraphQL view of an order; `loaders` are the request's."""
        return cls(
            status=record.status,
            delivery_date=record.delivery_date,
            notes=record.notes,
            subtotal=record.subtotal,
            total=record.total,
            created_at=record.created_at,
            updated_at=record.updated_at,
            record=record,
            loaders=loaders,
        )


def _items_with_products(
    items: list[OrderItemRecord], loaders: Loaders
) -> MaybeAwaitable[list[OrderItem]]:
    """The lines' views with their products: at once when the page loaded them."""
    return each_with(
        loaders.get(ProductByIdLoader),
        items,
        lambda item: (item.tenant_id, item.product_id),
        Product.from_optional,
        OrderItem.from_record,
    )


@strawberry.input(description="A new customer.")
class CreateCustomerInput:
    name: str = strawberry.field(description="1 to 120 characters, unique among live ones.")
    email: str | None = strawberry.field(default=None, description="A valid email address.")
    phone: str | None = strawberry.field(default=None, description="Up to 40 characters.")
    tax_id: str | None = strawberry.field(default=None, description="Up to 40 characters.")
    notes: str = strawberry.field(default="", description="Up to 2,000 characters.")


@strawberry.input(
    description="Changes to a customer; what is left out stays, an optional detail sent as "
    "null (or blank) is cleared."
)
class UpdateCustomerInput:
    name: str | None = strawberry.field(default=None, description="New name.")
    email: str | None = strawberry.field(default=strawberry.UNSET, description="New email.")
    phone: str | None = strawberry.field(default=strawberry.UNSET, description="New phone.")
    tax_id: str | None = strawberry.field(default=strawberry.UNSET, description="New tax id.")
    notes: str | None = strawberry.field(default=strawberry.UNSET, description="New notes.")


@strawberry.input(description="A line of a new order.")
class OrderItemInput:
    product_id: strawberry.ID = strawberry.field(description="A live product of the bakery.")
    quantity: Decimal = strawberry.field(
        description="How many, more than zero, 3 decimals at most."
    )


@strawberry.input(description="A new order, created as PENDING.")
class CreateOrderInput:
    customer_id: strawberry.ID = strawberry.field(description="A live customer of the bakery.")
    delivery_date: date = strawberry.field(description="Day of delivery, today or later.")
    notes: str = strawberry.field(default="", description="Remarks, up to 2,000 characters.")
    items: list[OrderItemInput] = strawberry.field(
        description="1 to 100 lines, priced at each product's current sale price."
    )


@strawberry.type(description="Result of a mutation on a customer.")
class CustomerPayload:
    customer: Customer | None = strawberry.field(default=None, description="The customer.")
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )


@strawberry.type(description="Result of a mutation on an order.")
class OrderPayload:
    order: Order | None = strawberry.field(default=None, description="The order.")
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )
