"""/graphql: Strawberry's ASGI view with the request context and GraphQL over HTTP rules.

- `Accept` negotiation between `application/graphql-response+json` and `application/json`;
  406 when neither is acceptable.
- With `application/graphql-response+json`, a request error (no `data`) is a 400; with the
  legacy `application/json`, every well-formed request gets a 200.
- Errors of the HTTP layer (malformed JSON, no query, wrong method or media type) are JSON
  bodies with `extensions.code`, never plain text or a trace.
- The request's parameters are checked as the spec says: `query` and `operationName` strings,
  `variables` and `extensions` objects (or null), one operation per request, UTF-8 bodies.
- A body over `GATEWAY_MAX_REQUEST_BYTES` is a 413 (`gateway.request_body`), read before the
  operation waits for its turn (`gateway.admission`).
- Automatic persisted queries (`gateway.persisted_queries`) and CSRF protection for GET
  (`gateway.csrf`) come before any operation runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
import structlog
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult

from db import row_security
from db.unit_of_work import UnitOfWork
from domains.kernel.context import RequestContext
from gateway.auth import principal_from_authorization, row_scope, user_still_exists
from gateway.csrf import check_not_forgeable
from gateway.demo_access import demo_principal
from gateway.middleware.access_log import LOG_FIELDS
from gateway.persisted_queries import PersistedQueries, load_allow_list
from gateway.request_body import ClientGone, read_whole
from gateway.resources import Resources
from gateway.settings import Settings
from schema.error_codes import UNAVAILABLE_MESSAGE, database_unavailable
from schema.extensions.cost import CostPolicy
from schema.extensions.login_throttle import LoginAttempts, LoginThrottlePolicy

log = structlog.get_logger()

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"

_HTTP_CODES = {
    400: "BAD_REQUEST",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
}


class DatabaseUnavailable(HTTPException):
    """503: the database cannot be reached right now; the client may try again."""

    code = "SERVICE_UNAVAILABLE"
    retry_after = 1

    def __init__(self) -> None:
        super().__init__(503, UNAVAILABLE_MESSAGE)


class MethodNotAllowed(HTTPException):
    """405, with the methods that would have worked."""

    def __init__(self, reason: str, allow: str) -> None:
        super().__init__(405, reason)
        self.allow = allow


def negotiate(accept: str | None) -> str | None:
    """The response media type for an `Accept` header; None when nothing we speak is acceptable.

    No header means `application/graphql-response+json`, as the spec says since its legacy
    watershed (2025-01-01); so does `*/*`, the server's choice. It wins whenever the client
    weighs it at least as high as `application/json`.
    """
    if accept is None or not accept.strip():
        return GRAPHQL_RESPONSE_JSON
    weights: dict[str, float] = {}
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        weights[media.lower()] = max(quality, weights.get(media.lower(), 0.0))
    wildcard = max(weights.get("*/*", 0.0), weights.get("application/*", 0.0))
    modern = weights.get(GRAPHQL_RESPONSE_JSON, wildcard)
    legacy = weights.get(JSON, wildcard)
    if modern > 0 and modern >= legacy:
        return GRAPHQL_RESPONSE_JSON
    if legacy > 0:
        return JSON
    return None


def request_policies(settings: Settings) -> dict[type, object]:
    """What the schema's extensions read from the request context: limits and counters."""
    return {
        CostPolicy: CostPolicy(
            max_cost=settings.max_query_cost, max_mutation_fields=settings.max_mutation_fields
        ),
        LoginAttempts: LoginAttempts(
            LoginThrottlePolicy(
                max_per_account=settings.login_max_failures_per_account,
                max_per_address=settings.login_max_failures_per_address,
                window_seconds=settings.login_throttle_window_seconds,
            )
        ),
    }


def persisted_queries(settings: Settings) -> PersistedQueries:
    """The persisted query store, with the allow-list when one is configured."""
    allow_list = settings.persisted_queries_allow_list
    return PersistedQueries(
        cache_size=settings.persisted_queries_cache_size,
        allow_list=None if allow_list is None else load_allow_list(allow_list),
    )


class GatewayGraphQL(GraphQL[RequestContext, None]):
    """The /graphql endpoint."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Process-wide, built from the settings on the first request (they arrive with the
        # app's resources at start-up): counters and stores that outlive a request.
        self._for: Resources | None = None
        self._dependencies: Mapping[type, object] = {}
        self._persisted = PersistedQueries(cache_size=0)

    def _prepared(self, resources: Resources) -> None:
        if self._for is not resources:
            self._dependencies = {
                **resources.dependencies,
                **request_policies(resources.settings),
            }
            self._persisted = persisted_queries(resources.settings)
            self._for = resources

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        # Strawberry's own __call__ turns these errors into plain text; ours are JSON.
        request = Request(scope, receive)
        resources: Resources = request.app.state.resources
        try:
            whole = await read_whole(scope, receive, limit=resources.settings.max_request_bytes)
            request = Request(scope, whole)
            async with resources.admission.admitted():
                with row_security.scoped(row_security.NOBODY):  # until the caller is known
                    response = await self.run(request)
        except ClientGone:
            return  # nobody left to answer
        except HTTPException as error:
            response = self.http_error(error, negotiate(request.headers.get("accept")))
        except Exception as error:
            # Outside execution (building the context: a demo session or token check), the
            # database being away is still the client's SERVICE_UNAVAILABLE, not a 500.
            if not database_unavailable(error):
                raise
            log.warning("graphql.database_unavailable", error=type(error).__name__)
            response = self.http_error(
                DatabaseUnavailable(), negotiate(request.headers.get("accept"))
            )
        await response(scope, receive, send)

    @staticmethod
    def http_error(error: HTTPException, media_type: str | None = None) -> Response:
        """A GraphQL-shaped JSON body for an error of the HTTP layer.

        In the media type the client accepts (JSON when it accepts neither). A persisted query
        not found is a 200 in `application/json`, as Apollo clients expect, and a 400 in
        `application/graphql-response+json`, where a response without `data` is a 4xx.
        """
        code = getattr(error, "code", None) or _HTTP_CODES.get(error.status_code, "BAD_REQUEST")
        status = error.status_code
        if status == 200 and media_type == GRAPHQL_RESPONSE_JSON:
            status = 400
        headers = {"content-type": f"{media_type or JSON}; charset=utf-8"}
        retry_after = getattr(error, "retry_after", None)
        if retry_after is not None:
            headers["Retry-After"] = str(retry_after)
        if error.status_code == 405:
            headers["Allow"] = error.allow if isinstance(error, MethodNotAllowed) else "GET, POST"
        return Response(
            orjson.dumps({"errors": [{"message": error.reason, "extensions": {"code": code}}]}),
            status_code=status,
            headers=headers,
        )

    async def get_context(  # type: ignore[override] # HTTP only: no websockets here
        self, request: Request, response: Response
    ) -> RequestContext:
        resources: Resources = request.app.state.resources
        self._prepared(resources)
        principal = await demo_principal(request.headers, resources) or (
            principal_from_authorization(request.headers.get("authorization"), resources.tokens)
        )
        state = request.scope.get("state", {})
        log_fields = state.get(LOG_FIELDS, {})
        log_fields["principal"] = principal.label
        row_security.narrow_to(row_scope(principal))
        return RequestContext(
            request_id=state.get("request_id", ""),
            principal=principal,
            uow=UnitOfWork(
                resources.database,
                max_connections=resources.settings.db_connections_per_request,
            ),
            dependencies=self._dependencies,
            verify_user=user_still_exists,
            log_fields=log_fields,
            client_address=request.client.host if request.client else "",
        )

    async def get_sub_response(self, request: Request) -> Response:  # type: ignore[override]
        sub_response = await super().get_sub_response(request)
        media_type = negotiate(request.headers.get("accept"))
        if media_type is None:
            wants_page = request.method == "GET" and "text/html" in request.headers.get(
                "accept", ""
            )
            if not wants_page:
                raise HTTPException(406, f"Send Accept: {GRAPHQL_RESPONSE_JSON} or {JSON}.")
            media_type = JSON
        sub_response.media_type = media_type
        return sub_response

    def should_render_graphql_ide(self, request: Any) -> bool:
        # A GET of a persisted query has `extensions` and no `query`: it is an operation too.
        return super().should_render_graphql_ide(request) and not request.query_params.get(
            "extensions"
        )

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData:
        """One operation's parameters, checked; the query resolved from its persisted hash."""
        if request.method == "GET":
            check_not_forgeable(request.method, request.headers)
            params = request.query_params
            data: dict[str, Any] = {
                "query": params.get("query"),
                "operationName": params.get("operationName") or None,  # "" means none
                "variables": self._json_parameter(params.get("variables"), "variables"),
                "extensions": self._json_parameter(params.get("extensions"), "extensions"),
            }
        else:
            media_type, parameters = parse_content_type(request.content_type or "")
            charset = parameters.get("charset", "utf-8").lower()
            if media_type != JSON or charset not in ("utf-8", "utf8"):
                raise HTTPException(415, f"Send the request as {JSON} (UTF-8).")
            body = self.parse_json(await request.get_body())
            if isinstance(body, list):
                raise HTTPException(400, "Batched requests are not supported: one operation each.")
            if not isinstance(body, dict):
                raise HTTPException(400, "The request body must be a JSON object.")
            data = body
        query = _parameter(data, "query", str)
        extensions = _parameter(data, "extensions", dict)
        return GraphQLRequestData(
            query=self._persisted.resolve(query, extensions),
            variables=_parameter(data, "variables", dict),
            operation_name=_parameter(data, "operationName", str),
            extensions=extensions,
        )

    def _json_parameter(self, value: str | None, name: str) -> Any:
        """A JSON-encoded query parameter (GET), or None when absent or empty."""
        if not value:
            return None
        try:
            return self.decode_json(value)
        except ValueError:
            raise HTTPException(400, f"`{name}` must be JSON.") from None

    def decode_json(self, data: str | bytes) -> object:
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError as error:  # a ValueError, which Strawberry does not catch
            raise HTTPException(400, "Unable to parse request body as JSON") from error

    async def execute_single(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        try:
            return await super().execute_single(*args, **kwargs)
        except HTTPException as error:
            if isinstance(error.__cause__, InvalidOperationTypeError):
                raise MethodNotAllowed(
                    "Only queries can be sent with GET; send mutations with POST.", "POST"
                ) from error
            raise

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        response = await super().process_result(request, result)
        if result.data is None and result.errors and all(e.path is None for e in result.errors):
            # A request error: the operation never ran, so there is no `data` entry at all.
            response.pop("data", None)
        return response

    def encode_json(self, data: object) -> bytes:
        # orjson: several times faster than the standard library on large responses.
        return orjson.dumps(data)

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        response = super().create_response(response_data, sub_response)
        media_type = sub_response.media_type or JSON
        response.headers["content-type"] = f"{media_type}; charset=utf-8"
        retry_after = _retry_after(response_data)
        if retry_after is not None:
            response.headers["Retry-After"] = str(retry_after)
        if (
            media_type == GRAPHQL_RESPONSE_JSON
            and not sub_response.status_code
            and isinstance(response_data, dict)
            and "data" not in response_data
        ):
            response.status_code = 429 if retry_after is not None else 400
        return response


def _retry_after(response_data: object) -> int | None:
    """Seconds a throttled client should wait (TOO_MANY_LOGIN_ATTEMPTS), or None."""
    if not isinstance(response_data, dict):
        return None
    for error in response_data.get("errors") or ():
        extensions = error.get("extensions") or {}
        if extensions.get("code") == "TOO_MANY_LOGIN_ATTEMPTS":
            return int(extensions.get("retryAfter", 1))
    return None


def _parameter(data: Mapping[str, Any], name: str, kind: type) -> Any:
    """A request parameter of this type, or None; 400 when it is of another type."""
    value = data.get(name)
    if value is not None and not isinstance(value, kind):
        expected = "a string" if kind is str else "an object"
        raise HTTPException(400, f"`{name}` must be {expected} or null.")
    return value
