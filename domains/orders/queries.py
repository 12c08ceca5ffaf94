"""Fields the orders domain adds to `Tenant`."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

import strawberry

from domains.kernel.context import RequestContext
from domains.kernel.errors import BadUserInput
from domains.kernel.ids import parse_id
from domains.kernel.pagination import Connection, paginate
from domains.orders import ordering, service
from domains.orders.models import OrderStatus
from domains.orders.repository.customers import customer_record
from domains.orders.repository.orders import order_record
from domains.orders.types import Customer, Order
from domains.tenants.types import Tenant

Info = strawberry.Info[RequestContext, None]


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
        return await paginate(
            info.context.uow,
            ordering.orders_query(
                uuid.UUID(root.id),
                status=status,
                customer_id=customer,
                delivery_from=delivery_from,
                delivery_to=delivery_to,
            ),
            order_by=ordering.ORDER_ORDER,
            first=first,
            after=after,
            node=lambda row: Order.from_record(order_record(row)),
        )
