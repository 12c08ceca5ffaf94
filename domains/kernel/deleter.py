"""What deleting a tenant means for one domain, derived from its table metadata.

Every tenant-scoped table of the domain's schema is covered, children before parents by the
foreign keys inside the schema, so a table added later is deleted without anyone listing it.
Global tables (accounts, jobs, audit) belong to no tenant and are left alone. A domain whose
deletion needs more (cancelling a subscription first) subclasses `TenantDataDeleter`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Executable,
    MetaData,
    Table,
    delete,
    func,
    literal_column,
    select,
    text,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from db.base import cross_domain_references, table_scope
from db.pagination import AnySelect

EntityCounts = dict[str, int]
"""Rows per entity (table name), in deletion order."""


@dataclass(frozen=True, slots=True)
class Resume:
    """Where a batched deletion stopped: the table it was emptying, and the last key deleted."""

    table: str
    after: uuid.UUID


@dataclass(frozen=True, slots=True)
class Batch:
    """What one bounded batch deleted, and whether the domain has nothing of the tenant left."""

    counts: EntityCounts
    finished: bool
    stopped: Resume | None = None
    """Where the next batch carries on (None when finished)."""


def tenant_column(table: Table) -> ColumnElement[uuid.UUID]:
    """The column holding the tenant id: `tenant_id`, or `id` of the tenant root table."""
    if table_scope(table) == "tenant_root":
        return table.c.id
    return table.c.tenant_id


class TenantDataDeleter:
    """Counts and deletes one tenant's rows in one domain's schema, children first."""

    def __init__(self, metadata: MetaData) -> None:
        if metadata.schema is None:
            raise ValueError("a domain's metadata names its schema")
        self.schema = metadata.schema
        # sorted_tables puts parents before their children; deletion runs the other way.
        self.tables: tuple[Table, ...] = tuple(
            table for table in reversed(metadata.sorted_tables) if table_scope(table) != "global"
        )

    @property
    def entities(self) -> list[str]:
        """The tables this deleter covers, in deletion order."""
        return [table.name for table in self.tables]

    def count_statements(self, tenant: ColumnElement[uuid.UUID]) -> list[AnySelect]:
        """One `SELECT domain, entity, count(*)` per table, to be combined with UNION ALL.

        `tenant` is usually a bound parameter, so one statement serves every tenant; the names
        are SQL literals (they come from the metadata), not parameters.
        """
        return [
            select(
                literal_column(f"'{self.schema}'").label("domain"),
                literal_column(f"'{table.name}'").label("entity"),
                func.count().label("rows"),
            )
            .select_from(table)
            .where(tenant_column(table) == tenant)
            for table in self.tables
        ]

    async def delete(self, connection: AsyncConnection, tenant_id: uuid.UUID) -> EntityCounts:
        """Delete every row of the tenant in this schema, one statement per table."""
        counts: EntityCounts = {}
        for table in self.tables:
            result = await connection.execute(
                delete(table).where(tenant_column(table) == tenant_id)
            )
            counts[table.name] = result.rowcount
        return counts

    async def erase_references(
        self, connection: AsyncConnection, *, target: str, target_id: uuid.UUID
    ) -> EntityCounts:
        """Erase what this schema holds about one entity of another domain (a person).

        Read from the declared references (`db.base.reference`): rows that cannot exist without
        it (a notification to that person) are deleted, optional references are cleared.
        """
        counts: EntityCounts = {}
        for table in self.tables:
            for name, referenced in cross_domain_references(table).items():
                if referenced != target:
                    continue
                column = table.c[name]
                if column.nullable:
                    statement: Executable = (
                        update(table).where(column == target_id).values({name: None})
                    )
                else:
                    statement = delete(table).where(column == target_id)
                result = await connection.execute(statement)
                if result.rowcount:
                    counts[table.name] = counts.get(table.name, 0) + result.rowcount
        return counts

    async def delete_batch(
        self,
        connection: AsyncConnection,
        tenant_id: uuid.UUID,
        *,
        limit: int,
        resume_at: str | None = None,
        after: uuid.UUID | None = None,
    ) -> Batch:
        """Delete at most `limit` rows of the tenant, emptying tables in deletion order.

        Run again until `finished`: a table is only started once the ones before it are empty,
        so children are always gone before their parents. Each table is emptied in key order.
        `resume_at` names the table the last batch ended in: the tables before it are empty and
        are not searched again. `after`, the last key deleted there (`Batch.stopped`), lets the
        search start past the rows deleted already instead of stepping over their index entries
        again; without it the table is searched from its first key, which finds the same rows.
        """
        counts: EntityCounts = {}
        remaining = limit
        names = self.entities
        start = names.index(resume_at) if resume_at in names else 0
        for position, table in enumerate(self.tables[start:]):
            deleted, last = await _delete_next(
                connection, table, tenant_id, remaining, after=after if position == 0 else None
            )
            if deleted:
                counts[table.name] = deleted
            remaining -= deleted
            if remaining <= 0 and last is not None:
                # Full: whether rows remain is for the next batch to find (it may delete none).
                return Batch(counts, finished=False, stopped=Resume(table.name, last))
        return Batch(counts, finished=True)


async def _delete_next(
    connection: AsyncConnection,
    table: Table,
    tenant_id: uuid.UUID,
    limit: int,
    *,
    after: uuid.UUID | None,
) -> tuple[int, uuid.UUID | None]:
    """Delete the tenant's next `limit` rows of `table` in key order: how many, and the last key.

    Two range scans of the primary key `(tenant_id, id)`: one finds the `limit`-th key past
    `after` (or the last one), the other deletes the rows up to it. Starting past `after`,
    neither reads a row an earlier batch deleted, so every batch costs about the same however
    far the deletion has got.
    """
    *_, key = table.primary_key.columns
    tenant_rows = [tenant_column(table) == tenant_id]
    if after is not None:
        tenant_rows.append(key > after)
    following = (
        (select(key.label("key")).where(*tenant_rows).order_by(*table.primary_key.columns))
        .limit(limit)
        .subquery()
    )
    last = await connection.scalar(
        select(following.c.key).order_by(following.c.key.desc()).limit(1)
    )
    if last is None:
        return 0, None
    result = await connection.execute(delete(table).where(*tenant_rows, key <= last))
    return result.rowcount, last


_GENERIC_INDEX_PLANS = text(
    "SELECT set_config('plan_cache_mode', 'force_generic_plan', true), "
    "set_config('enable_seqscan', 'off', true)"
)


async def plan_once_by_index(connection: AsyncConnection) -> None:
    """For the rest of the transaction, plan each statement once, and by an index.

    Deleting a parent row makes PostgreSQL check, with a query of its own, that no row of each
    child table still points at it. When the child's statistics are skewed (many rows pointing
    at a few parents) it plans that query anew for every deleted parent row, which is most of a
    deletion's time. A generic plan is made once per connection and reused; with sequential
    scans ruled out, that plan, blind to the values, still takes the index every foreign key
    has (tests/db/test_conventions.py) instead of reading the whole child table for each row.
    """
    await connection.execute(_GENERIC_INDEX_PLANS)


def covered_tables(deleters: Sequence[TenantDataDeleter]) -> set[str]:
    """Every "schema.table" some deleter covers."""
    return {f"{d.schema}.{table.name}" for d in deleters for table in d.tables}
