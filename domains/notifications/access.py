"""Who is reading: a member sees their own notifications; OWNER, ADMIN, services and demo
visitors (in their demo bakery) everyone's."""

from __future__ import annotations

import uuid

import strawberry

from domains.kernel.context import RequestContext
from domains.kernel.principal import DemoVisitor, ServicePrincipal, UserPrincipal
from domains.notifications.records import Reader
from domains.tenants.loaders import MembershipByTenantAndUserLoader
from domains.tenants.roles import MemberRole

Info = strawberry.Info[RequestContext, None]


async def reader_of(info: Info, tenant_id: uuid.UUID) -> Reader:
    """The caller as a reader of the tenant's notifications.

    Runs after the field's role check, so the membership is already loaded for this request.
    """
    if isinstance(info.context.principal, DemoVisitor):
        return Reader(user_id=None, sees_all=True)  # the demo bakery's notifications are all theirs
    principal = await info.context.authenticated()
    if isinstance(principal, ServicePrincipal):
        return Reader(user_id=None, sees_all=True)
    assert isinstance(principal, UserPrincipal)
    membership = await info.context.loaders.get(MembershipByTenantAndUserLoader).load(
        (tenant_id, principal.user_id)
    )
    sees_all = membership is not None and membership.role.at_least(MemberRole.ADMIN)
    return Reader(user_id=principal.user_id, sees_all=sees_all)
