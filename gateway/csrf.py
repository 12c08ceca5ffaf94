"""Cross-site request forgery: a browser may send a "simple" request to any site without asking
it first (a CORS preflight), with the user's cookies. Such a request must not run an operation.

POST bodies other than `application/json` are refused with 415 already, and `application/json`
is not simple, so a cross-site POST is always preflighted. GET is always simple: a GET that
carries an operation must prove it is not one, with a non-empty `apollo-require-preflight` or
`x-apollo-operation-name` header, or a `Content-Type` no form can send (Apollo's rule, so its
clients work unchanged). GraphiQL's page (a GET without an operation) needs nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

from cross_web import HTTPException

PREFLIGHT_HEADERS = ("apollo-require-preflight", "x-apollo-operation-name")
SIMPLE_CONTENT_TYPES = frozenset(
    {"", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}
)


class CsrfRefused(HTTPException):
    """An operation in a request a browser could send cross-site without a preflight."""

    code = "CSRF_PREVENTION"

    def __init__(self) -> None:
        super().__init__(
            400,
            "This request could have been sent by another site (CSRF): send GET operations "
            "with an `apollo-require-preflight: true` header, or POST them as application/json.",
        )


def check_not_forgeable(method: str, headers: Mapping[str, str]) -> None:
    """Raise CsrfRefused unless the request could not have come from a cross-site form or link."""
    if method != "GET":
        return  # other methods either preflight or are refused before any operation runs
    if any(headers.get(name, "").strip() for name in PREFLIGHT_HEADERS):
        return
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in SIMPLE_CONTENT_TYPES:
        return
    raise CsrfRefused()
