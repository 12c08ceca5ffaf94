"""Query fields of the lifecycle domain."""

from __future__ import annotations

import strawberry

from domains.kernel.context import RequestContext
from domains.kernel.errors import Forbidden
from domains.kernel.ids import parse_id
from domains.kernel.pagination import Connection, paginate
from domains.kernel.permissions import IsAuthenticated, requires
from domains.kernel.principal import UserPrincipal
from domains.lifecycle import access, service
from domains.lifecycle.loaders import DeletionJobByIdLoader
from domains.lifecycle.policy import LifecyclePolicy
from domains.lifecycle.types import DeletionJob, DeletionPreview
from domains.tenants.permissions import TenantRole
from domains.tenants.roles import MemberRole

Info = strawberry.Info[RequestContext, None]


@strawberry.type
class LifecycleQuery:
    @strawberry.field(
        description=(
            "What deleting the bakery would remove: rows per domain and entity, every domain "
            "listed. OWNER or ADMIN, or a service."
        ),
        extensions=requires(TenantRole(MemberRole.ADMIN)),
    )
    async def deletion_preview(self, info: Info, tenant_id: strawberry.ID) -> DeletionPreview:
        tenant = parse_id(tenant_id, argument="tenantId")
        policy = info.context.dependency(LifecyclePolicy)
        async with info.context.uow.connection() as connection:
            counts = await service.preview(connection, policy=policy, tenant_id=tenant)
        return DeletionPreview.from_counts(tenant, counts)

    @strawberry.field(
        description=(
            "A deletion job, for the bakery's OWNER or ADMIN, whoever started it, or a service; "
            "jobs outlive their bakery."
        ),
        extensions=requires(IsAuthenticated()),
    )
    async def deletion_job(self, info: Info, id: strawberry.ID) -> DeletionJob | None:
        job = await info.context.loaders.get(DeletionJobByIdLoader).load(
            parse_id(id, argument="id")
        )
        if job is None or not await access.may_see(info.context, job):
            return None  # another bakery's job is as absent as a missing one
        return DeletionJob.from_record(job)

    @strawberry.field(
        description=(
            "Deletion jobs, oldest first: of one bakery (its OWNER or ADMIN, or a service), or "
            "without `tenantId` those the caller started (every job, for a service)."
        ),
        extensions=requires(IsAuthenticated()),
    )
    async def deletion_jobs(
        self,
        info: Info,
        tenant_id: strawberry.ID | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[DeletionJob]:
        principal = await info.context.authenticated()
        tenant = parse_id(tenant_id, argument="tenantId") if tenant_id is not None else None
        if tenant is not None and not await access.manages(info.context, tenant):
            raise Forbidden("Requires the ADMIN role in this bakery.")
        mine = tenant is None and isinstance(principal, UserPrincipal)
        return await paginate(
            info.context.uow,
            service.jobs_query(tenant_id=tenant, initiated_by=principal.label if mine else None),
            order_by=service.JOB_ORDER,
            first=first,
            after=after,
            node=lambda row: DeletionJob.from_record(service.job_record(row)),
        )
