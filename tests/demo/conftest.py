"""Fixtures of the demo tests: a gateway whose session lookups are never cached."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from asgi_lifespan import LifespanManager
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette

from db.engine import create_engine
from gateway.app import create_app
from gateway.settings import Settings
from tests.support import GraphQLClient, Result

CREATE = """mutation($type: DemoAccountType!) { createDemoSession(accountType: $type) {
  session { id accountType virtualTenantId status expiresAt extensionsUsed maxExtensions }
  errors { code message field } } }"""


@dataclass
class Visitor:
    """A demo session and the headers that browse it."""

    id: str
    tenant_id: str
    headers: dict[str, str]


def tuned(settings: Settings, **changes: object) -> Settings:
    """The test settings with demo settings changed."""
    return settings.model_copy(update=changes)


@pytest.fixture(scope="session")
async def demo_app(settings: Settings) -> AsyncIterator[Starlette]:
    """The gateway for demo tests: no lookup cache (tests move expiry in the database)."""
    application = create_app(
        tuned(settings, demo_session_cache_seconds=0),
        configure_logs=False,
    )
    async with LifespanManager(application):
        yield application


@pytest.fixture(scope="session")
async def demo(demo_app: Starlette) -> AsyncIterator[GraphQLClient]:
    """A GraphQL client of `demo_app`, at an address of its own."""
    transport = httpx.ASGITransport(app=demo_app, client=("198.51.100.10", 4000))
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as http:
        yield GraphQLClient(http)


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """Direct database access, to look at rows the API does not show (templates, copies)."""
    created = create_engine(database_url)
    yield created
    await created.dispose()


async def start(client: GraphQLClient, account_type: str = "INDIVIDUAL_BAKERY") -> Visitor:
    """A new demo session through the API."""
    result = await create(client, account_type)
    payload = result.data["createDemoSession"]
    assert payload["errors"] == [], payload
    session = payload["session"]
    return Visitor(session["id"], session["virtualTenantId"], {"X-Demo-Session-Id": session["id"]})


async def create(client: GraphQLClient, account_type: str = "INDIVIDUAL_BAKERY") -> Result:
    """`createDemoSession` as it answers."""
    return await client.execute(CREATE, {"type": account_type})


@pytest.fixture(scope="session")
async def limited(settings: Settings) -> AsyncIterator[GraphQLClient]:
    """A client at its own address, on a gateway allowing 2 active sessions per address."""
    application = create_app(tuned(settings, demo_max_sessions_per_client=2), configure_logs=False)
    async with LifespanManager(application):
        transport = httpx.ASGITransport(app=application, client=("203.0.113.7", 4000))
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as http:
            yield GraphQLClient(http)
