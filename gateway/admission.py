"""Admission: at most so many GraphQL operations run at once in a process; the rest wait in line.

With more requests than the process can serve, admitting every one at once would have each of
them hold database connections while it waits its turn for the CPU: the pool runs dry, and
requests fail after the pool timeout although the database is fine. Instead, operations beyond
the limit wait in line (first come, first served) before they touch anything. One that waits
longer than the queue timeout is refused with SERVICE_UNAVAILABLE and `Retry-After`, so a load
balancer or client can send it elsewhere or later instead of waiting on.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from cross_web import HTTPException

RETRY_AFTER_SECONDS = 1


class Overloaded(HTTPException):
    """503: the operation waited its whole queue timeout for a turn."""

    code = "SERVICE_UNAVAILABLE"
    retry_after = RETRY_AFTER_SECONDS

    def __init__(self) -> None:
        super().__init__(
            503, "The gateway is busy and could not take this request in time; try again shortly."
        )


class Admission:
    """A line for the operations of one process: `limit` run, the others wait up to `timeout`."""

    def __init__(self, *, limit: int, timeout_seconds: float) -> None:
        self._slots = asyncio.Semaphore(limit)
        self._timeout = timeout_seconds
        self.running = 0
        self.waiting = 0

    @asynccontextmanager
    async def admitted(self) -> AsyncIterator[None]:
        """Run the block once a slot is free; Overloaded when none frees up in time."""
        self.waiting += 1
        try:
            async with asyncio.timeout(self._timeout):
                await self._slots.acquire()
        except TimeoutError:
            raise Overloaded() from None
        finally:
            self.waiting -= 1
        self.running += 1
        try:
            yield
        finally:
            self.running -= 1
            self._slots.release()
