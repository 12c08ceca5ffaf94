"""Fields the suppliers domain adds to `Tenant`."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

import strawberry

from domains.kernel.context import RequestContext
from domains.kernel.errors import BadUserInput
from domains.kernel.ids import parse_id
from domains.kernel.pagination import Connection, paginate
from domains.suppliers import purchasing, service
from domains.suppliers.models import PurchaseOrderStatus
from domains.suppliers.repository.purchase_orders import purchase_order_record
from domains.suppliers.repository.suppliers import supplier_record
from domains.suppliers.types import PurchaseOrder, Supplier
from domains.tenants.types import Tenant

Info = strawberry.Info[RequestContext, None]


@strawberry.type
class SuppliersTenantFields:
    @strawberry.field(description="Live suppliers, by name; search matches part of the name.")
    async def suppliers(
        self,
        info: Info,
        root: strawberry.Parent[Tenant],
        first: int | None = None,
        after: str | None = None,
        search: str | None = None,
    ) -> Connection[Supplier]:
        return await paginate(
            info.context.uow,
            service.suppliers_query(uuid.UUID(root.id), search=search),
            order_by=service.SUPPLIER_ORDER,
            first=first,
            after=after,
            node=lambda row: Supplier.from_record(supplier_record(row)),
        )

    @strawberry.field(
        description="Purchase orders by expected day (undated last), then creation; filter by "
        "status, supplier and expected day (`from` and `to` included)."
    )
    async def purchase_orders(
        self,
        info: Info,
        root: strawberry.Parent[Tenant],
        first: int | None = None,
        after: str | None = None,
        status: PurchaseOrderStatus | None = None,
        supplier_id: strawberry.ID | None = None,
        expected_from: Annotated[
            date | None, strawberry.argument(name="from", description="First expected day.")
        ] = None,
        expected_to: Annotated[
            date | None, strawberry.argument(name="to", description="Last expected day.")
        ] = None,
    ) -> Connection[PurchaseOrder]:
        if expected_from is not None and expected_to is not None and expected_from > expected_to:
            raise BadUserInput("`from` is after `to`.", field="from")
        supplier = parse_id(supplier_id, argument="supplierId") if supplier_id else None
        return await paginate(
            info.context.uow,
            purchasing.purchase_orders_query(
                uuid.UUID(root.id),
                status=status,
                supplier_id=supplier,
                expected_from=expected_from,
                expected_to=expected_to,
            ),
            order_by=purchasing.PURCHASE_ORDER_ORDER,
            first=first,
            after=after,
            node=lambda row: PurchaseOrder.from_record(purchase_order_record(row)),
        )
