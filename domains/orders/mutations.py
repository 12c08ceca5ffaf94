"""Mutations of the orders domain.

As a bakery works: staff at the counter (MEMBER) take orders, add and correct customers and
move orders along, cancellations included; deleting and restoring customers is for ADMIN.
"""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry

from domains.kernel.context import RequestContext
from domains.kernel.demo_policy import demo_allowed
from domains.kernel.ids import parse_id
from domains.kernel.payloads import DeletionPayload, UserError, actor, attempt
from domains.kernel.permissions import requires
from domains.orders import ordering, service
from domains.orders.models import OrderStatus
from domains.orders.records import CustomerRecord, OrderLine, OrderRecord
from domains.orders.service import UNCHANGED, Unchanged
from domains.orders.types import (
    CreateCustomerInput,
    CreateOrderInput,
    Customer,
    CustomerPayload,
    Order,
    OrderItemInput,
    OrderPayload,
    UpdateCustomerInput,
)
from domains.tenants.permissions import TenantRole
from domains.tenants.roles import MemberRole
from domains.trash.policy import TrashPolicy

Info = strawberry.Info[RequestContext, None]
MANAGER = requires(TenantRole(MemberRole.ADMIN))
OPERATOR = requires(TenantRole(MemberRole.MEMBER))


def _given(value: str | None) -> str | Unchanged | None:
    """An optional detail of an update: left out stays as it is, null clears it."""
    return UNCHANGED if value is strawberry.UNSET else value


def _line(position: int, given: OrderItemInput) -> OrderLine:
    product_id = parse_id(given.product_id, argument=f"items.{position}.productId")
    return OrderLine(product_id=product_id, quantity=given.quantity)


def _customer_payload(outcome: CustomerRecord | list[UserError]) -> CustomerPayload:
    if isinstance(outcome, list):
        return CustomerPayload(errors=outcome)
    return CustomerPayload(customer=Customer.from_record(outcome))


def _order_payload(info: Info, outcome: OrderRecord | list[UserError]) -> OrderPayload:
    if isinstance(outcome, list):
        return OrderPayload(errors=outcome)
    return OrderPayload(order=Order.from_record(outcome, info.context.loaders))


@strawberry.type
class OrdersMutation:
    @strawberry.mutation(description="Add a customer. MEMBER or above.", extensions=OPERATOR)
    async def create_customer(
        self, info: Info, tenant_id: strawberry.ID, input: CreateCustomerInput
    ) -> CustomerPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.create_customer(
                connection,
                tenant_id=tenant,
                name=input.name,
                email=input.email,
                phone=input.phone,
                tax_id=input.tax_id,
                notes=input.notes,
            ),
        )
        return _customer_payload(outcome)

    @strawberry.mutation(description="Change a customer. MEMBER or above.", extensions=OPERATOR)
    async def update_customer(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID, input: UpdateCustomerInput
    ) -> CustomerPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        customer_id = parse_id(id, argument="id")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.update_customer(
                connection,
                tenant_id=tenant,
                customer_id=customer_id,
                name=input.name,
                email=_given(input.email),
                phone=_given(input.phone),
                tax_id=_given(input.tax_id),
                notes=_given(input.notes),
            ),
        )
        return _customer_payload(outcome)

    @strawberry.mutation(
        description="Soft-delete a customer (restorable); its orders stay and show no customer. "
        "OWNER or ADMIN.",
        extensions=MANAGER,
    )
    async def delete_customer(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID, reason: str | None = None
    ) -> DeletionPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        customer_id = parse_id(id, argument="id")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.delete_customer(
                connection,
                tenant_id=tenant,
                customer_id=customer_id,
                deleted_by=actor(info.context.principal),
                reason=reason,
                reason_required=info.context.dependency(TrashPolicy).require_reason,
            ),
        )
        if isinstance(outcome, list):
            return DeletionPayload(errors=outcome)
        return DeletionPayload.from_deletion(outcome)

    @strawberry.mutation(
        description="Bring back a deleted customer. OWNER or ADMIN.", extensions=MANAGER
    )
    async def restore_customer(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID
    ) -> CustomerPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        customer_id = parse_id(id, argument="id")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.restore_customer(
                connection, tenant_id=tenant, customer_id=customer_id
            ),
        )
        return _customer_payload(outcome)

    @strawberry.mutation(
        description="Take a customer's order, PENDING, priced at the products' current sale "
        "prices. MEMBER or above.",
        extensions=[*OPERATOR, *demo_allowed()],
    )
    async def create_order(
        self, info: Info, tenant_id: strawberry.ID, input: CreateOrderInput
    ) -> OrderPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        customer_id = parse_id(input.customer_id, argument="customerId")
        lines = [_line(position, item) for position, item in enumerate(input.items)]
        outcome = await attempt(
            info.context.uow,
            lambda connection: ordering.create_order(
                connection,
                tenant_id=tenant,
                customer_id=customer_id,
                delivery_date=input.delivery_date,
                notes=input.notes,
                lines=lines,
                actor=actor(info.context.principal),
                today=datetime.now(UTC).date(),
            ),
        )
        return _order_payload(info, outcome)

    @strawberry.mutation(
        description="Move an order along: PENDING -> CONFIRMED -> IN_PRODUCTION -> READY -> "
        "DELIVERED, or to CANCELLED before it is READY; recorded in its history. MEMBER or above.",
        extensions=[*OPERATOR, *demo_allowed()],
    )
    async def update_order_status(
        self,
        info: Info,
        tenant_id: strawberry.ID,
        id: strawberry.ID,
        status: OrderStatus,
        note: str | None = None,
    ) -> OrderPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        order_id = parse_id(id, argument="id")
        outcome = await attempt(
            info.context.uow,
            lambda connection: ordering.change_status(
                connection,
                tenant_id=tenant,
                order_id=order_id,
                to=status,
                note=note,
                actor=actor(info.context.principal),
            ),
        )
        return _order_payload(info, outcome)

    @strawberry.mutation(
        description="Cancel a PENDING, CONFIRMED or IN_PRODUCTION order; the reason is kept in "
        "its history. MEMBER or above.",
        extensions=OPERATOR,
    )
    async def cancel_order(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID, reason: str | None = None
    ) -> OrderPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        order_id = parse_id(id, argument="id")
        outcome = await attempt(
            info.context.uow,
            lambda connection: ordering.cancel_order(
                connection,
                tenant_id=tenant,
                order_id=order_id,
                reason=reason,
                actor=actor(info.context.principal),
            ),
        )
        return _order_payload(info, outcome)
