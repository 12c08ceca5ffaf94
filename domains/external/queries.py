"""Fields the external domain adds to `Tenant`."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

import strawberry

from domains.external import service
from domains.external.models import DataKind
from domains.external.repository.cache import data_record
from domains.external.types import ApiKeyUsage, ExternalData
from domains.kernel.context import RequestContext
from domains.kernel.pagination import Connection, paginate
from domains.kernel.permissions import requires
from domains.tenants.permissions import TenantRole
from domains.tenants.roles import MemberRole
from domains.tenants.types import Tenant

Info = strawberry.Info[RequestContext, None]


@strawberry.type
class ExternalTenantFields:
    @strawberry.field(
        description="Stored external data by date; filter by kind, location (any case) and day "
        "(`from` and `to` included, at most 366 days apart)."
    )
    async def external_data(
        self,
        info: Info,
        root: strawberry.Parent[Tenant],
        first: int | None = None,
        after: str | None = None,
        kind: DataKind | None = None,
        day_from: Annotated[
            date | None, strawberry.argument(name="from", description="First day.")
        ] = None,
        day_to: Annotated[
            date | None, strawberry.argument(name="to", description="Last day.")
        ] = None,
        location: str | None = None,
    ) -> Connection[ExternalData]:
        return await paginate(
            info.context.uow,
            service.data_query(
                uuid.UUID(root.id),
                kind=kind,
                location=location,
                day_from=day_from,
                day_to=day_to,
            ),
            order_by=service.DATA_ORDER,
            first=first,
            after=after,
            node=lambda row: ExternalData.from_record(data_record(row)),
        )

    @strawberry.field(
        description="Calls made to each provider per day (UTC), by day then provider, within "
        "`from` and `to` (included, at most 366 days apart). OWNER or ADMIN.",
        extensions=requires(TenantRole(MemberRole.ADMIN)),
    )
    async def api_key_usage(
        self,
        info: Info,
        root: strawberry.Parent[Tenant],
        day_from: Annotated[date, strawberry.argument(name="from", description="First day.")],
        day_to: Annotated[date, strawberry.argument(name="to", description="Last day.")],
    ) -> list[ApiKeyUsage]:
        async with info.context.uow.connection() as connection:
            usage = await service.get_usage(
                connection, tenant_id=uuid.UUID(root.id), day_from=day_from, day_to=day_to
            )
        return [ApiKeyUsage.from_record(record) for record in usage]
