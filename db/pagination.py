"""Keyset pagination in SQL: `WHERE (sort, id) > (:sort, :id) ORDER BY sort, id LIMIT n + 1`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, tuple_
from sqlalchemy.ext.asyncio import AsyncConnection

AnySelect = Select[*tuple[Any, ...]]
"""A SELECT of any columns (what a repository hands to `fetch_page`)."""


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
