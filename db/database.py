"""The process-wide database handle: one engine, one pool."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from db.engine import PoolSettings, create_engine


class Database:
    """The engine of the process and the two ways to use it: autocommit reads, transactions."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        # Reads need no transaction: an autocommit connection saves BEGIN and ROLLBACK round trips.
        self._reads = engine.execution_options(isolation_level="AUTOCOMMIT")

    @classmethod
    def connect(
        cls, url: str, pool: PoolSettings | None = None, *, role: str | None = None
    ) -> Database:
        """A database with its own engine and pool, acting as `role` when given."""
        return cls(create_engine(url, pool, role=role))

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncConnection]:
        """A pooled connection in autocommit mode, for reads."""
        async with self._reads.connect() as connection:
            yield connection

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncConnection]:
        """A pooled connection inside a transaction, committed when the block ends without error."""
        async with self.engine.begin() as connection:
            yield connection

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()
