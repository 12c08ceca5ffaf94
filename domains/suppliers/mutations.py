"""Mutations of the suppliers domain. ADMIN manages suppliers and orders; MEMBER receives."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import strawberry

from domains.inventory.records import StockItem
from domains.kernel.context import RequestContext
from domains.kernel.errors import BadUserInput
from domains.kernel.ids import parse_id
from domains.kernel.payloads import DeletionPayload, UserError, actor, attempt
from domains.kernel.permissions import requires
from domains.suppliers import purchasing, service
from domains.suppliers.records import OrderLine, PurchaseOrderRecord, SupplierRecord
from domains.suppliers.service import UNCHANGED, Unchanged
from domains.suppliers.types import (
    CreatePurchaseOrderInput,
    CreateSupplierInput,
    PurchaseOrder,
    PurchaseOrderItemInput,
    PurchaseOrderPayload,
    Supplier,
    SupplierPayload,
    UpdateSupplierInput,
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


def _line(position: int, given: PurchaseOrderItemInput) -> OrderLine:
    if (given.ingredient_id is None) == (given.product_id is None):
        raise BadUserInput(
            "Give either `ingredientId` or `productId` on each item.",
            field=f"items.{position}.ingredientId",
        )
    if given.ingredient_id is not None:
        ingredient_id = parse_id(given.ingredient_id, argument=f"items.{position}.ingredientId")
        item = StockItem.ingredient(ingredient_id)
    else:
        product_id = parse_id(given.product_id, argument=f"items.{position}.productId")
        item = StockItem.product(product_id)
    return OrderLine(
        item=item,
        quantity=given.quantity,
        unit_cost=given.unit_cost,
        expires_on=given.expires_on,
    )


def _supplier_payload(outcome: SupplierRecord | list[UserError]) -> SupplierPayload:
    if isinstance(outcome, list):
        return SupplierPayload(errors=outcome)
    return SupplierPayload(supplier=Supplier.from_record(outcome))


def _order_payload(outcome: PurchaseOrderRecord | list[UserError]) -> PurchaseOrderPayload:
    if isinstance(outcome, list):
        return PurchaseOrderPayload(errors=outcome)
    return PurchaseOrderPayload(purchase_order=PurchaseOrder.from_record(outcome))


async def _transition(
    info: Info,
    move: Callable[..., Awaitable[PurchaseOrderRecord]],
    tenant_id: strawberry.ID,
    id: strawberry.ID,
) -> PurchaseOrderPayload:
    tenant = parse_id(tenant_id, argument="tenantId")
    order_id = parse_id(id, argument="id")
    outcome = await attempt(
        info.context.uow,
        lambda connection: move(connection, tenant_id=tenant, purchase_order_id=order_id),
    )
    return _order_payload(outcome)


@strawberry.type
class SuppliersMutation:
    @strawberry.mutation(description="Add a supplier. OWNER or ADMIN.", extensions=MANAGER)
    async def create_supplier(
        self, info: Info, tenant_id: strawberry.ID, input: CreateSupplierInput
    ) -> SupplierPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.create_supplier(
                connection,
                tenant_id=tenant,
                name=input.name,
                tax_id=input.tax_id,
                contact_name=input.contact_name,
                email=input.email,
                phone=input.phone,
                lead_time_days=input.lead_time_days,
            ),
        )
        return _supplier_payload(outcome)

    @strawberry.mutation(description="Change a supplier. OWNER or ADMIN.", extensions=MANAGER)
    async def update_supplier(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID, input: UpdateSupplierInput
    ) -> SupplierPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        supplier_id = parse_id(id, argument="id")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.update_supplier(
                connection,
                tenant_id=tenant,
                supplier_id=supplier_id,
                name=input.name,
                lead_time_days=input.lead_time_days,
                tax_id=_given(input.tax_id),
                contact_name=_given(input.contact_name),
                email=_given(input.email),
                phone=_given(input.phone),
            ),
        )
        return _supplier_payload(outcome)

    @strawberry.mutation(
        description="Soft-delete a supplier (restorable); its purchase orders stay. "
        "OWNER or ADMIN.",
        extensions=MANAGER,
    )
    async def delete_supplier(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID, reason: str | None = None
    ) -> DeletionPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        supplier_id = parse_id(id, argument="id")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.delete_supplier(
                connection,
                tenant_id=tenant,
                supplier_id=supplier_id,
                deleted_by=actor(info.context.principal),
                reason=reason,
                reason_required=info.context.dependency(TrashPolicy).require_reason,
            ),
        )
        if isinstance(outcome, list):
            return DeletionPayload(errors=outcome)
        return DeletionPayload.from_deletion(outcome)

    @strawberry.mutation(
        description="Bring back a deleted supplier. OWNER or ADMIN.", extensions=MANAGER
    )
    async def restore_supplier(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID
    ) -> SupplierPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        supplier_id = parse_id(id, argument="id")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.restore_supplier(
                connection, tenant_id=tenant, supplier_id=supplier_id
            ),
        )
        return _supplier_payload(outcome)

    @strawberry.mutation(
        description="Draft a purchase order to a supplier. OWNER or ADMIN.", extensions=MANAGER
    )
    async def create_purchase_order(
        self, info: Info, tenant_id: strawberry.ID, input: CreatePurchaseOrderInput
    ) -> PurchaseOrderPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        supplier_id = parse_id(input.supplier_id, argument="supplierId")
        lines = [_line(position, item) for position, item in enumerate(input.items)]
        outcome = await attempt(
            info.context.uow,
            lambda connection: purchasing.create_purchase_order(
                connection,
                tenant_id=tenant,
                supplier_id=supplier_id,
                expected_on=input.expected_on,
                notes=input.notes,
                lines=lines,
                today=datetime.now(UTC).date(),
            ),
        )
        return _order_payload(outcome)

    @strawberry.mutation(
        description="Send a DRAFT purchase order to its supplier. OWNER or ADMIN.",
        extensions=MANAGER,
    )
    async def send_purchase_order(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID
    ) -> PurchaseOrderPayload:
        return await _transition(info, purchasing.send_purchase_order, tenant_id, id)

    @strawberry.mutation(
        description="Cancel a DRAFT or SENT purchase order. OWNER or ADMIN.", extensions=MANAGER
    )
    async def cancel_purchase_order(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID
    ) -> PurchaseOrderPayload:
        return await _transition(info, purchasing.cancel_purchase_order, tenant_id, id)

    @strawberry.mutation(
        description="Receive a SENT purchase order: one stock lot per line, all or nothing. "
        "MEMBER or above.",
        extensions=OPERATOR,
    )
    async def receive_purchase_order(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID, notes: str = ""
    ) -> PurchaseOrderPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        order_id = parse_id(id, argument="id")
        outcome = await attempt(
            info.context.uow,
            lambda connection: purchasing.receive_purchase_order(
                connection,
                tenant_id=tenant,
                purchase_order_id=order_id,
                notes=notes,
                actor=actor(info.context.principal),
                today=datetime.now(UTC).date(),
            ),
        )
        return _order_payload(outcome)
