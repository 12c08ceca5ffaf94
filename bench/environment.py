"""Where benchmarks run: a fresh, migrated database and the gateway on it, spoken to over ASGI."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from asgi_lifespan import LifespanManager
from pydantic import SecretStr
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.client import GraphQLClient
from db.embedded import start_embedded_postgres
from db.engine import create_engine
from db.provisioning import drop_database, ensure_database
from gateway.app import create_app
from gateway.runtime import migrate
from gateway.settings import Settings

SECRET = "bench-secret-" + "x" * 40  # signs tokens of a throwaway database only


@dataclass(frozen=True, slots=True)
class Environment:
    """The running gateway's client, an engine on its database, and the server's version."""

    client: GraphQLClient
    engine: AsyncEngine
    postgres_version: str
    gateway_engine: AsyncEngine
    """The gateway's own engine, to count the statements a request runs."""


def server_url() -> str:
    """`BENCH_DATABASE_URL`, or the embedded server in `GATEWAY_DATA_DIR` (`.data`)."""
    return os.environ.get("BENCH_DATABASE_URL") or start_embedded_postgres(
        Path(os.environ.get("GATEWAY_DATA_DIR", ".data"))
    )


def bench_settings(database_url: str) -> Settings:
    """The gateway's settings for benchmarks: cheap password hashing, quiet logs, no `.env`."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg] # an init option of pydantic-settings, not a field
        database_url=database_url,
        jwt_secret=SecretStr(SECRET),
        argon2_time_cost=1,
        argon2_memory_cost_kib=1024,
        argon2_parallelism=1,
        log_level="WARNING",
        demo_max_sessions_per_client=100_000,  # every benchmark request comes from one address
    )


@asynccontextmanager
async def running_gateway() -> AsyncIterator[Environment]:
    """The gateway started on a fresh database `bench_<random>`, dropped again on the way out."""
    server = server_url()
    name = f"bench_{secrets.token_hex(4)}"
    url = (await ensure_database(server, name)).render_as_string(hide_password=False)
    engine = create_engine(url)
    try:
        await migrate(engine)
        async with engine.connect() as connection:
            version = str(await connection.scalar(text("SHOW server_version")))
        app = create_app(bench_settings(url), configure_logs=False)
        async with (
            LifespanManager(app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://bench"
            ) as http,
        ):
            yield Environment(
                GraphQLClient(http), engine, version, app.state.resources.database.engine
            )
    finally:
        await engine.dispose()
        await drop_database(server, name)
