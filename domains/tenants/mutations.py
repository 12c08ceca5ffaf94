"""Mutations of the tenants domain."""

from __future__ import annotations

import strawberry

from domains.kernel.context import RequestContext
from domains.kernel.ids import parse_id
from domains.kernel.payloads import UserError, actor, attempt
from domains.kernel.permissions import IsService, IsUser, requires
from domains.kernel.principal import UserPrincipal
from domains.tenants import service
from domains.tenants.permissions import TenantRole
from domains.tenants.roles import MemberRole
from domains.tenants.types import (
    CreateTenantInput,
    DeleteUserMembershipsPayload,
    Tenant,
    TenantMember,
    TenantMemberPayload,
    TenantPayload,
)

Info = strawberry.Info[RequestContext, None]


@strawberry.type
class TenantsMutation:
    @strawberry.mutation(
        description="Create a bakery; the signed-in user becomes its OWNER.",
        extensions=requires(IsUser()),
    )
    async def create_tenant(self, info: Info, input: CreateTenantInput) -> TenantPayload:
        user = await info.context.user()
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.create_tenant(
                connection,
                owner_id=user.user_id,
                name=input.name,
                business_model=input.business_model,
            ),
        )
        if isinstance(outcome, list):
            return TenantPayload(errors=outcome)
        return TenantPayload(tenant=Tenant.from_record(outcome))

    @strawberry.mutation(
        description="Give an existing account a role in the bakery (not OWNER). OWNER or ADMIN.",
        extensions=requires(TenantRole(MemberRole.ADMIN)),
    )
    async def add_tenant_member(
        self, info: Info, tenant_id: strawberry.ID, email: str, role: MemberRole
    ) -> TenantMemberPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.add_member(
                connection, tenant_id=tenant, email=email, role=role
            ),
        )
        if isinstance(outcome, list):
            return TenantMemberPayload(errors=outcome)
        return TenantMemberPayload(member=TenantMember.from_record(outcome))

    @strawberry.mutation(
        description="Change a member's role (not to or from OWNER). OWNER or ADMIN.",
        extensions=requires(TenantRole(MemberRole.ADMIN)),
    )
    async def update_member_role(
        self, info: Info, tenant_id: strawberry.ID, user_id: strawberry.ID, role: MemberRole
    ) -> TenantMemberPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        user = parse_id(user_id, argument="userId")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.update_member_role(
                connection, tenant_id=tenant, user_id=user, role=role
            ),
        )
        if isinstance(outcome, list):
            return TenantMemberPayload(errors=outcome)
        return TenantMemberPayload(member=TenantMember.from_record(outcome))

    @strawberry.mutation(
        description="Remove a member from the bakery (never the owner). OWNER or ADMIN.",
        extensions=requires(TenantRole(MemberRole.ADMIN)),
    )
    async def remove_tenant_member(
        self, info: Info, tenant_id: strawberry.ID, user_id: strawberry.ID
    ) -> TenantMemberPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        user = parse_id(user_id, argument="userId")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.remove_member(
                connection, tenant_id=tenant, user_id=user, actor=actor(info.context.principal)
            ),
        )
        if isinstance(outcome, list):
            return TenantMemberPayload(errors=outcome)
        return TenantMemberPayload(member=TenantMember.from_record(outcome))

    @strawberry.mutation(
        description=(
            "Hand the bakery to an ADMIN member, who becomes OWNER; the old owner becomes ADMIN. "
            "OWNER or a service."
        ),
        extensions=requires(TenantRole(MemberRole.OWNER)),
    )
    async def transfer_ownership(
        self, info: Info, tenant_id: strawberry.ID, new_owner_id: strawberry.ID
    ) -> TenantPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        new_owner = parse_id(new_owner_id, argument="newOwnerId")
        principal = await info.context.authenticated()
        by_user = principal.user_id if isinstance(principal, UserPrincipal) else None
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.transfer_ownership(
                connection,
                tenant_id=tenant,
                new_owner_id=new_owner,
                by_user=by_user,
                actor=actor(principal),
            ),
        )
        if isinstance(outcome, list):
            return TenantPayload(errors=outcome)
        return TenantPayload(tenant=Tenant.from_record(outcome))

    @strawberry.mutation(
        description=(
            "Remove a person from every bakery; bakeries they own are reported in `errors` and "
            "left untouched. Services only."
        ),
        extensions=requires(IsService()),
    )
    async def delete_user_memberships(
        self, info: Info, user_id: strawberry.ID
    ) -> DeleteUserMembershipsPayload:
        user = parse_id(user_id, argument="userId")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.delete_user_memberships(
                connection, user_id=user, actor=actor(info.context.principal)
            ),
        )
        if isinstance(outcome, list):
            return DeleteUserMembershipsPayload(errors=outcome)
        removed, problems = outcome
        return DeleteUserMembershipsPayload(
            removed_from_tenant_ids=[strawberry.ID(str(tenant)) for tenant in removed],
            errors=[UserError.from_problem(problem) for problem in problems],
        )
