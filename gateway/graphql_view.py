"""/graphql: Strawberry's ASGI view with the request context and GraphQL over HTTP rules.

- `Accept` negotiation between `application/graphql-response+json` and `application/json`;
  406 when neither is acceptable.
- With `application/graphql-response+json`, a request error (no `data`) is a 400; with the
  legacy `application/json`, every well-formed request gets a 200.
- Errors of the HTTP layer (malformed JSON, no query, wrong method or media type) are JSON
  bodies with `extensions.code`, never plain text or a trace.
"""

from __future__ import annotations

from typing import Any

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult

from db.unit_of_work import UnitOfWork
from domains.kernel.context import RequestContext
from gateway.auth import principal_from_authorization, user_still_exists
from gateway.demo_access import demo_principal
from gateway.middleware.access_log import LOG_FIELDS
from gateway.resources import Resources

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"

_HTTP_CODES = {
    400: "BAD_REQUEST",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    415: "UNSUPPORTED_MEDIA_TYPE",
}


class MethodNotAllowed(HTTPException):
    """405, with the methods that would have worked."""

    def __init__(self, reason: str, allow: str) -> None:
        super().__init__(405, reason)
        self.allow = allow


def negotiate(accept: str | None) -> str | None:
    """The response media type for an `Accept` header; None when nothing we speak is acceptable.

    No header means `application/json` (clients written before the GraphQL over HTTP spec);
    `application/graphql-response+json` wins when the client weighs it at least as high.
    """
    if accept is None or not accept.strip():
        return JSON
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
    modern = weights.get(GRAPHQL_RESPONSE_JSON, 0.0)
    legacy = max(weights.get(JSON, 0.0), wildcard)
    if modern > 0 and modern >= legacy:
        return GRAPHQL_RESPONSE_JSON
    if legacy > 0:
        return JSON
    return None


class GatewayGraphQL(GraphQL[RequestContext, None]):
    """The /graphql endpoint."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        # Strawberry's own __call__ turns these errors into plain text; ours are JSON.
        try:
            response = await self.run(Request(scope, receive))
        except HTTPException as error:
            response = self.http_error(error)
        await response(scope, receive, send)

    @staticmethod
    def http_error(error: HTTPException) -> Response:
        """A GraphQL-shaped JSON body for an error of the HTTP layer."""
        code = _HTTP_CODES.get(error.status_code, "BAD_REQUEST")
        headers = None
        if error.status_code == 405:
            headers = {"Allow": error.allow if isinstance(error, MethodNotAllowed) else "GET, POST"}
        return JSONResponse(
            {"errors": [{"message": error.reason, "extensions": {"code": code}}]},
            status_code=error.status_code,
            headers=headers,
        )

    async def get_context(  # type: ignore[override] # HTTP only: no websockets here
        self, request: Request, response: Response
    ) -> RequestContext:
        resources: Resources = request.app.state.resources
        principal = await demo_principal(request.headers, resources) or (
            principal_from_authorization(request.headers.get("authorization"), resources.tokens)
        )
        state = request.scope.get("state", {})
        log_fields = state.get(LOG_FIELDS, {})
        log_fields["principal"] = principal.label
        return RequestContext(
            request_id=state.get("request_id", ""),
            principal=principal,
            uow=UnitOfWork(
                resources.database,
                max_connections=resources.settings.db_connections_per_request,
            ),
            dependencies=resources.dependencies,
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

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> Any:
        if request.method == "POST":
            content_type = (request.content_type or "").split(";")[0].strip().lower()
            if content_type != JSON:
                raise HTTPException(415, f"Send the request as {JSON}.")
        return await super().parse_http_body(request)

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
        if (
            media_type == GRAPHQL_RESPONSE_JSON
            and not sub_response.status_code
            and isinstance(response_data, dict)
            and "data" not in response_data
        ):
            response.status_code = 400
        return response
