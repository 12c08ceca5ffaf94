"""The async engine (SQLAlchemy 2 + asyncpg) and database URL handling."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from db import row_security

DRIVER = "postgresql+asyncpg"


@dataclass(frozen=True, slots=True)
class PoolSettings:
    """Connection pool sizing; see docs/operations.md for how to size it."""

    size: int = 10
    max_overflow: int = 10
    timeout_seconds: float = 5.0
    statement_timeout_ms: int = 15_000


def async_url(url: str | URL, *, database: str | None = None) -> URL:
    """Any PostgreSQL URL (postgres://, postgresql://, ...+asyncpg) as an asyncpg URL."""
    parsed = make_url(url) if isinstance(url, str) else url
    if parsed.get_backend_name() not in {"postgresql", "postgres"}:
        raise ValueError(f"not a PostgreSQL URL: {parsed.render_as_string(hide_password=True)}")
    parsed = parsed.set(drivername=DRIVER)
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed


def create_engine(
    url: str | URL, pool: PoolSettings | None = None, *, role: str | None = None
) -> AsyncEngine:
    """An engine with a bounded pool; every connection gets a statement timeout.

    With `role`, every connection acts as that role under row-level security, in the scope of
    the code using it (db/row_security.py); without, as the URL's user (migrations, tools).
    """
    pool = pool or PoolSettings()
    engine = create_async_engine(
        async_url(url),
        pool_size=pool.size,
        max_overflow=pool.max_overflow,
        pool_timeout=pool.timeout_seconds,
        # No pre-ping: it costs a round trip per checkout, and every DataLoader batch checks a
        # connection out. A connection found dead fails its one statement instead; SQLAlchemy
        # then invalidates the pool, so the next checkouts open fresh connections.
        pool_pre_ping=False,
        pool_recycle=1800,
        # Most recently used first: a request's statements one after another get the connection
        # its previous statement returned, which already holds its row-level security scope.
        pool_use_lifo=True,
        connect_args={
            "server_settings": {
                "application_name": "bakery-gateway",
                "statement_timeout": str(pool.statement_timeout_ms),
            },
        },
    )
    if role:
        row_security.install(engine, role=role)
    return engine


def driver_dsn(url: str | URL) -> str:
    """The URL as asyncpg's own `connect()` takes it, for connections kept outside the pool."""
    return async_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
