"""Who may follow a deletion: the bakery's OWNER or ADMIN (even once it is deleted), a service,
or whoever started it (once the bakery and its memberships are gone)."""

from __future__ import annotations

import uuid

from domains.kernel.context import RequestContext
from domains.kernel.principal import ServicePrincipal
from domains.lifecycle.records import DeletionJobRecord
from domains.tenants.loaders import MembershipAnyStateLoader
from domains.tenants.roles import MemberRole


async def manages(context: RequestContext, tenant_id: uuid.UUID) -> bool:
    """The caller is a service or an OWNER/ADMIN of the tenant, live or soft-deleted."""
    principal = await context.authenticated()
    if isinstance(principal, ServicePrincipal):
        return True
    member = await context.loaders.get(MembershipAnyStateLoader).load(
        (tenant_id, principal.user_id)
    )
    return member is not None and member.role.at_least(MemberRole.ADMIN)


async def may_see(context: RequestContext, job: DeletionJobRecord) -> bool:
    """The caller may read this deletion job."""
    principal = await context.authenticated()
    return job.initiated_by == principal.label or await manages(context, job.tenant_id)
