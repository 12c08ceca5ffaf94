"""Query fields of the tenants domain."""

from __future__ import annotations

import strawberry

from domains.kernel.context import RequestContext
from domains.kernel.ids import parse_id
from domains.kernel.permissions import IsAuthenticated, requires
from domains.kernel.principal import UserPrincipal
from domains.tenants import service
from domains.tenants.loaders import TenantByIdLoader
from domains.tenants.permissions import TenantRole
from domains.tenants.roles import MemberRole
from domains.tenants.types import Tenant, TenantMember

Info = strawberry.Info[RequestContext, None]


@strawberry.type
class TenantsQuery:
    @strawberry.field(
        description="A bakery the caller is a member of (any role), or any bakery for a service.",
        extensions=requires(TenantRole(MemberRole.VIEWER, argument="id")),
    )
    async def tenant(self, info: Info, id: strawberry.ID) -> Tenant | None:
        record = await info.context.loaders.get(TenantByIdLoader).load(parse_id(id, argument="id"))
        return Tenant.from_record(record) if record else None

    @strawberry.field(
        description="The bakeries the signed-in user is a member of; empty for a service.",
        extensions=requires(IsAuthenticated()),
    )
    async def my_tenants(self, info: Info) -> list[Tenant]:
        principal = await info.context.authenticated()
        if not isinstance(principal, UserPrincipal):
            return []
        async with info.context.uow.connection() as connection:
            records = await service.tenants_of_user(connection, principal.user_id)
        return [Tenant.from_record(record) for record in records]

    @strawberry.field(
        description="The OWNER and ADMIN members of a bakery; for its members and services.",
        extensions=requires(TenantRole(MemberRole.VIEWER)),
    )
    async def tenant_admins(self, info: Info, tenant_id: strawberry.ID) -> list[TenantMember]:
        async with info.context.uow.connection() as connection:
            records = await service.admins_of(connection, parse_id(tenant_id, argument="tenantId"))
        return [TenantMember.from_record(record) for record in records]
