"""Per-request DataLoaders of the orders domain, keyed by tenant so no key crosses tenants."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncConnection

from domains.kernel.loaders import Loader
from domains.orders import ordering, service
from domains.orders.records import CustomerRecord, OrderItemRecord, StatusChangeRecord

TenantKey = tuple[uuid.UUID, uuid.UUID]


class CustomerByIdLoader(Loader[TenantKey, CustomerRecord | None]):
    """Live customers by (tenant id, id); deleted ones load as None."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[TenantKey]
    ) -> Mapping[TenantKey, CustomerRecord | None]:
        found = await service.get_customers(connection, keys)
        return {(record.tenant_id, record.id): record for record in found}


class ItemsByOrderLoader(Loader[TenantKey, list[OrderItemRecord]]):
    """Items of each (tenant id, order id), in the order they were given."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[TenantKey]
    ) -> Mapping[TenantKey, list[OrderItemRecord]]:
        grouped: dict[TenantKey, list[OrderItemRecord]] = defaultdict(list)
        for item in await ordering.items_of(connection, keys):
            grouped[(item.tenant_id, item.order_id)].append(item)
        return grouped

    def missing(self) -> list[OrderItemRecord]:
        return []


class StatusHistoryByOrderLoader(Loader[TenantKey, list[StatusChangeRecord]]):
    """Status changes of each (tenant id, order id), oldest first."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[TenantKey]
    ) -> Mapping[TenantKey, list[StatusChangeRecord]]:
        grouped: dict[TenantKey, list[StatusChangeRecord]] = defaultdict(list)
        for change in await ordering.history_of(connection, keys):
            grouped[(change.tenant_id, change.order_id)].append(change)
        return grouped

    def missing(self) -> list[StatusChangeRecord]:
        return []
