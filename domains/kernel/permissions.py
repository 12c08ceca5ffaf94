"""Permission classes shared by every domain, attached to fields with `requires(...)`."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.extensions.field_extension import FieldExtension
from strawberry.permission import BasePermission, PermissionExtension

from domains.kernel.context import RequestContext
from domains.kernel.errors import Forbidden
from domains.kernel.principal import ServicePrincipal


def requires(*permissions: BasePermission) -> list[FieldExtension]:
    """Field extensions that check `permissions` before the resolver runs."""
    return [PermissionExtension(permissions=list(permissions), use_directives=False)]


class IsAuthenticated(BasePermission):
    """A signed-in user or a service (UNAUTHENTICATED otherwise)."""

    message = "Authentication required."

    async def has_permission(
        self, source: Any, info: strawberry.Info[RequestContext, None], **kwargs: Any
    ) -> bool:
        await info.context.authenticated()
        return True


class IsUser(BasePermission):
    """A signed-in user; services are FORBIDDEN (they act for no person)."""

    message = "Only a signed-in user can do this."

    async def has_permission(
        self, source: Any, info: strawberry.Info[RequestContext, None], **kwargs: Any
    ) -> bool:
        await info.context.user()
        return True


class IsService(BasePermission):
    """An internal service (service JWT); users are FORBIDDEN."""

    message = "Only an internal service can do this."

    async def has_permission(
        self, source: Any, info: strawberry.Info[RequestContext, None], **kwargs: Any
    ) -> bool:
        if not isinstance(await info.context.authenticated(), ServicePrincipal):
            raise Forbidden(self.message)
        return True
