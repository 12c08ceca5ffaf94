"""Counts every request in the Prometheus metrics once its response is done."""

from __future__ import annotations

import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway import metrics
from gateway.middleware.access_log import LOG_FIELDS


class MetricsMiddleware:
    """Requests and latency by operation and outcome, errors by code, pool usage.

    Reads what the GraphQL layer put in the request's log fields (operation name and type,
    error codes); it sits inside the access log middleware, which creates them.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != "/graphql":
            await self.app(scope, receive, send)
            return
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
            fields: dict[str, Any] = scope.get("state", {}).get(LOG_FIELDS, {})
            codes = list(fields.get("error_codes") or [])
            labels = {
                "operation": metrics.operation_label(fields.get("operation")),
                "operation_type": fields.get("operation_type") or "-",
                "outcome": metrics.outcome_of(status, codes),
            }
            metrics.REQUESTS.labels(**labels).inc()
            metrics.LATENCY.labels(**labels).observe(time.perf_counter() - started)
            for code in codes:
                metrics.ERRORS.labels(code=code).inc()
            resources = getattr(scope.get("app"), "state", None)
            if resources is not None and hasattr(resources, "resources"):
                metrics.observe_pool(resources.resources.database)
