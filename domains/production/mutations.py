"""Mutations of the production domain. MEMBER or above runs production."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal

import strawberry

from domains.kernel.context import RequestContext
from domains.kernel.ids import parse_id
from domains.kernel.payloads import UserError, actor, attempt
from domains.kernel.permissions import requires
from domains.kernel.principal import UserPrincipal
from domains.production import service
from domains.production.records import BatchRecord
from domains.production.types import (
    PlanProductionBatchInput,
    ProductionBatch,
    ProductionBatchPayload,
    QualityCheck,
    QualityCheckInput,
    QualityCheckPayload,
)
from domains.tenants.permissions import TenantRole
from domains.tenants.roles import MemberRole

Info = strawberry.Info[RequestContext, None]
OPERATOR = requires(TenantRole(MemberRole.MEMBER))


def _user_id(info: Info) -> uuid.UUID | None:
    """The calling person, recorded as operator or checker; None for a service."""
    principal = info.context.principal
    return principal.user_id if isinstance(principal, UserPrincipal) else None


def _payload(outcome: BatchRecord | list[UserError]) -> ProductionBatchPayload:
    if isinstance(outcome, list):
        return ProductionBatchPayload(errors=outcome)
    return ProductionBatchPayload(batch=ProductionBatch.from_record(outcome))


@strawberry.type
class ProductionMutation:
    @strawberry.mutation(
        description="Plan a batch of a recipe for a day. MEMBER or above.", extensions=OPERATOR
    )
    async def plan_production_batch(
        self, info: Info, tenant_id: strawberry.ID, input: PlanProductionBatchInput
    ) -> ProductionBatchPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        recipe_id = parse_id(input.recipe_id, argument="recipeId")
        return _payload(
            await attempt(
                info.context.uow,
                lambda connection: service.plan_batch(
                    connection,
                    tenant_id=tenant,
                    recipe_id=recipe_id,
                    planned_quantity=input.planned_quantity,
                    planned_for=input.planned_for,
                    notes=input.notes,
                ),
            )
        )

    @strawberry.mutation(
        description="Start a PLANNED batch; the caller becomes its operator. MEMBER or above.",
        extensions=OPERATOR,
    )
    async def start_production_batch(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID
    ) -> ProductionBatchPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        batch_id = parse_id(id, argument="id")
        return _payload(
            await attempt(
                info.context.uow,
                lambda connection: service.start_batch(
                    connection, tenant_id=tenant, batch_id=batch_id, operator_id=_user_id(info)
                ),
            )
        )

    @strawberry.mutation(
        description=(
            "Complete a batch IN_PROGRESS: its ingredients leave stock and what it yielded "
            "(in the recipe's yield unit) enters the product's stock, all or nothing. "
            "MEMBER or above."
        ),
        extensions=OPERATOR,
    )
    async def complete_production_batch(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID, actual_quantity: Decimal
    ) -> ProductionBatchPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        batch_id = parse_id(id, argument="id")
        return _payload(
            await attempt(
                info.context.uow,
                lambda connection: service.complete_batch(
                    connection,
                    tenant_id=tenant,
                    batch_id=batch_id,
                    actual_quantity=actual_quantity,
                    actor=actor(info.context.principal),
                    today=datetime.now(UTC).date(),
                ),
            )
        )

    @strawberry.mutation(
        description="Cancel a batch PLANNED or IN_PROGRESS; no stock moves. MEMBER or above.",
        extensions=OPERATOR,
    )
    async def cancel_production_batch(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID
    ) -> ProductionBatchPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        batch_id = parse_id(id, argument="id")
        return _payload(
            await attempt(
                info.context.uow,
                lambda connection: service.cancel_batch(
                    connection, tenant_id=tenant, batch_id=batch_id
                ),
            )
        )

    @strawberry.mutation(
        description="Record a quality check of a batch in progress or completed. MEMBER or above.",
        extensions=OPERATOR,
    )
    async def record_quality_check(
        self,
        info: Info,
        tenant_id: strawberry.ID,
        batch_id: strawberry.ID,
        input: QualityCheckInput,
    ) -> QualityCheckPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        batch = parse_id(batch_id, argument="batchId")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.record_quality_check(
                connection,
                tenant_id=tenant,
                batch_id=batch,
                check_type=input.check_type,
                passed=input.passed,
                score=input.score,
                notes=input.notes,
                checked_by=_user_id(info),
            ),
        )
        if isinstance(outcome, list):
            return QualityCheckPayload(errors=outcome)
        return QualityCheckPayload(quality_check=QualityCheck.from_record(outcome))
