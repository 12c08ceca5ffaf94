"""The unit of work of one GraphQL operation: how its resolvers reach the database."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncConnection

from db.database import Database


class UnitOfWork:
    """Database access for one operation; the gateway owns its transaction, services never commit.

    Before a write, each `connection()` is its own pooled autocommit connection, so concurrent
    DataLoader batches never share one (asyncpg refuses concurrent use); at most
    `max_connections` are held at once so one request cannot drain the pool.

    The first `transaction()` opens the operation's transaction on one connection. From then on
    every read and write of the operation goes through that connection, one at a time, so later
    reads see the operation's writes. Each `transaction()` block is a savepoint, undone alone when
    it raises; `complete()` commits what remains, once, when the operation ends.
    """

    def __init__(self, database: Database, *, max_connections: int = 4) -> None:
        self._database = database
        self._slots = asyncio.Semaphore(max_connections)
        self._lock = asyncio.Lock()
        self._connection: AsyncConnection | None = None

    @property
    def in_transaction(self) -> bool:
        """True once a write has opened the operation's transaction."""
        return self._connection is not None

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[AsyncConnection]:
        """A connection to read with: the transaction's when one is open, else a pooled one."""
        if self._connection is not None:
            async with self._lock:
                yield self._connection
            return
        async with self._slots, self._database.read() as connection:
            yield connection

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncConnection]:
        """A savepoint in the operation's transaction: rolled back alone if the block raises."""
        async with self._lock:
            if self._connection is None:
                connection = await self._database.engine.connect()
                await connection.begin()
                self._connection = connection
            async with self._connection.begin_nested():
                yield self._connection

    async def complete(self, *, commit: bool) -> None:
        """Commit (or roll back) the operation's transaction, if it has one, and release it."""
        async with self._lock:
            connection, self._connection = self._connection, None
            if connection is None:
                return
            try:
                if commit:
                    await connection.commit()
                else:
                    await connection.rollback()
            finally:
                await connection.close()
