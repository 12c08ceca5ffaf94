"""Per-request DataLoaders of the production domain, keyed by tenant so no key crosses tenants."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncConnection

from domains.kernel.loaders import Loader
from domains.production import service
from domains.production.records import QualityCheckRecord

TenantKey = tuple[uuid.UUID, uuid.UUID]


class QualityChecksByBatchLoader(Loader[TenantKey, list[QualityCheckRecord]]):
    """Quality checks of each (tenant id, batch id), oldest first."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[TenantKey]
    ) -> Mapping[TenantKey, list[QualityCheckRecord]]:
        grouped: dict[TenantKey, list[QualityCheckRecord]] = defaultdict(list)
        for check in await service.checks_of(connection, keys):
            grouped[(check.tenant_id, check.batch_id)].append(check)
        return grouped

    def missing(self) -> list[QualityCheckRecord]:
        return []
