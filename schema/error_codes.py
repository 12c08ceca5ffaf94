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

from domains.kernel.errors import GatewayError
from schema.extensions.limits import is_limit_error

INTERNAL_MESSAGE = "Internal server error. Quote the request id when reporting it."


def is_unexpected(error: GraphQLError) -> bool:
    """An error the client did not cause and the code did not foresee."""
    return not isinstance(error.original_error, GatewayError) and error.path is not None


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
