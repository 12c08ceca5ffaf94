"""A gateway that requires a reason for every soft delete."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from asgi_lifespan import LifespanManager

from gateway.app import create_app
from gateway.settings import Settings
from tests.support import GraphQLClient


@pytest.fixture(scope="session")
async def strict(settings: Settings) -> AsyncIterator[GraphQLClient]:
    """A client of the gateway run with GATEWAY_SOFT_DELETE_REQUIRE_REASON=true."""
    tuned = settings.model_copy(update={"soft_delete_require_reason": True, "run_worker": False})
    application = create_app(tuned, configure_logs=False)
    async with LifespanManager(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as http:
            yield GraphQLClient(http)
