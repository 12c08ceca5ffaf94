"""Creating and dropping databases (first run, test runs)."""

from __future__ import annotations

import asyncpg
from sqlalchemy.engine import URL

from db.engine import async_url


def _connect_args(url: URL) -> dict[str, object]:
    args: dict[str, object] = {
        "user": url.username,
        "password": url.password,
        "database": url.database or "postgres",
        "port": url.port,
    }
    socket_dir = url.query.get("host")
    args["host"] = socket_dir if isinstance(socket_dir, str) else url.host
    return args


async def ensure_database(server_url: str | URL, name: str) -> URL:
    """Create database `name` on the server unless it exists; returns its URL."""
    admin = async_url(server_url)
    connection = await asyncpg.connect(**_connect_args(admin))
    try:
        exists = await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            await connection.execute(f'CREATE DATABASE "{_identifier(name)}"')
    finally:
        await connection.close()
    return admin.set(database=name)


async def drop_database(server_url: str | URL, name: str) -> None:
    """Drop database `name`, closing the sessions still attached to it."""
    admin = async_url(server_url)
    connection = await asyncpg.connect(**_connect_args(admin))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{_identifier(name)}" WITH (FORCE)')
    finally:
        await connection.close()


def _identifier(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"unsafe database name: {name!r}")
    return name
