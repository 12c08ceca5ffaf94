"""PageRead: pages of a declared list, compiled per shape, with the total in the same statement."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, Text, Uuid, bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from db.engine import create_engine
from db.pagination import AnySelect, PageRead
from db.search import contains, escaped

metadata = MetaData(schema="page_read_test")
rolls = Table(
    "rolls",
    metadata,
    Column("tenant_id", Uuid, nullable=False),
    Column("id", Uuid, nullable=False),
    Column("name", Text, nullable=False),
    Column("grams", Integer, nullable=False),
)


@dataclass(frozen=True, slots=True)
class Roll:
    id: uuid.UUID
    name: str
    grams: int


def _rolls(given: frozenset[str]) -> AnySelect:
    statement = select(rolls.c.id, rolls.c.name, rolls.c.grams).where(
        rolls.c.tenant_id == bindparam("tenant_id")
    )
    if "search" in given:
        statement = statement.where(contains(rolls.c.name, "search"))
    if "heavier_than" in given:
        statement = statement.where(rolls.c.grams > bindparam("heavier_than"))
    return statement


ROLLS = PageRead(_rolls, order_by=(func.lower(rolls.c.name), rolls.c.id), record=Roll)
MINE, OTHER = uuid.uuid4(), uuid.uuid4()
NAMES = [f"roll {index:02}" for index in range(25)] + ["50% rye", "rye_roll", "rye roll"]


@pytest.fixture
async def connection(database_url: str) -> AsyncIterator[AsyncConnection]:
    """A connection whose transaction holds the test table and is rolled back at the end."""
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            await connection.exec_driver_sql("CREATE SCHEMA page_read_test")
            await connection.run_sync(metadata.create_all)
            await connection.execute(
                rolls.insert(),
                [
                    {"tenant_id": tenant, "id": uuid.uuid4(), "name": name, "grams": 10 * index}
                    for tenant in (MINE, OTHER)
                    for index, name in enumerate(NAMES)
                ],
            )
            yield connection
            await connection.rollback()
    finally:
        await engine.dispose()


def mine(**filters: Any) -> dict[str, Any]:
    return {"tenant_id": MINE, "search": None, "heavier_than": None, **filters}


@pytest.mark.parametrize("count", [True, False])
async def test_pages_walk_the_list_once_in_order_with_its_total(
    connection: AsyncConnection, count: bool
) -> None:
    names: list[str] = []
    after = None
    while True:
        page = await ROLLS.fetch(connection, mine(), after=after, limit=10, count=count)
        names += [roll.name for roll in page.records]
        assert page.total == (len(NAMES) if count else None)
        assert [key[0] for key in page.keys] == [roll.name.lower() for roll in page.records]
        if not page.has_next:
            break
        after = page.keys[-1]

    assert names == sorted(NAMES, key=str.lower)
    assert await ROLLS.count(connection, mine()) == len(NAMES)


async def test_filters_left_out_when_none_and_applied_when_given(
    connection: AsyncConnection,
) -> None:
    heavy = await ROLLS.fetch(connection, mine(heavier_than=245), after=None, limit=100, count=True)
    empty = await ROLLS.fetch(
        connection, mine(heavier_than=10_000), after=None, limit=5, count=True
    )

    assert [roll.grams for roll in heavy.records] == [250, 270, 260]  # by name
    assert heavy.total == 3
    assert (empty.records, empty.total, empty.has_next) == ([], 0, False)


async def test_search_takes_wildcards_literally(connection: AsyncConnection) -> None:
    percent = await ROLLS.fetch(
        connection, mine(search=escaped("0%")), after=None, limit=9, count=True
    )
    underscore = await ROLLS.fetch(
        connection, mine(search=escaped("E_R")), after=None, limit=9, count=True
    )

    assert [roll.name for roll in percent.records] == ["50% rye"]
    assert [roll.name for roll in underscore.records] == ["rye_roll"]
    assert escaped("") is None


async def test_a_cursor_past_the_end_leaves_the_total_to_be_counted(
    connection: AsyncConnection,
) -> None:
    first = await ROLLS.fetch(connection, mine(), after=None, limit=100, count=True)
    past = await ROLLS.fetch(connection, mine(), after=first.keys[-1], limit=10, count=True)

    assert (past.records, past.has_next, past.total) == ([], False, None)
    assert await ROLLS.count(connection, mine()) == len(NAMES)
