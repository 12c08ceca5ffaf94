"""Fields the point-of-sale domain adds to `Tenant`."""

from __future__ import annotations

import uuid

import strawberry

from domains.kernel.context import RequestContext
from domains.kernel.pagination import Connection, paginate
from domains.pos import service
from domains.pos.models import PosSessionStatus
from domains.pos.repository.tills import device_record, session_record
from domains.pos.types import PosConfiguration, PosDevice, PosSession
from domains.tenants.types import Tenant

Info = strawberry.Info[RequestContext, None]


@strawberry.type
class PosTenantFields:
    @strawberry.field(description="The till configuration (the defaults until one is set).")
    async def pos_configuration(
        self, info: Info, root: strawberry.Parent[Tenant]
    ) -> PosConfiguration:
        async with info.context.uow.connection() as connection:
            found = await service.get_configuration(connection, tenant_id=uuid.UUID(root.id))
        return PosConfiguration.from_record(found)

    @strawberry.field(description="The tills, by name.")
    async def pos_devices(
        self,
        info: Info,
        root: strawberry.Parent[Tenant],
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[PosDevice]:
        return await paginate(
            info.context.uow,
            service.devices_query(uuid.UUID(root.id)),
            order_by=service.DEVICE_ORDER,
            first=first,
            after=after,
            node=lambda row: PosDevice.from_record(device_record(row)),
        )

    @strawberry.field(description="Till sessions by opening time (oldest first); filter by status.")
    async def pos_sessions(
        self,
        info: Info,
        root: strawberry.Parent[Tenant],
        first: int | None = None,
        after: str | None = None,
        status: PosSessionStatus | None = None,
    ) -> Connection[PosSession]:
        return await paginate(
            info.context.uow,
            service.sessions_query(uuid.UUID(root.id), status=status),
            order_by=service.SESSION_ORDER,
            first=first,
            after=after,
            node=lambda row: PosSession.from_record(session_record(row)),
        )
