"""Query fields of the users domain."""

from __future__ import annotations

import strawberry

from domains.kernel.context import RequestContext
from domains.kernel.permissions import IsAuthenticated, requires
from domains.kernel.principal import UserPrincipal
from domains.users.loaders import UserByIdLoader
from domains.users.types import User


@strawberry.type
class UsersQuery:
    @strawberry.field(
        description="The signed-in user; null for a service token.",
        extensions=requires(IsAuthenticated()),
    )
    async def me(self, info: strawberry.Info[RequestContext, None]) -> User | None:
        principal = await info.context.authenticated()
        if not isinstance(principal, UserPrincipal):
            return None
        record = await info.context.loaders.get(UserByIdLoader).load(principal.user_id)
        return User.from_record(record) if record else None
