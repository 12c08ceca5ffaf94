"""Per-request DataLoaders of the suppliers domain, keyed by tenant so no key crosses tenants."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncConnection

from domains.kernel.loaders import Loader
from domains.suppliers import purchasing, service
from domains.suppliers.records import (
    DeliveryRecord,
    PurchaseOrderItemRecord,
    PurchaseOrderRecord,
    SupplierRecord,
)

TenantKey = tuple[uuid.UUID, uuid.UUID]
LatestKey = tuple[uuid.UUID, uuid.UUID, int]


class SupplierByIdLoader(Loader[TenantKey, SupplierRecord | None]):
    """Live suppliers by (tenant id, id); deleted ones load as None."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[TenantKey]
    ) -> Mapping[TenantKey, SupplierRecord | None]:
        found = await service.get_suppliers(connection, keys)
        return {(record.tenant_id, record.id): record for record in found}


class ItemsByPurchaseOrderLoader(Loader[TenantKey, list[PurchaseOrderItemRecord]]):
    """Items of each (tenant id, purchase order id), in the order they were given."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[TenantKey]
    ) -> Mapping[TenantKey, list[PurchaseOrderItemRecord]]:
        grouped: dict[TenantKey, list[PurchaseOrderItemRecord]] = defaultdict(list)
        for item in await purchasing.items_of(connection, keys):
            grouped[(item.tenant_id, item.purchase_order_id)].append(item)
        return grouped

    def missing(self) -> list[PurchaseOrderItemRecord]:
        return []


class DeliveryByPurchaseOrderLoader(Loader[TenantKey, DeliveryRecord | None]):
    """The delivery of each (tenant id, purchase order id); None until it is received."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[TenantKey]
    ) -> Mapping[TenantKey, DeliveryRecord | None]:
        found = await purchasing.deliveries_of(connection, keys)
        return {(record.tenant_id, record.purchase_order_id): record for record in found}


class LatestPurchaseOrdersBySupplierLoader(Loader[LatestKey, list[PurchaseOrderRecord]]):
    """The latest purchase orders of each (tenant id, supplier id, how many), newest first."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[LatestKey]
    ) -> Mapping[LatestKey, list[PurchaseOrderRecord]]:
        grouped: dict[LatestKey, list[PurchaseOrderRecord]] = defaultdict(list)
        by_limit: dict[int, list[TenantKey]] = defaultdict(list)
        for tenant_id, supplier_id, limit in keys:
            by_limit[limit].append((tenant_id, supplier_id))
        for limit, suppliers in by_limit.items():
            for order in await purchasing.latest_of_suppliers(connection, suppliers, limit=limit):
                grouped[(order.tenant_id, order.supplier_id, limit)].append(order)
        return grouped

    def missing(self) -> list[PurchaseOrderRecord]:
        return []
