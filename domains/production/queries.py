"""Fields the production domain adds to `Tenant`."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

import strawberry

from domains.kernel.context import RequestContext
from domains.kernel.pagination import Connection, paginate
from domains.production import service
from domains.production.models import BatchStatus
from domains.production.repository import batch_record
from domains.production.types import ProductionBatch
from domains.tenants.types import Tenant

Info = strawberry.Info[RequestContext, None]


@strawberry.type
class ProductionTenantFields:
    @strawberry.field(
        description="Production batches by planned day, then by when they were planned."
    )
    async def production_batches(
        self,
        info: Info,
        root: strawberry.Parent[Tenant],
        first: int | None = None,
        after: str | None = None,
        status: BatchStatus | None = None,
        from_: Annotated[
            date | None, strawberry.argument(name="from", description="First day, included.")
        ] = None,
        to: Annotated[date | None, strawberry.argument(description="Last day, included.")] = None,
    ) -> Connection[ProductionBatch]:
        return await paginate(
            info.context.uow,
            service.batches_query(uuid.UUID(root.id), status=status, since=from_, until=to),
            order_by=service.BATCH_ORDER,
            first=first,
            after=after,
            node=lambda row: ProductionBatch.from_record(batch_record(row)),
        )
