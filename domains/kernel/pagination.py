"""Relay connections with keyset cursors, at most 100 nodes a page."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

import strawberry
from sqlalchemy import ColumnElement, Row, func, select

from db.pagination import AnySelect, Page, PageRead, fetch_page
from db.unit_of_work import UnitOfWork
from domains.kernel.errors import BadUserInput
from domains.kernel.loaders import MaybeAwaitable

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20

NodeT = TypeVar("NodeT")
R = TypeVar("R")

_DECODERS: dict[str, Callable[[Any], Any]] = {
    "d": datetime.fromisoformat,
    "t": date.fromisoformat,
    "u": uuid.UUID,
    "i": int,
    "s": str,
}


def encode_cursor(values: Sequence[Any]) -> str:
    """An opaque cursor for a row's sort key."""
    typed: list[list[Any]] = []
    for value in values:
        if isinstance(value, datetime):
            typed.append(["d", value.isoformat()])
        elif isinstance(value, date):
            typed.append(["t", value.isoformat()])
        elif isinstance(value, uuid.UUID):
            typed.append(["u", str(value)])
        elif isinstance(value, bool) or not isinstance(value, int | str):
            raise TypeError(f"cannot put {type(value).__name__} in a cursor")
        else:
            typed.append(["i" if isinstance(value, int) else "s", value])
    raw = json.dumps(typed, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, *, width: int) -> tuple[Any, ...]:
    """The sort key inside a cursor, or BAD_USER_INPUT."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        typed = json.loads(base64.urlsafe_b64decode(padded.encode()))
        values = tuple(_DECODERS[kind](value) for kind, value in typed)
    except (ValueError, TypeError, KeyError):
        raise BadUserInput("`after` is not a cursor of this list.", field="after") from None
    if len(values) != width:
        raise BadUserInput("`after` is not a cursor of this list.", field="after")
    return values


@dataclass(frozen=True, slots=True)
class PageRequest:
    """Validated `first`/`after` arguments."""

    first: int
    after: tuple[Any, ...] | None

    @classmethod
    def parse(cls, first: int | None, after: str | None, *, key_width: int) -> PageRequest:
        """Check the page size (1..100) and decode the cursor."""
        size = DEFAULT_PAGE_SIZE if first is None else first
        if not 1 <= size <= MAX_PAGE_SIZE:
            raise BadUserInput(f"`first` must be between 1 and {MAX_PAGE_SIZE}.", field="first")
        return cls(
            first=size,
            after=decode_cursor(after, width=key_width) if after is not None else None,
        )


@strawberry.type(description="Where a page sits in its list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More nodes follow this page.")
    has_previous_page: bool = strawberry.field(description="Nodes precede this page.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first node.")
    end_cursor: str | None = strawberry.field(
        description="Cursor of the last node; pass as `after`."
    )


@strawberry.type(description="A node and its cursor.")
class Edge(Generic[NodeT]):
    node: NodeT = strawberry.field(description="The item.")
    key: strawberry.Private[tuple[Any, ...]]

    @strawberry.field(description="Opaque position of this item, for `after`.")
    def cursor(self) -> str:
        # Encoded only when asked for: most pages are read through `nodes`.
        return encode_cursor(self.key)


@strawberry.type(description="A page of a list (Relay connection).")
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]] = strawberry.field(description="The nodes of this page.")
    page_info: PageInfo = strawberry.field(description="Position of this page in the list.")
    count: strawberry.Private[Callable[[], MaybeAwaitable[int]]]

    @strawberry.field(description="The nodes of this page, without their cursors.")
    def nodes(self) -> list[NodeT]:
        return [edge.node for edge in self.edges]

    @strawberry.field(
        description="How many nodes the whole list holds (counted on request).", graphql_type=int
    )
    def total_count(self) -> MaybeAwaitable[int]:
        return self.count()

    @classmethod
    def from_page(
        cls,
        page: Page,
        nodes: Sequence[NodeT],
        *,
        after: tuple[Any, ...] | None,
        count: Callable[[], MaybeAwaitable[int]],
    ) -> Connection[NodeT]:
        """A connection from a fetched page and its nodes (in the page's order)."""
        return cls.of(nodes, page.keys, has_next=page.has_next, after=after, count=count)

    @classmethod
    def of(
        cls,
        nodes: Sequence[NodeT],
        keys: Sequence[tuple[Any, ...]],
        *,
        has_next: bool,
        after: tuple[Any, ...] | None,
        count: Callable[[], MaybeAwaitable[int]],
    ) -> Connection[NodeT]:
        """A connection of a page's nodes and their keys (in the page's order)."""
        return cls(
            edges=[Edge(node=node, key=key) for node, key in zip(nodes, keys, strict=True)],
            page_info=PageInfo(
                has_next_page=has_next,
                has_previous_page=after is not None,
                start_cursor=encode_cursor(keys[0]) if keys else None,
                end_cursor=encode_cursor(keys[-1]) if keys else None,
            ),
            count=count,
        )


async def paginate(
    uow: UnitOfWork,
    statement: AnySelect,
    *,
    order_by: Sequence[ColumnElement[Any]],
    first: int | None,
    after: str | None,
    node: Callable[[Row[Any]], NodeT],
) -> Connection[NodeT]:
    """A page of `statement` (built by a repository) as a connection; counted only if asked.

    `order_by` ends with a unique column so the order is stable; the count runs the same
    filters without the order and the limit.
    """
    request = PageRequest.parse(first, after, key_width=len(order_by))
    async with uow.connection() as connection:
        page = await fetch_page(
            connection, statement, order_by=order_by, after=request.after, limit=request.first
        )

    async def count() -> int:
        counting = select(func.count()).select_from(statement.order_by(None).subquery())
        async with uow.connection() as connection:
            return int(await connection.scalar(counting) or 0)

    return Connection.from_page(
        page, [node(row) for row in page.rows], after=request.after, count=count
    )


async def read_page(
    uow: UnitOfWork,
    read: PageRead[R],
    values: Mapping[str, Any],
    *,
    first: int | None,
    after: str | None,
    count: bool,
    node: Callable[[R], NodeT],
) -> Connection[NodeT]:
    """A page of a declared list (`read`, filtered by `values`) as a connection.

    With `count` (the query selects `totalCount`), the total comes with the page, in the same
    statement; otherwise, or when the page cannot carry it, it is counted if asked for.
    """
    request = PageRequest.parse(first, after, key_width=read.key_width)
    async with uow.connection() as connection:
        page = await read.fetch(
            connection, values, after=request.after, limit=request.first, count=count
        )
    total = page.total

    async def counted() -> int:
        async with uow.connection() as connection:
            return await read.count(connection, values)

    def total_count() -> MaybeAwaitable[int]:
        return total if total is not None else counted()

    return Connection.of(
        [node(record) for record in page.records],
        page.keys,
        has_next=page.has_next,
        after=request.after,
        count=total_count,
    )
