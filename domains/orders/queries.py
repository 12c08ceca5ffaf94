"""Fields the orders domain adds to `Tenant`."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable
from datetime import date
from typing import Annotated

import strawberry

from domains.inventory.loaders import ProductByIdLoader
from domains.kernel.context import RequestContext
from domains.kernel.errors import BadUserInput
from domains.kernel.ids import parse_id
from domains.kernel.loaders import Loaders
from domains.kernel.pagination import Connection, paginate, read_page
from domains.kernel.selection import node_selection, selects
from domains.orders import ordering, service
from domains.orders.loaders import (
    CustomerByIdLoader,
    ItemsByOrderLoader,
    StatusHistoryByOrderLoader,
)
from domains.orders.models import OrderStatus
from domains.orders.repository.customers import customer_record
from domains.orders.types import Customer, Order
from domains.tenants.types import Tenant

Info = strawberry.Info[RequestContext, None]


async def load_for_page(loaders: Loaders, orders: list[Order], selected: set[str]) -> None:
    """Load, for the whole page at once, what the selected fields of its orders need.

    Their resolvers then find it loaded and answer without an await per order or per line
    (docs/decisions.md: long nested lists).
    """
    loads: list[Awaitable[object]] = []
    if "customer" in selected:
        customers = [(o.record.tenant_id, o.record.customer_id) for o in orders]
        loads.append(loaders.get(CustomerByIdLoader).load_now(customers))
    if "statusHistory" in selected:
        loads.append(loaders.get(StatusHistoryByOrderLoader).load_now([o.key for o in orders]))
    if "items" in selected:
        loads.append(_load_items(loaders, orders, with_products="items.product" in selected))
    await asyncio.gather(*loads)


async def _load_items(loaders: Loaders, orders: list[Order], *, with_products: bool) -> None:
    items = await loaders.get(ItemsByOrderLoader).load_now([o.key for o in orders])
    if with_products:
        keys = [(item.tenant_id, item.product_id) for found in items for item in found]
        await loaders.get(ProductByIdLoader).load_now(keys)


@strawberry.type
class OrdersTenantFields:
    @strawberry.field(
        description="Live customers, by name; search matches part of the name or email."
    )
    async def customers(
        self,
        info: Info,
        root: strawberry.Parent[Tenant],
        first: int | None = None,
        after: str | None = None,
        search: str | None = None,
    ) -> Connection[Customer]:
        return await paginate(
            info.context.uow,
            service.customers_query(uuid.UUID(root.id), search=search),
            order_by=service.CUSTOMER_ORDER,
            first=first,
            after=after,
            node=lambda row: Customer.from_record(customer_record(row)),
        )

    @strawberry.field(
        description="Customer orders by delivery day, then creation; filter by status, customer "
        "and delivery day (`from` and `to` included)."
    )
    async def orders(
        self,
        info: Info,
        root: strawberry.Parent[Tenant],
        first: int | None = None,
        after: str | None = None,
        status: OrderStatus | None = None,
        delivery_from: Annotated[
            date | None, strawberry.argument(name="from", description="First delivery day.")
        ] = None,
        delivery_to: Annotated[
            date | None, strawberry.argument(name="to", description="Last delivery day.")
        ] = None,
        customer_id: strawberry.ID | None = None,
    ) -> Connection[Order]:
        if delivery_from is not None and delivery_to is not None and delivery_from > delivery_to:
            raise BadUserInput("`from` is after `to`.", field="from")
        customer = parse_id(customer_id, argument="customerId") if customer_id else None
        loaders = info.context.loaders
        page = await read_page(
            info.context.uow,
            ordering.ORDER_PAGES,
            ordering.order_filters(
                uuid.UUID(root.id),
                status=status,
                customer_id=customer,
                delivery_from=delivery_from,
                delivery_to=delivery_to,
            ),
            first=first,
            after=after,
            count=selects(info, "totalCount"),
            node=lambda record: Order.from_record(record, loaders),
        )
        await load_for_page(loaders, [edge.node for edge in page.edges], node_selection(info))
        return page
