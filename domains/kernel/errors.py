"""Errors with a code: top-level GraphQL errors and expected failures reported in payloads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


class GatewayError(Exception):
    """An error the client may see, as a top-level GraphQL error with `extensions.code`."""

    code: ClassVar[str] = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str, **extensions: object) -> None:
        super().__init__(message)
        self.message = message
        self.extensions = extensions


class Unauthenticated(GatewayError):
    """No valid credentials on a field that needs them."""

    code = "UNAUTHENTICATED"


class Forbidden(GatewayError):
    """Valid credentials that do not allow this."""

    code = "FORBIDDEN"


class BadUserInput(GatewayError):
    """An argument that cannot be used (a malformed id, a page too large, ...)."""

    code = "BAD_USER_INPUT"


class DemoRestricted(GatewayError):
    """A demo visitor tried an operation demo accounts may not do."""

    code = "DEMO_RESTRICTED"


class DemoSessionNotFound(GatewayError):
    """`X-Demo-Session-Id` names no session."""

    code = "DEMO_SESSION_NOT_FOUND"


class DemoSessionExpired(GatewayError):
    """`X-Demo-Session-Id` names a session that expired or was ended."""

    code = "DEMO_SESSION_EXPIRED"


class ServiceUnavailable(GatewayError):
    """The database (or another dependency) cannot serve the request now; retry later."""

    code = "SERVICE_UNAVAILABLE"


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason an operation was refused: a stable code, a message, the input field at fault."""

    code: str
    message: str
    field: str | None = None


class OperationRefused(Exception):
    """An expected business failure; the mutation reports it in its payload `errors`."""

    def __init__(self, *problems: Problem) -> None:
        if not problems:
            raise ValueError("an operation is refused for at least one reason")
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems

    @classmethod
    def because(cls, code: str, message: str, field: str | None = None) -> OperationRefused:
        """Refusal for a single reason."""
        return cls(Problem(code, message, field))
