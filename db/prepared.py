"""Batched key reads compiled once: the hot path of every DataLoader.

A DataLoader batch is one SELECT of a fixed shape, `... WHERE tenant_id = $1 AND key = ANY($2)`,
run once per request and relation. Built, cache-keyed and compiled by SQLAlchemy's Core on each
call, with its result processing per row, it cost several times the query itself on lists of a
few hundred rows (800 recipe lines: 5.6 ms, against 1.8 ms for asyncpg alone). `TenantKeyRead`
compiles the repository's statement once, when the module loads, and runs its text with
`exec_driver_sql` (2.1 ms): still through SQLAlchemy's connection, so its transaction, events
(statement counts, tracing), error wrapping and pool invalidation all apply. Rows become records
directly, with the column types' own result conversions (text enums to Python enums) and none
of the rest.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from sqlalchemy import any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.ext.asyncio import AsyncConnection

from db.pagination import AnySelect

R = TypeVar("R")

DIALECT = asyncpg_dialect()  # type: ignore[no-untyped-call] # SQLAlchemy leaves it untyped
TENANT = "batch_tenant_id"
KEYS = "batch_keys"


class TenantKeyRead(Generic[R]):
    """Records of `statement` whose `(tenant, key)` is in a DataLoader's batch.

    `statement` selects exactly the fields of `record`, in order (checked here, once), with
    whatever filters and order it needs; this adds `tenant = $t AND key = ANY($keys)` on the
    two columns given. A batch
    runs one statement per tenant it holds, nearly always one: the plan is an index scan on
    `(tenant_id, key)` with one array parameter, whatever the batch size.
    """

    def __init__(
        self,
        statement: AnySelect,
        *,
        tenant: Any,
        key: Any,
        record: type[R],
    ) -> None:
        names = [column.key for column in statement.selected_columns]
        fields = [field.name for field in dataclasses.fields(record)]  # type: ignore[arg-type]
        if names != fields:
            raise TypeError(f"{record.__name__} has fields {fields}, the columns are {names}")
        batched = statement.where(
            tenant == bindparam(TENANT, type_=tenant.type),
            key == any_(bindparam(KEYS, type_=ARRAY(key.type))),
        )
        compiled = batched.compile(dialect=DIALECT)
        if "POSTCOMPILE" in compiled.string:
            raise TypeError("an expanding IN (a literal list) has no fixed text: use ANY()")
        self.sql = compiled.string
        self._record = record
        self._types = [column.type for column in statement.selected_columns]
        values = compiled.construct_params({TENANT: None, KEYS: None})
        self._arguments: list[Any] = []
        self._slots: dict[str, int] = {}
        for position, name in enumerate(compiled.positiontup or ()):
            if name in (TENANT, KEYS):
                self._slots[name] = position
                self._arguments.append(None)
                continue
            # A value written in the statement itself (a status, a flag): converted once, here.
            bound = compiled.binds[name].type.dialect_impl(DIALECT)
            processor = bound.bind_processor(DIALECT)
            value = values[name]
            self._arguments.append(processor(value) if processor is not None else value)
        self._read: Callable[[Any], R] | None = None

    async def fetch(
        self, connection: AsyncConnection, keys: Iterable[tuple[uuid.UUID, Any]]
    ) -> list[R]:
        """The records of `keys`, a batch of (tenant id, key) pairs, in the statement's order."""
        by_tenant: dict[uuid.UUID, list[Any]] = defaultdict(list)
        for tenant_id, key in keys:
            by_tenant[tenant_id].append(key)
        if not by_tenant:
            return []
        found: list[R] = []
        for tenant_id, values in by_tenant.items():
            arguments = list(self._arguments)
            arguments[self._slots[TENANT]] = tenant_id
            arguments[self._slots[KEYS]] = values
            result = await connection.exec_driver_sql(self.sql, tuple(arguments))
            read = self._read or self._reader(result.cursor.description)
            found.extend(map(read, result.all()))
        return found

    def _reader(self, description: Sequence[Sequence[Any]]) -> Callable[[Any], R]:
        """A row-to-record function, with the conversions of the result's column types."""
        conversions: list[tuple[int, Callable[[Any], Any]]] = []
        for index, (column_type, column) in enumerate(zip(self._types, description, strict=True)):
            # The driver's type code (the PostgreSQL type oid) picks the conversion, as in
            # SQLAlchemy's own result processing.
            processor = column_type.dialect_impl(DIALECT).result_processor(DIALECT, column[1])
            if processor is not None:
                conversions.append((index, processor))
        self._read = _reader(self._record, conversions)
        return self._read


def _reader(
    record: type[R], conversions: Sequence[tuple[int, Callable[[Any], Any]]]
) -> Callable[[Any], R]:
    if not conversions:

        def read_plain(row: Any) -> R:
            return record(*row)

        return read_plain

    def read(row: Any) -> R:
        values = list(row)
        for index, convert in conversions:
            values[index] = convert(values[index])
        return record(*values)

    return read
