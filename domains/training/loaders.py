"""Per-request DataLoaders of the training domain, keyed by tenant so no key crosses tenants."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncConnection

from domains.kernel.loaders import Loader
from domains.training import service
from domains.training.records import TrainedModelRecord

TenantKey = tuple[uuid.UUID, uuid.UUID]


class TrainedModelByIdLoader(Loader[TenantKey, TrainedModelRecord | None]):
    """Trained models by (tenant id, id)."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[TenantKey]
    ) -> Mapping[TenantKey, TrainedModelRecord | None]:
        found = await service.get_models(connection, keys)
        return {(record.tenant_id, record.id): record for record in found}
