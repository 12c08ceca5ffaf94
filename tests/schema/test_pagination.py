"""Relay connections with keyset cursors over a real table (the rule is pinned below the API
because no list of issue 2's contract is paged; later domains page through the same helper)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Column, DateTime, Integer, MetaData, Table, Uuid, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from db.engine import create_engine
from db.pagination import fetch_page
from domains.kernel.errors import BadUserInput
from domains.kernel.pagination import (
    MAX_PAGE_SIZE,
    Connection,
    PageRequest,
    decode_cursor,
    encode_cursor,
)

ROWS = 250
items = Table(
    "pagination_items",
    MetaData(),
    Column("id", Uuid, primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("position", Integer, nullable=False),
    prefixes=["TEMPORARY"],
)
ORDER = (items.c.created_at, items.c.id)


async def _filled(connection: AsyncConnection) -> None:
    await connection.run_sync(items.metadata.create_all)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    # Ten rows share each timestamp, so the id must break ties for the order to be total.
    await connection.execute(
        items.insert(),
        [
            {"id": uuid.uuid4(), "created_at": start + timedelta(minutes=i // 10), "position": i}
            for i in range(ROWS)
        ],
    )


async def test_pages_walk_every_row_once_in_order(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            await _filled(connection)

            async def count() -> int:
                return int(await connection.scalar(select(func.count()).select_from(items)) or 0)

            seen: list[int] = []
            after: str | None = None
            pages = 0
            while True:
                request = PageRequest.parse(MAX_PAGE_SIZE, after, key_width=len(ORDER))
                page = await fetch_page(
                    connection,
                    select(items.c.position),
                    order_by=ORDER,
                    after=request.after,
                    limit=request.first,
                )
                connection_page = Connection[int].from_page(
                    page, [row.position for row in page.rows], after=request.after, count=count
                )
                seen += [edge.node for edge in connection_page.edges]
                pages += 1
                assert connection_page.page_info.has_previous_page == (after is not None)
                assert await connection_page.total_count() == ROWS
                if not connection_page.page_info.has_next_page:
                    break
                after = connection_page.page_info.end_cursor
            expected = list(await connection.scalars(select(items.c.position).order_by(*ORDER)))
    finally:
        await engine.dispose()
    assert pages == 3
    assert seen == expected
    assert sorted(seen) == list(range(ROWS))


def test_page_size_is_between_1_and_100() -> None:
    assert PageRequest.parse(None, None, key_width=2).first == 20
    assert PageRequest.parse(100, None, key_width=2).first == 100
    for size in (0, -1, 101):
        with pytest.raises(BadUserInput) as refused:
            PageRequest.parse(size, None, key_width=2)
        assert refused.value.extensions == {"field": "first"}


def test_cursor_round_trip_and_garbage() -> None:
    key = (datetime(2026, 5, 1, 8, 30, tzinfo=UTC), date(2026, 5, 2), uuid.uuid4(), 7, "x")
    assert decode_cursor(encode_cursor(key), width=5) == key
    for garbage in ("", "not base64!", encode_cursor((1,)), "W1siZCIsIm5vIl1d"):
        with pytest.raises(BadUserInput):
            decode_cursor(garbage, width=5)
