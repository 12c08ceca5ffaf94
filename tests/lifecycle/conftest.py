"""Fixtures of the lifecycle tests: a gateway whose every deletion takes the batched job path."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from asgi_lifespan import LifespanManager
from starlette.applications import Starlette

from gateway.app import create_app
from gateway.settings import Settings
from tests.support import GraphQLClient

BATCH = 4
THRESHOLD = 5


@pytest.fixture(scope="session")
async def batched_app(settings: Settings) -> AsyncIterator[Starlette]:
    """The gateway with a tiny threshold and batch size: every deletion takes the job path."""
    tuned = settings.model_copy(
        update={"deletion_immediate_threshold": THRESHOLD, "deletion_batch_size": BATCH}
    )
    application = create_app(tuned, configure_logs=False)
    async with LifespanManager(application):
        yield application


@pytest.fixture(scope="session")
async def batched(batched_app: Starlette) -> AsyncIterator[GraphQLClient]:
    transport = httpx.ASGITransport(app=batched_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as http:
        yield GraphQLClient(http)
