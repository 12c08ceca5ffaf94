"""Fields the training domain adds to `Tenant`."""

from __future__ import annotations

import uuid

import strawberry

from domains.kernel.context import RequestContext
from domains.kernel.ids import parse_id
from domains.kernel.pagination import Connection, paginate
from domains.tenants.types import Tenant
from domains.training import service
from domains.training.types import TrainedModel, TrainingJob

Info = strawberry.Info[RequestContext, None]


@strawberry.type
class TrainingTenantFields:
    @strawberry.field(description="Training jobs, oldest first.")
    async def training_jobs(
        self,
        info: Info,
        root: strawberry.Parent[Tenant],
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[TrainingJob]:
        return await paginate(
            info.context.uow,
            service.jobs_query(uuid.UUID(root.id)),
            order_by=service.JOB_ORDER,
            first=first,
            after=after,
            node=lambda row: TrainingJob.from_record(service.job_record(row)),
        )

    @strawberry.field(description="Trained models, every version, oldest first; filter by product.")
    async def models(
        self,
        info: Info,
        root: strawberry.Parent[Tenant],
        first: int | None = None,
        after: str | None = None,
        product_id: strawberry.ID | None = None,
    ) -> Connection[TrainedModel]:
        product = parse_id(product_id, argument="productId") if product_id else None
        return await paginate(
            info.context.uow,
            service.models_query(uuid.UUID(root.id), product_id=product),
            order_by=service.MODEL_ORDER,
            first=first,
            after=after,
            node=lambda row: TrainedModel.from_record(service.model_record(row)),
        )
