"""One log line per HTTP request (method, path, status, duration, operation, principal), and
the same facts counted in the Prometheus metrics."""

from __future__ import annotations

import time
from typing import Any

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway import metrics

log = structlog.get_logger()

LOG_FIELDS = "log_fields"


class AccessLogMiddleware:
    """Writes `http.request` when the response is done; handlers add fields to `log_fields`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        fields: dict[str, Any] = {}
        scope.setdefault("state", {})[LOG_FIELDS] = fields
        status = 500
        started = time.perf_counter()

        async def record_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record_status)
        finally:
            seconds = time.perf_counter() - started
            log.info(
                "http.request",
                method=scope["method"],
                path=scope["path"],
                status=status,
                duration_ms=round(seconds * 1000, 2),
                **fields,
            )
            if scope["path"] == "/graphql":
                metrics.observe_request(fields, status, seconds)
                state = getattr(scope.get("app"), "state", None)
                if state is not None and hasattr(state, "resources"):
                    metrics.observe_pool(state.resources.database)
