"""Per-request DataLoaders: built on first use, one per loader class, never shared."""

from __future__ import annotations

import inspect
from asyncio import Future
from collections.abc import Awaitable, Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, Generic, TypeAlias, TypeVar, cast

from aiodataloader import DataLoader
from opentelemetry import trace
from sqlalchemy.ext.asyncio import AsyncConnection

from db.unit_of_work import UnitOfWork

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
R = TypeVar("R")
T = TypeVar("T")
W = TypeVar("W")

MaybeAwaitable: TypeAlias = R | Awaitable[R]
"""What a fast-path resolver returns: the value now, or an awaitable of it."""


def then(
    value: MaybeAwaitable[V], transform: Callable[[V], MaybeAwaitable[R]]
) -> MaybeAwaitable[R]:
    """`transform(value)`, at once when `value` is already there, after awaiting it otherwise.

    `transform` may itself need to load more and return an awaitable; it is awaited too.
    """
    if inspect.isawaitable(value):
        awaitable = cast("Awaitable[V]", value)

        async def later() -> R:
            result = transform(await awaitable)
            if inspect.isawaitable(result):  # the transform needed to load more
                return cast("R", await result)
            return result

        return later()
    return transform(value)


L = TypeVar("L", bound="Loader[Any, Any]")
_ABSENT: Any = object()  # no value for a key (None is a value: a row that is gone)
_tracer = trace.get_tracer("bakery-gateway.dataloader")


def each_with(
    loader: Loader[K, V],
    records: Sequence[T],
    key: Callable[[T], K],
    view: Callable[[V], W],
    build: Callable[[T, W], R],
) -> MaybeAwaitable[list[R]]:
    """One view per record, built with the view of the value `loader` holds for it.

    A line and its product: `view` makes the product's GraphQL view once per product and request
    (`Loader.view`), however many lines name it; `build` makes each line's. At once when the page
    already loaded every value, so the child is a plain field with no resolver call per item;
    otherwise one batched load, then the views.
    """
    keys = [key(record) for record in records]

    def views(values: list[V]) -> list[R]:
        return [
            build(record, loader.view(item, value, view))
            for record, item, value in zip(records, keys, values, strict=True)
        ]

    ready = loader.loaded_many(keys)
    if ready is not None:
        return views(ready)
    return then(loader.load_many(keys), views)


class Loader(DataLoader[K, V], Generic[K, V]):
    """A DataLoader whose batches read through the request's unit of work.

    Subclasses implement `fetch(connection, keys)` returning values found by key; keys not found
    get `missing()` (None by default, an empty list for one-to-many loaders). Results come back in
    key order, as DataLoader requires.
    """

    def __init__(self, uow: UnitOfWork, siblings: Loaders) -> None:
        super().__init__()
        self.uow = uow
        self.siblings = siblings  # the request's other loaders, to prime what a query also read
        self._loaded: dict[K, V] = {}
        self._views: dict[Callable[[Any], Any], dict[K, Any]] = {}

    def prime(self, key: K, value: V) -> Loader[K, V]:
        """Remember a value read by another query, so loading it needs no query of its own."""
        self._loaded.setdefault(key, value)
        return self

    def load(self, key: K) -> Future[V]:
        """A future of the key's value: already done when this request loaded or primed it.

        Values this request holds are answered from `_loaded`, so keeping them needs no future
        per key; any other key is queued for the next batch, as DataLoader does.
        """
        loaded = self._loaded
        if key in loaded:
            done: Future[V] = self.loop.create_future()
            done.set_result(loaded[key])
            return done
        return super().load(key)

    async def load_now(self, keys: Sequence[K]) -> list[V]:
        """Load `keys` in one batch right away and keep them, for a parent loading its page.

        Unlike `load_many`, nothing is queued: no future per key, no wait for the next tick.
        Keys already loaded are not fetched again.
        """
        loaded = self._loaded
        wanted = [key for key in dict.fromkeys(keys) if key not in loaded]
        if wanted:
            await self.batch_load_fn(wanted)
        return [loaded[key] for key in keys]

    def view(self, key: K, value: V, make: Callable[[V], W]) -> W:
        """`make(value)`, once per key and request: many lines share one product's view.

        A key's value never changes within a request (`prime` keeps the first), so neither
        does its view.
        """
        made = self._views.get(make)
        if made is None:
            made = self._views[make] = {}
        # One lookup, not `in` then `[]`: hashing a (tenant id, id) key calls UUID.__hash__ twice.
        kept = made.get(key, _ABSENT)
        if kept is not _ABSENT:
            return cast("W", kept)
        made[key] = result = make(value)
        return result

    def loaded_many(self, keys: Sequence[K]) -> list[V] | None:
        """The values of all `keys` if this request already loaded every one of them, else None."""
        loaded = self._loaded
        try:
            return [loaded[key] for key in keys]
        except KeyError:
            return None

    def now_or_later(self, key: K) -> V | Awaitable[V]:
        """The value at once when this request already loaded it, else an awaitable of it.

        A resolver returning a plain value costs graphql-core no coroutine and no task; on long
        nested lists that is most of the time a DataLoader adds. A parent that loads a whole
        page first (`load_many`) lets every child take this fast path.
        """
        value = self._loaded.get(key, _ABSENT)
        if value is not _ABSENT:
            return cast("V", value)
        return self.load(key)

    async def fetch(self, connection: AsyncConnection, keys: Sequence[K]) -> Mapping[K, V]:
        """Values of the keys found, by key."""
        raise NotImplementedError

    def missing(self) -> V:
        """The value of a key with nothing behind it."""
        return cast("V", None)

    async def batch_load_fn(self, keys: Iterable[K]) -> list[V]:
        ordered = list(keys)
        # A span per batch when tracing is on (gateway.tracing); a no-op call otherwise.
        with _tracer.start_as_current_span(
            f"dataloader {type(self).__name__}", attributes={"dataloader.keys": len(ordered)}
        ):
            async with self.uow.connection() as connection:
                found = await self.fetch(connection, ordered)
        values = [found[key] if key in found else self.missing() for key in ordered]
        self._loaded.update(zip(ordered, values, strict=True))
        return values


class Loaders:
    """The DataLoaders of one request, by class: `loaders.get(UserByIdLoader).load(user_id)`."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._built: dict[type, object] = {}

    def get(self, kind: type[L]) -> L:
        """The request's loader of this class, built on first use."""
        loader = self._built.get(kind)
        if loader is None:
            loader = self._built[kind] = kind(self._uow, self)
        return cast("L", loader)

    def release(self) -> None:
        """Let go of every loader and what it loaded, once the operation has ended.

        Loaders and the views they keep point back at this object (a loader primes its
        siblings, a view loads its relations), so a request's records would otherwise wait for
        the garbage collector instead of going with the request; on the dashboard they made a
        young collection of tens of thousands of objects every few requests.
        """
        self._built.clear()
