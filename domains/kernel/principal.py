"""Who is calling: a user, a service, a demo visitor, or nobody."""

from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class UserPrincipal:
    """A signed-in user (user JWT)."""

    user_id: uuid.UUID
    token_id: str

    @property
    def label(self) -> str:
        """How logs and audit name this caller."""
        return f"user:{self.user_id}"


@dataclass(frozen=True, slots=True)
class ServicePrincipal:
    """An internal service (service JWT, `type: "service"`)."""

    name: str

    @property
    def label(self) -> str:
        """How logs and audit name this caller."""
        return f"service:{self.name}"


@dataclass(frozen=True, slots=True)
class DemoVisitor:
    """A visitor without an account, bound to the virtual tenant of one demo session."""

    session_id: str
    tenant_id: uuid.UUID

    @property
    def label(self) -> str:
        """How logs and audit name this caller."""
        return f"demo:{self.tenant_id}"  # never the session id: it is the visitor's secret


@dataclass(frozen=True, slots=True)
class Anonymous:
    """No usable credentials; `problem` says why when credentials were sent but refused.

    `code` is the error a field needing a principal answers with: UNAUTHENTICATED, or
    DEMO_SESSION_NOT_FOUND / DEMO_SESSION_EXPIRED for a demo session id that cannot be used.
    """

    problem: str | None = None
    code: str = "UNAUTHENTICATED"

    @property
    def label(self) -> str:
        """How logs and audit name this caller."""
        return "anonymous"


Principal = UserPrincipal | ServicePrincipal | DemoVisitor | Anonymous
Authenticated = UserPrincipal | ServicePrincipal
