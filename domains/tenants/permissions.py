"""Tenant role checks, declared on fields: `requires(TenantRole(MemberRole.ADMIN))`."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import strawberry
from strawberry.permission import BasePermission
from strawberry.utils.str_converters import to_camel_case

from domains.demo.accounts import TEMPLATE_TENANT_IDS
from domains.kernel.context import RequestContext
from domains.kernel.errors import Forbidden
from domains.kernel.ids import parse_id
from domains.kernel.principal import DemoVisitor, UserPrincipal
from domains.tenants.loaders import (
    MembershipAnyStateLoader,
    MembershipByTenantAndUserLoader,
    TenantIsDeletedLoader,
)
from domains.tenants.roles import MemberRole


class TenantRole(BasePermission):
    """The caller is a member of the tenant with at least this role, or a service.

    The tenant comes from the argument `argument` (Python name) or, when the field hangs off a
    `Tenant`, from the parent object. A tenant that does not exist and one the caller is not a
    member of are both FORBIDDEN, so ids of other tenants reveal nothing. A demo visitor may use
    its session's virtual tenant and no other; the demo templates are nobody's tenant (their
    copies are what visitors see), so no caller, service or not, reads, changes or deletes them.
    """

    def __init__(
        self,
        at_least: MemberRole,
        *,
        argument: str = "tenant_id",
        services: bool = True,
        include_deleted: bool = False,
    ) -> None:
        self.at_least = at_least
        self.argument = argument
        self.services = services
        # A soft-deleted tenant is hidden from everything but what restores or follows its deletion.
        self.include_deleted = include_deleted
        self.denial = f"Requires the {at_least.value} role in this bakery."

    async def has_permission(
        self, source: Any, info: strawberry.Info[RequestContext, None], **kwargs: Any
    ) -> bool:
        claimed = info.context.principal
        raw = kwargs.get(self.argument)
        if isinstance(claimed, DemoVisitor):
            tenant_id = parse_id(
                source.id if raw is None else raw, argument=to_camel_case(self.argument)
            )
            if tenant_id != claimed.tenant_id:
                raise Forbidden("A demo session can only use its own demo bakery.")
            return True
        if raw is not None and _is_template(raw):
            raise Forbidden(self.denial)
        if not isinstance(claimed, UserPrincipal):
            await info.context.authenticated()  # UNAUTHENTICATED unless a service
            if not self.services:
                raise Forbidden("Services cannot do this.")
            # A field of `Tenant` hangs off a tenant already read live; an argument may not be.
            if raw is not None and not self.include_deleted:
                tenant_id = parse_id(raw, argument=to_camel_case(self.argument))
                if await info.context.loaders.get(TenantIsDeletedLoader).load(tenant_id):
                    raise Forbidden("This bakery has been deleted.")
            return True
        if raw is None:  # a field of `Tenant`: the tenant is the parent
            raw = source.id
        tenant_id = parse_id(raw, argument=to_camel_case(self.argument))
        loader = (
            MembershipAnyStateLoader if self.include_deleted else MembershipByTenantAndUserLoader
        )
        # The membership is fetched while the account is checked: one round trip, not two.
        _, membership = await asyncio.gather(
            info.context.authenticated(),
            info.context.loaders.get(loader).load((tenant_id, claimed.user_id)),
        )
        if membership is None or not membership.role.at_least(self.at_least):
            raise Forbidden(self.denial)
        return True


def _is_template(raw: object) -> bool:
    try:
        return uuid.UUID(str(raw)) in TEMPLATE_TENANT_IDS
    except ValueError:  # a malformed id is refused by the checks that follow
        return False
