"""A database that does not answer: SERVICE_UNAVAILABLE with a code, never a 500 or a trace."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from asgi_lifespan import LifespanManager

from gateway.app import create_app
from gateway.resources import token_codec
from gateway.settings import Settings

NOWHERE = "postgresql://postgres@127.0.0.1:1/nowhere"


@pytest.fixture(scope="module")
async def cut_off(settings: Settings) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    """The gateway configured with a database that refuses connections, and a user token."""
    away = settings.model_copy(
        update={"database_url": NOWHERE, "run_worker": False, "db_pool_timeout_seconds": 1}
    )
    application = create_app(away, configure_logs=False)
    token = token_codec(away).issue_user_token(uuid.uuid4())
    async with LifespanManager(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as http:
            yield http, token


async def test_a_query_needing_the_database_is_service_unavailable(
    cut_off: tuple[httpx.AsyncClient, str],
) -> None:
    http, token = cut_off

    response = await http.post(
        "/graphql", json={"query": "{ me { id } }"}, headers={"Authorization": f"Bearer {token}"}
    )

    assert response.status_code == 200
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert "Traceback" not in response.text


async def test_a_demo_visitor_is_told_so_before_execution(
    cut_off: tuple[httpx.AsyncClient, str],
) -> None:
    http, _ = cut_off

    response = await http.post(
        "/graphql",
        json={"query": "{ __typename }"},
        headers={"X-Demo-Session-Id": "demo_" + "a" * 32},
    )

    assert response.status_code == 503
    assert response.json()["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"


async def test_readiness_is_red(cut_off: tuple[httpx.AsyncClient, str]) -> None:
    http, _ = cut_off

    response = await http.get("/readyz")

    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
