"""Admission: operations beyond the process's limit wait in line, and too long a wait is a 503."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from asgi_lifespan import LifespanManager
from starlette.applications import Starlette

from gateway.admission import Admission
from gateway.app import create_app
from gateway.settings import Settings

QUEUE_TIMEOUT = 0.5


@pytest.fixture(scope="module")
async def one_at_a_time(settings: Settings) -> AsyncIterator[tuple[Starlette, httpx.AsyncClient]]:
    """The gateway running one operation at a time, the others waiting at most half a second."""
    narrow = settings.model_copy(
        update={"max_concurrent_operations": 1, "operation_queue_timeout_seconds": QUEUE_TIMEOUT}
    )
    application = create_app(narrow, configure_logs=False)
    async with LifespanManager(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as http:
            yield application, http


def admission_of(application: Starlette) -> Admission:
    admission: Admission = application.state.resources.admission
    return admission


async def typename(http: httpx.AsyncClient) -> httpx.Response:
    return await http.post("/graphql", json={"query": "{ __typename }"})


async def test_an_operation_beyond_the_limit_waits_its_turn_then_runs(
    one_at_a_time: tuple[Starlette, httpx.AsyncClient],
) -> None:
    application, http = one_at_a_time
    admission = admission_of(application)

    async with admission.admitted():  # the one operation allowed is running
        waiting = asyncio.create_task(typename(http))
        await asyncio.sleep(QUEUE_TIMEOUT / 5)
        assert not waiting.done()
        assert (admission.running, admission.waiting) == (1, 1)
        metrics = (await http.get("/metrics")).text
        assert 'gateway_graphql_operations{state="waiting"} 1.0' in metrics

    response = await waiting
    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query"}
    assert (admission.running, admission.waiting) == (0, 0)


async def test_an_operation_that_waits_too_long_is_refused_with_retry_after(
    one_at_a_time: tuple[Starlette, httpx.AsyncClient],
) -> None:
    application, http = one_at_a_time
    admission = admission_of(application)

    async with admission.admitted():
        response = await typename(http)

    assert response.status_code == 503
    assert response.headers["retry-after"] == "1"
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert "busy" in error["message"]
    # Nothing is left holding a turn: the next operation runs at once.
    assert (admission.running, admission.waiting) == (0, 0)
    assert (await typename(http)).json()["data"] == {"__typename": "Query"}


async def test_health_probes_do_not_wait_in_line(
    one_at_a_time: tuple[Starlette, httpx.AsyncClient],
) -> None:
    application, http = one_at_a_time

    async with admission_of(application).admitted():
        assert (await http.get("/healthz")).status_code == 200
        assert (await http.get("/readyz")).status_code == 200
