"""The users domain as the gateway sees it."""

from __future__ import annotations

from domains.kernel.domain import Domain
from domains.users.models import UsersBase
from domains.users.mutations import UsersMutation
from domains.users.queries import UsersQuery

DOMAIN = Domain(
    name="users",
    metadata=UsersBase.metadata,
    query=UsersQuery,
    mutation=UsersMutation,
)
