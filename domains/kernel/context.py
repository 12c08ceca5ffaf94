"""The per-request context every resolver receives as `info.context`."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from db.unit_of_work import UnitOfWork
from domains.kernel.errors import (
    DemoSessionExpired,
    DemoSessionNotFound,
    Forbidden,
    GatewayError,
    Unauthenticated,
)
from domains.kernel.loaders import Loaders
from domains.kernel.principal import (
    Anonymous,
    Authenticated,
    DemoVisitor,
    Principal,
    ServicePrincipal,
    UserPrincipal,
)

T = TypeVar("T")

_REFUSALS: dict[str, type[GatewayError]] = {
    DemoSessionNotFound.code: DemoSessionNotFound,
    DemoSessionExpired.code: DemoSessionExpired,
}

UserVerifier = Callable[[UserPrincipal, Loaders], Awaitable[bool]]


class RequestContext:
    """Principal, unit of work, DataLoaders and process-wide dependencies of one request."""

    def __init__(
        self,
        *,
        request_id: str,
        principal: Principal,
        uow: UnitOfWork,
        dependencies: Mapping[type, object],
        verify_user: UserVerifier,
        log_fields: dict[str, Any] | None = None,
        client_address: str = "",
    ) -> None:
        self.request_id = request_id
        self.principal = principal
        self.client_address = client_address  # the caller's IP address, as the server saw it
        self.uow = uow
        self.loaders = Loaders(uow)
        self._dependencies = dependencies
        self._verify_user = verify_user
        self._verified: bool | None = None
        self._verifying = asyncio.Lock()  # root fields authenticate concurrently; check once
        # Fields for the request's access log line (operation name, principal, ...).
        self.log_fields: dict[str, Any] = {} if log_fields is None else log_fields

    def dependency(self, kind: type[T]) -> T:
        """The process-wide object of this class (token codec, password hasher, settings)."""
        found = self._dependencies.get(kind)
        if not isinstance(found, kind):
            raise LookupError(f"no {kind.__name__} in the request context")
        return found

    async def authenticated(self) -> Authenticated:
        """The calling user or service, or UNAUTHENTICATED.

        A user token is honoured only while its user exists, so deleting an account stops its
        tokens at once; the check runs once per request.
        """
        principal = self.principal
        if isinstance(principal, ServicePrincipal):
            return principal
        if isinstance(principal, UserPrincipal):
            async with self._verifying:
                if self._verified is None:
                    self._verified = await self._verify_user(principal, self.loaders)
            if self._verified:
                return principal
            raise Unauthenticated("This account no longer exists.")
        if isinstance(principal, DemoVisitor):
            raise Forbidden("A demo session can only read and try its own demo bakery.")
        if isinstance(principal, Anonymous) and principal.problem:
            raise _REFUSALS.get(principal.code, Unauthenticated)(principal.problem)
        raise Unauthenticated("Authentication required: send `Authorization: Bearer <token>`.")

    async def user(self) -> UserPrincipal:
        """The calling user; services and visitors are refused."""
        principal = await self.authenticated()
        if not isinstance(principal, UserPrincipal):
            raise Forbidden("Only a signed-in user can do this.")
        return principal
