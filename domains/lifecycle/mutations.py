"""Mutations of the lifecycle domain."""

from __future__ import annotations

import strawberry

from domains.kernel.context import RequestContext
from domains.kernel.errors import Forbidden
from domains.kernel.ids import parse_id
from domains.kernel.jobs import JobQueue
from domains.kernel.payloads import actor, attempt
from domains.kernel.permissions import IsAuthenticated, requires
from domains.kernel.principal import UserPrincipal
from domains.lifecycle import erasure, service
from domains.lifecycle.kinds import DeletionMode
from domains.lifecycle.policy import LifecyclePolicy
from domains.lifecycle.types import DeleteUserPayload, DeletionJob, DeletionJobPayload
from domains.tenants.permissions import TenantRole
from domains.tenants.roles import MemberRole
from domains.tenants.types import Tenant, TenantPayload

Info = strawberry.Info[RequestContext, None]


@strawberry.type
class LifecycleMutation:
    @strawberry.mutation(
        description=(
            "Delete a bakery. SCHEDULED (default): hidden at once, restorable until `purgeAfter`, "
            "then purged. IMMEDIATE: purged now. A deletion already under way is returned "
            "instead of a new one. OWNER or ADMIN, or a service."
        ),
        extensions=requires(TenantRole(MemberRole.ADMIN, include_deleted=True)),
    )
    async def delete_tenant(
        self,
        info: Info,
        tenant_id: strawberry.ID,
        reason: str | None = None,
        mode: DeletionMode = DeletionMode.SCHEDULED,
    ) -> DeletionJobPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        context = info.context
        outcome = await attempt(
            context.uow,
            lambda connection: service.delete_tenant(
                connection,
                policy=context.dependency(LifecyclePolicy),
                queue=context.dependency(JobQueue),
                tenant_id=tenant,
                reason=reason,
                mode=mode,
                actor=actor(context.principal),
            ),
        )
        if isinstance(outcome, list):
            return DeletionJobPayload(errors=outcome)
        return DeletionJobPayload(job=DeletionJob.from_record(outcome))

    @strawberry.mutation(
        description=(
            "Bring back a bakery deleted with SCHEDULED before its purge. OWNER or ADMIN, or a "
            "service."
        ),
        extensions=requires(TenantRole(MemberRole.ADMIN, include_deleted=True)),
    )
    async def restore_tenant(self, info: Info, tenant_id: strawberry.ID) -> TenantPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.restore_tenant(
                connection, tenant_id=tenant, actor=actor(info.context.principal)
            ),
        )
        if isinstance(outcome, list):
            return TenantPayload(errors=outcome)
        return TenantPayload(tenant=Tenant.from_record(outcome))

    @strawberry.mutation(
        description=(
            "Delete an account: each bakery it owns goes to its longest-standing other ADMIN, or "
            "is deleted (SCHEDULED) when there is none; memberships and personal data are erased "
            "and its tokens stop working. The person themself or a service."
        ),
        extensions=requires(IsAuthenticated()),
    )
    async def delete_user(
        self, info: Info, user_id: strawberry.ID, reason: str | None = None
    ) -> DeleteUserPayload:
        user = parse_id(user_id, argument="userId")
        context = info.context
        principal = await context.authenticated()
        if isinstance(principal, UserPrincipal) and principal.user_id != user:
            raise Forbidden("Only the person themself or a service can delete an account.")
        outcome = await attempt(
            context.uow,
            lambda connection: erasure.delete_user(
                connection,
                policy=context.dependency(LifecyclePolicy),
                queue=context.dependency(JobQueue),
                user_id=user,
                reason=reason,
                actor=actor(principal),
            ),
        )
        if isinstance(outcome, list):
            return DeleteUserPayload(errors=outcome)
        return DeleteUserPayload(
            user_id=strawberry.ID(str(user)),
            transferred_tenants=[Tenant.from_record(t) for t in outcome.transferred],
            deletion_jobs=[DeletionJob.from_record(job) for job in outcome.jobs],
        )
