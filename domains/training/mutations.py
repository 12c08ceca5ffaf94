"""Mutations of the training domain: fitting models is for OWNER or ADMIN."""

from __future__ import annotations

import strawberry

from domains.kernel.context import RequestContext
from domains.kernel.ids import parse_id
from domains.kernel.jobs import JobQueue
from domains.kernel.payloads import attempt
from domains.kernel.permissions import requires
from domains.tenants.permissions import TenantRole
from domains.tenants.roles import MemberRole
from domains.training import service
from domains.training.types import TrainingJob, TrainingJobPayload

Info = strawberry.Info[RequestContext, None]
MANAGER = requires(TenantRole(MemberRole.ADMIN))


@strawberry.type
class TrainingMutation:
    @strawberry.mutation(
        description="Queue a job fitting a new model version of each product given (every "
        "product sold in the last 8 weeks when none), each made its product's active model. "
        "OWNER or ADMIN.",
        extensions=MANAGER,
    )
    async def start_training_job(
        self,
        info: Info,
        tenant_id: strawberry.ID,
        product_ids: list[strawberry.ID] | None = None,
    ) -> TrainingJobPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        products = (
            None
            if product_ids is None
            else [parse_id(i, argument=f"productIds.{n}") for n, i in enumerate(product_ids)]
        )
        queue = info.context.dependency(JobQueue)
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.start_training_job(
                connection, queue=queue, tenant_id=tenant, product_ids=products
            ),
        )
        if isinstance(outcome, list):
            return TrainingJobPayload(errors=outcome)
        return TrainingJobPayload(job=TrainingJob.from_record(outcome))
