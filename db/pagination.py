"""Keyset pagination in SQL: `WHERE (sort, id) > (:sort, :id) ORDER BY sort, id LIMIT n + 1`.

`PageRead` is the form lists read on every request take: compiled once per shape (which filters
are given, whether a cursor is, whether the total is counted with the page) and run with the
values alone. `fetch_page` pages a statement built on the spot, for the odd list whose
statement is not declared that way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Integer, Row, bindparam, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncConnection

from db.prepared import AnySelect, PreparedSelect, check_record

R = TypeVar("R")

__all__ = ["AnySelect", "CountedPage", "Page", "PageRead", "fetch_page"]

LIMIT = "page_limit"
TOTAL = "page_total"


@dataclass(frozen=True, slots=True)
class Page:
    """Rows of one page, whether more follow, and each row's key values (for its cursor)."""

    rows: Sequence[Row[Any]]
    keys: Sequence[tuple[Any, ...]]
    has_next: bool


async def fetch_page(
    connection: AsyncConnection,
    statement: AnySelect,
    *,
    order_by: Sequence[ColumnElement[Any]],
    after: tuple[Any, ...] | None,
    limit: int,
) -> Page:
    """One page of `statement` ordered by the unique key `order_by`, strictly after `after`.

    `order_by` must end with a unique column (the id) so the order is total; an index on it makes
    every page as cheap as the first, unlike OFFSET.
    """
    if after is not None:
        statement = statement.where(tuple_(*order_by) > tuple_(*after))
    # The key columns ride along under their own labels, so they never clash with node columns.
    keys = [column.label(f"page_key_{index}") for index, column in enumerate(order_by)]
    statement = statement.add_columns(*keys).order_by(*order_by).limit(limit + 1)
    result = await connection.execute(statement)
    rows = result.all()
    width = len(order_by)
    visible = rows[:limit]
    return Page(
        rows=visible,
        keys=[tuple(row[-width:]) for row in visible],
        has_next=len(rows) > limit,
    )


@dataclass(frozen=True, slots=True)
class CountedPage(Generic[R]):
    """Records of one page, their keys, whether more follow, and the list's total if counted.

    `total` is None when it was not asked for, or when it could not come with the page (a
    cursor past the end leaves no row to carry it).
    """

    records: Sequence[R]
    keys: Sequence[tuple[Any, ...]]
    has_next: bool
    total: int | None


Shape = tuple[frozenset[str], bool, bool]


class PageRead(Generic[R]):
    """Pages of a list, each shape of its statement compiled once.

    `build(given)` returns the list's SELECT of `record`'s fields, filtered by the named
    parameters in `given` (`bindparam(name)`, no value) and whatever is always true of the list
    (the tenant is a parameter like the others). The page adds the keyset condition after a
    cursor, the order and the limit; with `count`, the total of the list rides along on each
    row (`count(*) OVER ()` over the filtered rows, before the cursor and the limit apply), so
    `totalCount` costs no statement of its own.
    """

    def __init__(
        self,
        build: Callable[[frozenset[str]], AnySelect],
        *,
        order_by: Sequence[ColumnElement[Any]],
        record: type[R],
    ) -> None:
        unfiltered = build(frozenset())
        check_record(record, unfiltered)
        self._fields = len(unfiltered.selected_columns)
        self._build = build
        self._order_by = tuple(order_by)
        self._record = record
        self._shapes: dict[Shape, PreparedSelect[tuple[Any, ...]]] = {}
        self._counts: dict[frozenset[str], PreparedSelect[tuple[Any, ...]]] = {}

    @property
    def key_width(self) -> int:
        """How many values a row's key (and a cursor) holds."""
        return len(self._order_by)

    async def fetch(
        self,
        connection: AsyncConnection,
        values: Mapping[str, Any],
        *,
        after: tuple[Any, ...] | None,
        limit: int,
        count: bool,
    ) -> CountedPage[R]:
        """A page of at most `limit` records strictly after `after`; filters with a None value
        are left out."""
        given = frozenset(name for name, value in values.items() if value is not None)
        shape = (given, after is not None, count)
        prepared = self._shapes.get(shape) or self._prepare(shape)
        arguments = {name: values[name] for name in given}
        arguments[LIMIT] = limit + 1
        for index, value in enumerate(after or ()):
            arguments[f"after_{index}"] = value
        rows = await prepared.all(connection, arguments)
        make, fields, end = self._record, self._fields, self._fields + self.key_width
        visible = rows[:limit]
        return CountedPage(
            records=[make(*row[:fields]) for row in visible],
            keys=[row[fields:end] for row in visible],
            has_next=len(rows) > limit,
            total=(rows[0][-1] if rows else (0 if after is None else None)) if count else None,
        )

    async def count(self, connection: AsyncConnection, values: Mapping[str, Any]) -> int:
        """How many records the list holds with these filters."""
        given = frozenset(name for name, value in values.items() if value is not None)
        prepared = self._counts.get(given)
        if prepared is None:
            counting = select(func.count()).select_from(self._build(given).subquery())
            prepared = self._counts[given] = PreparedSelect(counting, make=_values)
        [(total,)] = await prepared.all(connection, {name: values[name] for name in given})
        return int(total)

    def _prepare(self, shape: Shape) -> PreparedSelect[tuple[Any, ...]]:
        given, with_cursor, count = shape
        statement = self._build(given)
        order_by: Sequence[Any] = self._order_by
        keys = [column.label(f"page_key_{index}") for index, column in enumerate(order_by)]
        statement = statement.add_columns(*keys)
        if count:
            statement = statement.add_columns(func.count().over().label(TOTAL))
        if with_cursor and count:
            # The total counts the whole list: the cursor applies outside the window.
            inner = statement.subquery()
            order_by = [inner.c[f"page_key_{index}"] for index in range(len(order_by))]
            statement = select(*inner.c)
        if with_cursor:
            cursor = [
                bindparam(f"after_{index}", type_=column.type)
                for index, column in enumerate(order_by)
            ]
            statement = statement.where(tuple_(*order_by) > tuple_(*cursor))
        statement = statement.order_by(*order_by).limit(bindparam(LIMIT, type_=Integer))
        prepared = self._shapes[shape] = PreparedSelect(statement, make=_values)
        return prepared


def _values(*values: Any) -> tuple[Any, ...]:
    return values
