"""Per-request DataLoaders of the users domain."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncConnection

from domains.kernel.loaders import Loader
from domains.users import service
from domains.users.records import UserRecord


class UserByIdLoader(Loader[uuid.UUID, UserRecord | None]):
    """Accounts by id."""

    async def fetch(
        self, connection: AsyncConnection, keys: Sequence[uuid.UUID]
    ) -> Mapping[uuid.UUID, UserRecord | None]:
        return {user.id: user for user in await service.get_many(connection, keys)}
