"""OpenTelemetry tracing, on when an OTLP endpoint is configured (`GATEWAY_OTLP_ENDPOINT`).

A request then gets a server span (continuing the caller's trace when it sends `traceparent`),
a span per GraphQL operation and resolver (Strawberry's extension), per DataLoader batch
(`domains.kernel.loaders`) and per SQL statement (SQLAlchemy's instrumentation). Spans leave in
batches over OTLP/HTTP; the standard `OTEL_EXPORTER_OTLP_*` variables (headers, timeout) apply.
Off, none of this is installed and requests pay nothing for it.
"""

from __future__ import annotations

from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.types import ASGIApp

from gateway.settings import Settings


def tracer_provider(settings: Settings) -> TracerProvider | None:
    """A provider exporting to the configured OTLP endpoint; None when tracing is off."""
    if not settings.otlp_endpoint:
        return None
    provider = TracerProvider(resource=Resource.create({"service.name": settings.service_name}))
    endpoint = settings.otlp_endpoint.rstrip("/") + "/v1/traces"
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=endpoint)))
    return provider


def make_global(provider: TracerProvider) -> None:
    """Make `provider` the one DataLoader spans use (once per process; later calls are no-ops)."""
    if not isinstance(trace.get_tracer_provider(), TracerProvider):
        trace.set_tracer_provider(provider)


def traced_app(app: ASGIApp, provider: TracerProvider) -> ASGIApp:
    """`app` inside a server span per request that honours the caller's `traceparent`."""
    return OpenTelemetryMiddleware(app, tracer_provider=provider)


def trace_statements(engine: AsyncEngine, provider: TracerProvider) -> None:
    """A span per SQL statement `engine` runs."""
    # The instrumentation declares support up to SQLAlchemy 2.0; the engine events it listens to
    # are unchanged in 2.1 (a test checks the spans), so its version check is skipped.
    SQLAlchemyInstrumentor().instrument(
        engine=engine.sync_engine, tracer_provider=provider, skip_dep_check=True
    )
