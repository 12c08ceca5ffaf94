"""Recognising database errors the code expects (a unique index taken, a key missing)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import CursorResult, Executable
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

UNIQUE_VIOLATION = "23505"


def violated_constraint(error: IntegrityError, sqlstate: str = UNIQUE_VIOLATION) -> str | None:
    """The name of the constraint or index `error` violated, when its SQLSTATE is `sqlstate`."""
    driver_error = getattr(error.orig, "__cause__", None)
    if getattr(driver_error, "sqlstate", None) != sqlstate:
        return None
    name = getattr(driver_error, "constraint_name", None)
    return name if isinstance(name, str) else None


class UniqueTaken(Exception):
    """A write ran into one of the unique indexes the caller named (a live name taken, ...)."""

    def __init__(self, index: str) -> None:
        super().__init__(index)
        self.index = index


async def write_unique(
    connection: AsyncConnection,
    statement: Executable,
    *,
    indexes: Collection[str],
    parameters: dict[str, Any] | None = None,
) -> CursorResult[Any]:
    """Run a write in a savepoint; hitting one of `indexes` raises UniqueTaken.

    The savepoint undoes only this statement, so the caller's transaction goes on and the
    caller can refuse the operation with a clear error. Other errors propagate.
    """
    try:
        async with connection.begin_nested():
            return await connection.execute(statement, parameters)
    except IntegrityError as error:
        index = violated_constraint(error)
        if index is not None and index in indexes:
            raise UniqueTaken(index) from None
        raise
