"""The execution context: Strawberry's, with the awaitability check answered once per type;
and sibling fields that finish rather than being cancelled.

graphql-core asks whether each resolved value is awaitable, several times a field: 12,000 times
for a page of 100 recipes. Strawberry's check is quick for built-in types and walks `isinstance`
and `hasattr` for every other value (our GraphQL views, decimals, enum members). Whether `await`
accepts a value is a property of its type (`await` looks `__await__` up on the type), so the
answer is kept per type; only generators, which are awaitable when their code is a coroutine,
are asked one by one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from inspect import CO_ITERABLE_COROUTINE
from types import CoroutineType, GeneratorType
from typing import Any

from graphql.execution import executor as graphql_executor
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

_KEPT_TYPES = 10_000  # bound the memo, should a program make types on the fly
_awaitable_by_type: dict[type, bool] = {}


def is_awaitable(value: Any) -> bool:
    """Whether `await value` would work."""
    kind = type(value)
    known = _awaitable_by_type.get(kind)
    if known is not None:
        return known
    if kind is GeneratorType:
        return bool(value.gi_code.co_flags & CO_ITERABLE_COROUTINE)
    verdict = issubclass(kind, CoroutineType) or hasattr(kind, "__await__")
    if len(_awaitable_by_type) < _KEPT_TYPES:
        _awaitable_by_type[kind] = verdict
    return verdict


class GatewayExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context with `is_awaitable` above."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.is_awaitable = is_awaitable  # type: ignore[assignment] # a TypeGuard in graphql-core


async def gather_settled(*awaitables: Awaitable[Any]) -> list[Any]:
    """Await every sibling, then raise the first error: graphql-core's `gather_with_cancel`
    without the cancelling.

    graphql-core cancels the pending siblings of a field whose error reaches a non-null parent.
    A sibling waiting on a DataLoader future that another branch also waits on cancelled that
    future for both, and the request ended with CancelledError and no answer; one cancelled
    before it started dropped its resolver's coroutine unawaited; one cancelled mid-statement
    gave its connection back mid-query. Letting siblings finish costs only on error paths.
    """
    results = await asyncio.gather(*awaitables, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


graphql_executor.gather_with_cancel = gather_settled  # type: ignore[attr-defined]
