"""Who is calling, from the request's headers."""

from __future__ import annotations

import uuid

from db import row_security
from domains.kernel.loaders import Loaders
from domains.kernel.principal import (
    Anonymous,
    DemoVisitor,
    Principal,
    ServicePrincipal,
    UserPrincipal,
)
from domains.users.loaders import UserByIdLoader
from domains.users.tokens import InvalidToken, TokenCodec


def principal_from_authorization(header: str | None, tokens: TokenCodec) -> Principal:
    """The principal a `Authorization: Bearer <jwt>` header proves, or Anonymous saying why not.

    Nothing is refused here: a field that needs a principal refuses with UNAUTHENTICATED, so a
    bad token does not break `login` or `signUp`.
    """
    if header is None:
        return Anonymous()
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return Anonymous("The Authorization header must be `Bearer <token>`.")
    try:
        claims = tokens.decode(token.strip())
    except InvalidToken as invalid:
        return Anonymous(str(invalid))
    if claims.type == "service":
        return ServicePrincipal(name=claims.subject)
    try:
        user_id = uuid.UUID(claims.subject)
    except ValueError:
        return Anonymous("The access token is not valid.")
    return UserPrincipal(user_id=user_id, token_id=claims.token_id)


async def user_still_exists(principal: UserPrincipal, loaders: Loaders) -> bool:
    """Whether the token's account still exists (a deleted account's tokens stop at once).

    Read through the request's user loader, so a field that then loads the caller (`me`, an
    owner, a member list) finds the account in the cache instead of querying again.
    """
    return await loaders.get(UserByIdLoader).load(principal.user_id) is not None


def row_scope(principal: Principal) -> row_security.Scope:
    """The tenants the database shows this caller: its memberships, its demo copy, or none.

    Services are the platform: they act on any tenant (their fields check which).
    """
    if isinstance(principal, UserPrincipal):
        return row_security.user(principal.user_id)
    if isinstance(principal, DemoVisitor):
        return row_security.tenant(principal.tenant_id)
    if isinstance(principal, ServicePrincipal):
        return row_security.PLATFORM
    return row_security.NOBODY
