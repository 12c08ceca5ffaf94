"""The ASGI application factory."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from datetime import timedelta

import structlog
from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware
from opentelemetry.sdk.trace import TracerProvider
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Route

from db.migrate import head_revisions
from domains import registry
from gateway import tracing
from gateway.graphql_view import GatewayGraphQL
from gateway.health import healthz, readyz
from gateway.jobs.worker import JobWorker, running_in_background
from gateway.logging import configure_logging
from gateway.metrics import metrics
from gateway.middleware.access_log import AccessLogMiddleware
from gateway.middleware.request_id import HEADER as REQUEST_ID_HEADER
from gateway.middleware.request_id import RequestIdMiddleware
from gateway.resources import Resources, job_schedules
from gateway.settings import Settings
from schema.build import build_schema
from schema.extensions.limits import QueryLimits

log = structlog.get_logger()


GC_YOUNG_THRESHOLD = 50_000


def tune_garbage_collector() -> None:
    """Keep full collections off the request path.

    Everything alive once the app has started (schema, modules, pools) lives until the process
    ends; `gc.freeze()` moves it out of the collector's sight, so a full collection no longer
    walks it (long reads showed p95 several times their median before). A larger young generation
    collects less often; a request's garbage is short-lived and freed by reference counting.
    """
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, middle, old)


def background_worker(
    settings: Settings, resources: Resources
) -> AbstractAsyncContextManager[None]:
    """The in-process job worker of `gateway serve`, unless GATEWAY_RUN_WORKER turns it off."""
    if not settings.run_worker:
        return nullcontext()
    assert settings.database_url is not None  # Resources.open checked it
    worker = JobWorker(
        database_url=settings.database_url,
        database=resources.database,
        domains=registry.DOMAINS,
        concurrency=settings.worker_concurrency,
        heartbeat_timeout=timedelta(seconds=settings.worker_heartbeat_timeout_seconds),
        dependencies=resources.dependencies,
        schedules=job_schedules(settings),
    )
    return running_in_background(worker)


def create_app(
    settings: Settings,
    *,
    configure_logs: bool = True,
    tracer_provider: TracerProvider | None = None,
) -> Starlette:
    """The gateway for `settings` (whose database URL and secret are already resolved).

    Traced when `settings` name an OTLP endpoint, or into `tracer_provider` when given.
    """
    if configure_logs:
        configure_logging(settings.log_level, settings.effective_log_format)
    provider = tracer_provider or tracing.tracer_provider(settings)
    schema = build_schema(
        QueryLimits(
            max_depth=settings.max_query_depth,
            max_aliases=settings.max_aliases,
            max_tokens=settings.max_tokens,
        ),
        parser_cache_size=settings.parser_cache_size,
        validation_cache_size=settings.validation_cache_size,
        tracer_provider=provider,
    )
    graphql = GatewayGraphQL(
        schema,
        graphql_ide="graphiql" if settings.development else None,
        allow_queries_via_get=True,
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        resources = Resources.open(settings)
        app.state.resources = resources
        app.state.migration_heads = head_revisions()  # read once: the code does not change
        if provider is not None:
            tracing.make_global(provider)
            tracing.trace_statements(resources.database.engine, provider)
        tune_garbage_collector()
        log.info("gateway.started", environment=settings.environment.value)
        try:
            async with background_worker(settings, resources):
                yield
        finally:
            await resources.close()
            log.info("gateway.stopped")

    return Starlette(
        routes=[
            Route("/graphql", graphql),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            Route("/metrics", metrics, methods=["GET"]),
        ],
        middleware=[
            *([Middleware(OpenTelemetryMiddleware, tracer_provider=provider)] if provider else []),
            Middleware(RequestIdMiddleware),
            Middleware(AccessLogMiddleware),
            Middleware(
                CORSMiddleware,
                allow_origins=settings.cors_origins,
                allow_methods=["GET", "POST"],
                allow_headers=[
                    "Authorization",
                    "Content-Type",
                    "X-Request-ID",
                    "X-Demo-Session-Id",
                    # What CSRF prevention asks of a GET operation (gateway.csrf).
                    "Apollo-Require-Preflight",
                    "X-Apollo-Operation-Name",
                ],
                expose_headers=[REQUEST_ID_HEADER],
                max_age=600,
            ),
        ],
        lifespan=lifespan,
    )


def app_from_environment() -> Starlette:
    """Factory for uvicorn workers: settings from the environment prepared by `gateway serve`."""
    return create_app(Settings())
