"""One fresh, migrated database per test run; tests isolate themselves with their own accounts.

The server is the embedded PostgreSQL (pgserver) unless TEST_DATABASE_URL points at one; either
way the run creates `bakery_test_<random>`, migrates it once, and drops it at the end.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from asgi_lifespan import LifespanManager
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette

from db import row_security
from db.embedded import start_embedded_postgres
from db.engine import create_engine
from db.provisioning import drop_database, ensure_database
from gateway.app import create_app
from gateway.resources import token_codec
from gateway.runtime import migrate
from gateway.settings import Settings
from tests.support import GraphQLClient

TEST_SECRET = "test-secret-" + "x" * 40


@pytest.fixture(autouse=True)
def observing_as_the_platform() -> Iterator[None]:
    """Tests look at rows through the gateway's own pool as the platform does, every tenant.

    Requests still act in their caller's scope: the GraphQL view sets it for each one.
    """
    with row_security.scoped(row_security.PLATFORM):
        yield


@pytest.fixture(scope="session")
async def database_url() -> AsyncIterator[str]:
    """URL of this run's fresh, migrated database."""
    server = os.environ.get("TEST_DATABASE_URL") or start_embedded_postgres(
        Path(os.environ.get("GATEWAY_DATA_DIR", ".data"))
    )
    name = f"bakery_test_{secrets.token_hex(4)}"
    url = (await ensure_database(server, name)).render_as_string(hide_password=False)
    engine = create_engine(url)
    try:
        await migrate(engine)
    finally:
        await engine.dispose()
    yield url
    await drop_database(server, name)


@pytest.fixture(scope="session")
async def owner_engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """The migrating user's engine: DDL, and a view past row-level security and its role."""
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    """Settings of the app under test: fast password hashing, a fixed secret."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=database_url,
        jwt_secret=TEST_SECRET,  # type: ignore[arg-type]
        argon2_time_cost=1,
        argon2_memory_cost_kib=1024,
        argon2_parallelism=1,
        cors_origins=["https://app.example.com"],
        run_worker=False,  # tests start the workers they need, when they need them
        demo_max_sessions_per_client=1000,  # every test client has the same address
    )


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[Starlette]:
    """The gateway, started (lifespan) once for the run."""
    application = create_app(settings, configure_logs=False)
    async with LifespanManager(application):
        yield application


@pytest.fixture(scope="session")
async def http(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the app over ASGI."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as client:
        yield client


@pytest.fixture(scope="session")
def client(http: httpx.AsyncClient) -> GraphQLClient:
    """A GraphQL client over `http`."""
    return GraphQLClient(http)


@pytest.fixture(scope="session")
def service_token(settings: Settings) -> str:
    """A service JWT, as `gateway token --service tests` would print it."""
    return token_codec(settings).issue_service_token("tests")
