"""The fast path of loaders: values at once when loaded, awaitables otherwise, one batch."""

from __future__ import annotations

import gc
import inspect
import weakref
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from db.database import Database
from db.unit_of_work import UnitOfWork
from domains.kernel.loaders import Loader, Loaders, each_with, then

BATCHES: list[list[int]] = []


class SquareLoader(Loader[int, int]):
    async def fetch(self, connection: AsyncConnection, keys: Sequence[int]) -> Mapping[int, int]:
        BATCHES.append(list(keys))
        return {key: key * key for key in keys if key >= 0}


def loaders(database_url: str) -> tuple[Loaders, Database]:
    database = Database.connect(database_url)
    return Loaders(UnitOfWork(database)), database


async def test_now_or_later_is_a_value_once_loaded(database_url: str) -> None:
    BATCHES.clear()
    request, database = loaders(database_url)
    try:
        squares = request.get(SquareLoader)
        later = squares.now_or_later(3)
        assert inspect.isawaitable(later)
        assert await later == 9
        assert squares.now_or_later(3) == 9
    finally:
        await database.dispose()


async def test_load_now_fetches_distinct_missing_keys_in_one_batch(database_url: str) -> None:
    BATCHES.clear()
    request, database = loaders(database_url)
    try:
        squares = request.get(SquareLoader)
        assert await squares.load_now([2, 2, 3, -1]) == [4, 4, 9, None]
        assert await squares.load_now([3, 4]) == [9, 16]
        assert squares.loaded_many([2, 3, 4]) == [4, 9, 16]
        assert squares.loaded_many([5]) is None
    finally:
        await database.dispose()
    assert BATCHES == [[2, 3, -1], [4]]


async def test_load_answers_loaded_and_primed_keys_without_a_batch(database_url: str) -> None:
    BATCHES.clear()
    request, database = loaders(database_url)
    try:
        squares = request.get(SquareLoader)
        await squares.load_now([2])
        squares.prime(7, 50)  # a value another query read, kept as it was given
        squares.prime(2, 0)  # the first value of a key stays

        assert await squares.load(2) == 4
        assert await squares.load(7) == 50
        assert await squares.load_many([2, 7, 5]) == [4, 50, 25]
    finally:
        await database.dispose()
    assert BATCHES == [[2], [5]]


async def test_release_frees_the_loaders_and_their_values_without_the_collector(
    database_url: str,
) -> None:
    request, database = loaders(database_url)
    gc.disable()
    try:
        squares = request.get(SquareLoader)
        await squares.load_now([2, 3])
        gone = weakref.ref(squares)
        del squares

        request.release()

        assert gone() is None  # freed at once: no cycle kept it for the garbage collector
        assert await request.get(SquareLoader).load_now([2]) == [4]  # a fresh one, if asked
    finally:
        gc.enable()
        await database.dispose()


async def test_then_transforms_now_or_after_awaiting() -> None:
    async def later(value: int) -> int:
        return value

    def double(value: int) -> Any:
        return value * 2

    assert then(5, double) == 10
    pending = then(later(5), double)
    assert inspect.isawaitable(pending)
    assert await pending == 10

    def and_load_more(value: int) -> Any:
        return later(value + 1)

    chained: Any = then(later(5), and_load_more)
    assert await chained == 6


async def test_each_with_makes_one_view_per_value_and_request(database_url: str) -> None:
    BATCHES.clear()
    request, database = loaders(database_url)
    made: list[int] = []

    def view(square: int) -> dict[str, int]:
        made.append(square)
        return {"square": square}

    try:
        squares = request.get(SquareLoader)
        await squares.load_now([2, 3])
        lines = [("a", 2), ("b", 3), ("c", 2)]
        built = each_with(squares, lines, lambda line: line[1], view, lambda line, v: (line[0], v))
        again = each_with(squares, lines[:1], lambda line: line[1], view, lambda _, v: v)
    finally:
        await database.dispose()

    assert built == [("a", {"square": 4}), ("b", {"square": 9}), ("c", {"square": 4})]
    assert isinstance(built, list)
    assert built[0][1] is built[2][1]
    assert isinstance(again, list)
    assert again[0] is built[0][1]
    assert made == [4, 9]
