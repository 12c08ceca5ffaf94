"""Every error leaves with `extensions.code`; unexpected ones are masked.

A `GatewayError` keeps its message and code. Request errors (syntax, validation, variables) keep
their message, which names the client's mistake. Anything else is a bug: the client gets
INTERNAL_SERVER_ERROR with the request id, and the trace goes to the log (see
`GatewaySchema.process_errors`).

Applied to the final result in `GatewaySchema.execute` rather than in an extension hook: errors
raised inside hooks (a syntax error from the parser cache) reach the result only after the hooks
have run.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError, GraphQLSyntaxError
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from domains.kernel.errors import GatewayError
from schema.extensions.limits import is_limit_error

INTERNAL_MESSAGE = "Internal server error. Quote the request id when reporting it."
UNAVAILABLE_MESSAGE = "The database cannot be reached right now; nothing was changed. Try again."
# SQLSTATEs of a server that is away: connection exceptions, shutting down, starting up, full.
_UNAVAILABLE_STATES = {"57P01", "57P02", "57P03", "53300"}


def database_unavailable(error: BaseException | None) -> bool:
    """Whether `error` means the database cannot be reached now (down, restarting, saturated).

    Not a bug to mask as INTERNAL_SERVER_ERROR: the client may retry, and operators see it in
    /readyz and the logs.
    """
    if isinstance(error, PoolTimeout):  # no pooled connection within the pool timeout
        return True
    if isinstance(error, DBAPIError):
        if error.connection_invalidated:
            return True
        error = getattr(error.orig, "__cause__", None) or error.orig
    if isinstance(error, OSError):  # refused, reset: the server is not there
        return True
    sqlstate = getattr(error, "sqlstate", None)
    return isinstance(sqlstate, str) and (
        sqlstate.startswith("08") or sqlstate in _UNAVAILABLE_STATES
    )


def is_unexpected(error: GraphQLError) -> bool:
    """An error the client did not cause and the code did not foresee."""
    original = error.original_error
    return (
        not isinstance(original, GatewayError)
        and error.path is not None
        and not database_unavailable(original)
    )


def request_error_code(error: GraphQLError) -> str:
    """The code of an error raised before execution (or while coercing variables)."""
    if is_limit_error(error):
        return "QUERY_TOO_COMPLEX"
    if isinstance(error, GraphQLSyntaxError):
        return "GRAPHQL_PARSE_FAILED"
    if error.message.startswith("Variable '$"):
        return "BAD_USER_INPUT"
    return "GRAPHQL_VALIDATION_FAILED"


def present(error: GraphQLError, *, request_id: str | None) -> GraphQLError:
    """The error as the client sees it: a message and `extensions.code`, never a trace."""
    original = error.original_error
    extensions: dict[str, Any]
    if isinstance(original, GatewayError):
        message = original.message
        extensions = {"code": original.code, **original.extensions}
    elif error.path is None:
        message = error.message
        extensions = {"code": request_error_code(error)}
    elif database_unavailable(original):
        message = UNAVAILABLE_MESSAGE
        extensions = {"code": "SERVICE_UNAVAILABLE", "requestId": request_id}
    else:
        message = INTERNAL_MESSAGE
        extensions = {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id}
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions=extensions,
    )
