"""SQL of the trash: one list over every soft-deletable table, and the catalog's health figures."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Text,
    and_,
    cast,
    extract,
    func,
    literal,
    select,
    text,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from db.pagination import AnySelect
from db.soft_delete import Trashable
from domains.trash.records import DeletedRecord, TableHealth, UnindexedForeignKey


def trash_query(
    items: Sequence[Trashable], tenant_id: uuid.UUID
) -> tuple[AnySelect, tuple[ColumnElement[Any], ...]]:
    """The tenant's deleted rows of `items`, and the order that lists the newest first.

    One UNION ALL over the tables, each read through its trash index (tenant, deleted_at).
    The order is ascending on minus the deletion time in microseconds, so keyset pages run
    newest first.
    """
    parts = [
        select(
            literal(item.entity, Text).label("entity"),
            item.table.c.id,
            cast(item.table.c[item.label], Text).label("label"),
            item.table.c.deleted_at,
            item.table.c.deleted_by,
            item.table.c.deletion_reason.label("reason"),
            item.table.c.deletion_batch_id.label("batch_id"),
        ).where(item.table.c.tenant_id == tenant_id, item.table.c.deleted_at.is_not(None))
        for item in items
    ]
    trash = union_all(*parts).subquery("trash")
    newest_first = cast(-extract("epoch", trash.c.deleted_at) * 1_000_000, BigInteger)
    order = (newest_first, trash.c.entity, trash.c.id)
    return select(*trash.c), order


def deleted_record(row: Any) -> DeletedRecord:
    """The DeletedRecord of a row of `trash_query`."""
    return DeletedRecord(*row[:7])


def deleted_filter(
    item: Trashable,
    *,
    deleted_by: str | None,
    deleted_after: datetime | None,
    deleted_before: datetime | None,
) -> ColumnElement[bool]:
    """Deleted rows of `item` by who deleted them and when (each condition optional)."""
    table = item.table
    conditions: list[ColumnElement[bool]] = [table.c.deleted_at.is_not(None)]
    if deleted_by is not None:
        conditions.append(table.c.deleted_by == deleted_by)
    if deleted_after is not None:
        conditions.append(table.c.deleted_at >= deleted_after)
    if deleted_before is not None:
        conditions.append(table.c.deleted_at < deleted_before)
    return and_(*conditions)


def label_filter(item: Trashable, contains: str) -> ColumnElement[bool]:
    """Rows of `item` whose label contains `contains`, in any case."""
    return cast(item.table.c[item.label], Text).icontains(contains, autoescape=True)


async def awaiting_purge(
    connection: AsyncConnection, item: Trashable, *, deleted_before: datetime
) -> int:
    """Soft-deleted rows of `item`, all tenants, deleted before `deleted_before`."""
    table = item.table
    statement = select(func.count()).where(table.c.deleted_at < deleted_before)
    return int(await connection.scalar(statement) or 0)


_TABLES = text(
    """
    SELECT s.schemaname, s.relname, s.n_live_tup, s.n_dead_tup,
           pg_total_relation_size(s.relid) AS total_bytes,
           EXISTS (SELECT 1 FROM information_schema.columns c
                   WHERE c.table_schema = s.schemaname AND c.table_name = s.relname
                     AND c.column_name = 'tenant_id') AS has_tenant,
           EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a
                     ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                   WHERE i.indrelid = s.relid AND a.attname = 'tenant_id') AS tenant_indexed
    FROM pg_stat_user_tables s
    WHERE s.schemaname = ANY(:schemas)
    ORDER BY s.schemaname, s.relname
    """
)

# A foreign key is covered when some index's leading columns are exactly its columns.
_UNINDEXED_KEYS = text(
    """
    SELECT n.nspname, t.relname, c.conname,
           ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, pos)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
                 ORDER BY k.pos)::text[] AS columns
    FROM pg_constraint c
    JOIN pg_class t ON t.oid = c.conrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE c.contype = 'f' AND n.nspname = ANY(:schemas)
      AND NOT EXISTS (
        SELECT 1 FROM pg_index i
        WHERE i.indrelid = c.conrelid
          AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
          AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey
      )
    ORDER BY n.nspname, t.relname, c.conname
    """
)


async def table_health(
    connection: AsyncConnection,
    schemas: Sequence[str],
    awaiting: dict[str, int],
    *,
    global_tables: frozenset[str],
) -> list[TableHealth]:
    """Each table of `schemas`: tuples, size, soft-deleted rows due for purge, tenant index.

    Global tables hold tenant ids without belonging to a tenant: no tenant index is expected.
    """
    rows = await connection.execute(_TABLES, {"schemas": list(schemas)})
    return [
        TableHealth(
            schema=row.schemaname,
            table=row.relname,
            live_rows=int(row.n_live_tup),
            dead_rows=int(row.n_dead_tup),
            total_bytes=int(row.total_bytes),
            awaiting_purge=awaiting.get(f"{row.schemaname}.{row.relname}"),
            has_tenant_index=(
                bool(row.tenant_indexed)
                if row.has_tenant and f"{row.schemaname}.{row.relname}" not in global_tables
                else None
            ),
        )
        for row in rows
    ]


async def unindexed_foreign_keys(
    connection: AsyncConnection, schemas: Sequence[str]
) -> list[UnindexedForeignKey]:
    """Foreign keys of `schemas` that no index covers."""
    rows = await connection.execute(_UNINDEXED_KEYS, {"schemas": list(schemas)})
    return [
        UnindexedForeignKey(
            schema=row.nspname, table=row.relname, constraint=row.conname, columns=list(row.columns)
        )
        for row in rows
    ]
