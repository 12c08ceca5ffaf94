"""Per-request DataLoaders of the point-of-sale domain, keyed by tenant so no key crosses
tenants."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncConnection

from domains.kernel.loaders import Loader
from domains.pos import selling, service
from domains.pos.records import PosDeviceRecord, PosTransactionLineRecord, PosTransactionRecord

TenantKey = tuple[uuid.UUID, uuid.UUID]


class PosDeviceByIdLoader(Loader[TenantKey, PosDeviceRecord | None]):
    """Tills by (tenant id, id)."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[TenantKey]
    ) -> Mapping[TenantKey, PosDeviceRecord | None]:
        found = await service.get_devices(connection, keys)
        return {(record.tenant_id, record.id): record for record in found}


class TransactionsBySessionLoader(Loader[TenantKey, list[PosTransactionRecord]]):
    """Transactions of each (tenant id, session id), oldest first."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[TenantKey]
    ) -> Mapping[TenantKey, list[PosTransactionRecord]]:
        grouped: dict[TenantKey, list[PosTransactionRecord]] = defaultdict(list)
        for transaction in await selling.transactions_of(connection, keys):
            grouped[(transaction.tenant_id, transaction.session_id)].append(transaction)
        return grouped

    def missing(self) -> list[PosTransactionRecord]:
        return []


class LinesByTransactionLoader(Loader[TenantKey, list[PosTransactionLineRecord]]):
    """Lines of each (tenant id, transaction id), in the order they were given."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[TenantKey]
    ) -> Mapping[TenantKey, list[PosTransactionLineRecord]]:
        grouped: dict[TenantKey, list[PosTransactionLineRecord]] = defaultdict(list)
        for line in await selling.lines_of(connection, keys):
            grouped[(line.tenant_id, line.transaction_id)].append(line)
        return grouped

    def missing(self) -> list[PosTransactionLineRecord]:
        return []
