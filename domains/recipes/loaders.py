"""Per-request DataLoaders of the recipes domain, keyed by tenant so no key crosses tenants."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncConnection

from domains.kernel.loaders import Loader
from domains.recipes import service
from domains.recipes.records import RecipeLineRecord, RecipeRecord

TenantKey = tuple[uuid.UUID, uuid.UUID]


class RecipeByIdLoader(Loader[TenantKey, RecipeRecord | None]):
    """Live recipes by (tenant id, id); deleted ones load as None."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[TenantKey]
    ) -> Mapping[TenantKey, RecipeRecord | None]:
        found = await service.get_recipes(connection, keys)
        return {(record.tenant_id, record.id): record for record in found}


class RecipeLinesByRecipeLoader(Loader[TenantKey, list[RecipeLineRecord]]):
    """Lines of each (tenant id, recipe id), in position order."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[TenantKey]
    ) -> Mapping[TenantKey, list[RecipeLineRecord]]:
        grouped: dict[TenantKey, list[RecipeLineRecord]] = defaultdict(list)
        for line in await service.lines_of(connection, keys):
            grouped[(line.tenant_id, line.recipe_id)].append(line)
        return grouped

    def missing(self) -> list[RecipeLineRecord]:
        return []
