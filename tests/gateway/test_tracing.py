"""Tracing: spans per request, operation, DataLoader batch and SQL statement; `traceparent` kept."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from asgi_lifespan import LifespanManager
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from gateway.app import create_app
from gateway.settings import Settings
from gateway.tracing import tracer_provider
from tests.support import GraphQLClient

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
TRACEPARENT = f"00-{TRACE_ID}-00f067aa0ba902b7-01"


@pytest.fixture(scope="module")
async def traced(
    settings: Settings,
) -> AsyncIterator[tuple[httpx.AsyncClient, InMemorySpanExporter]]:
    """The gateway tracing into memory."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    application = create_app(
        settings.model_copy(update={"run_worker": False}),
        configure_logs=False,
        tracer_provider=provider,
    )
    async with LifespanManager(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as http:
            yield http, exporter


async def test_a_traced_request_continues_the_callers_trace_down_to_sql(
    traced: tuple[httpx.AsyncClient, InMemorySpanExporter],
) -> None:
    http, exporter = traced
    user = await GraphQLClient(http).sign_up()
    exporter.clear()

    response = await http.post(
        "/graphql",
        json={"query": "query Who { me { id email } }"},
        headers={**user.headers, "traceparent": TRACEPARENT},
    )

    assert response.status_code == 200
    spans = exporter.get_finished_spans()
    names = [span.name for span in spans]
    assert {format(span.context.trace_id, "032x") for span in spans} == {TRACE_ID}
    assert any(name.startswith("GraphQL Query") for name in names), names
    assert "dataloader UserByIdLoader" in names
    assert "SELECT" in names, names


def test_tracing_is_off_without_an_endpoint(settings: Settings) -> None:
    assert tracer_provider(settings) is None
    configured = tracer_provider(
        settings.model_copy(update={"otlp_endpoint": "http://127.0.0.1:4318"})
    )
    assert isinstance(configured, TracerProvider)
    configured.shutdown()
