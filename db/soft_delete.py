"""Soft delete, restore and purge of catalog rows: one mechanism for every soft-deletable table.

A `Trashable` declares, once, what a soft delete means for one table: the entity's name, the
column that labels a row in the trash, the live-only unique indexes a restore can run into, and
the dependent rows that go with a row (`Cascade`: a supplier's draft purchase orders). Every
operation is set-based: a soft delete of any number of rows, with its cascades, is one statement
(data-modifying CTEs chained parent to child), and so is a restore.

Every deletion is a batch: its rows, cascaded ones included, carry the same `deletion_batch_id`.
A restore brings back rows with the cascaded rows *of the same batch* only, so a purchase order
deleted on its own earlier stays deleted when its supplier comes back.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    CTE,
    ColumnElement,
    Table,
    and_,
    any_,
    bindparam,
    delete,
    func,
    literal,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.types import Uuid

from db.errors import write_unique

MAX_CASCADE_DEPTH = 4
"""How far a deletion follows cascades (parent, child, grandchild, ...): declarations deeper
than this are a modelling error, refused when declared."""


@dataclass(frozen=True, slots=True, eq=False)
class Cascade:
    """Rows of `child` that go with a deleted parent: `foreign_key` of `child` holds its id.

    `only` narrows them (a supplier's *draft* purchase orders); the key is composite with
    `tenant_id`, as every foreign key inside a schema.
    """

    child: Trashable
    foreign_key: str
    only: ColumnElement[bool] | None = None


@dataclass(frozen=True, eq=False)  # compared by identity: one declaration per table
class Trashable:
    """A soft-deletable table and what deleting one of its rows means."""

    entity: str
    """The entity's name in the API and in the trash (`ingredient`)."""
    model: Any
    """The declarative class; it mixes in `db.base.SoftDeletable`."""
    label: str = "name"
    """The column shown for a row in the trash."""
    unique_indexes: frozenset[str] = frozenset()
    """Live-only unique indexes (a name per tenant) a restore may find taken."""
    cascades: tuple[Cascade, ...] = ()
    table: Table = field(init=False)

    def __post_init__(self) -> None:
        table = self.model.__table__
        missing = {"tenant_id", "id", "deleted_at", "deletion_batch_id", self.label} - set(
            table.c.keys()
        )
        if missing:
            raise TypeError(f"{table.fullname} cannot be soft-deleted: no {sorted(missing)}")
        object.__setattr__(self, "table", table)
        if self.depth() > MAX_CASCADE_DEPTH:
            raise ValueError(f"{self.entity}: cascades deeper than {MAX_CASCADE_DEPTH}")

    def depth(self, seen: frozenset[str] = frozenset()) -> int:
        """Levels of rows one deletion reaches, this one included; a cycle is an error."""
        if self.table.fullname in seen:
            raise ValueError(f"{self.entity}: cascades loop back to {self.table.fullname}")
        below = [cascade.child.depth(seen | {self.table.fullname}) for cascade in self.cascades]
        return 1 + max(below, default=0)

    def tree(self) -> list[Trashable]:
        """This table and every table its cascades reach, parents first."""
        return [self, *(t for cascade in self.cascades for t in cascade.child.tree())]


@dataclass(frozen=True, slots=True)
class SoftDeletion:
    """What one soft delete did: its batch (what a restore brings back) and the rows it hid."""

    batch_id: uuid.UUID
    ids: list[uuid.UUID]
    deleted_at: datetime | None
    counts: dict[str, int] = field(default_factory=dict)
    """Rows hidden per entity, cascaded ones included."""


@dataclass(frozen=True, slots=True)
class Restoration:
    """What one restore brought back: the rows asked for, and counts with their cascades."""

    ids: list[uuid.UUID]
    counts: dict[str, int]


class ParentDeleted(Exception):
    """A row cannot come back while the row it belongs to is deleted (`parent` is its table)."""

    def __init__(self, entity: str, parent: str) -> None:
        super().__init__(entity, parent)
        self.entity = entity
        self.parent = parent


def _ids(name: str) -> Any:
    return any_(bindparam(name, type_=ARRAY(Uuid())))


async def soft_delete(
    connection: AsyncConnection,
    item: Trashable,
    *,
    tenant_id: uuid.UUID,
    ids: Sequence[uuid.UUID] | None = None,
    where: ColumnElement[bool] | None = None,
    deleted_by: str,
    reason: str | None,
    return_ids: bool = True,
) -> SoftDeletion:
    """Hide the live rows among `ids` (or matching `where`) and their cascades, as one batch.

    One statement however many rows and levels. Rows already deleted are left as they were:
    they stay in their own batch.
    """
    if ids is not None and where is None:
        chosen: ColumnElement[bool] = item.table.c.id == _ids("ids")
    elif where is not None and ids is None:
        chosen = where
    else:
        raise ValueError("soft-delete by ids or by a filter, not both or neither")
    batch_id = uuid.uuid4()
    stamp = {
        "deleted_at": func.now(),
        "deleted_by": deleted_by,
        "deletion_reason": reason,
        "deletion_batch_id": batch_id,
    }
    table = item.table
    top = (
        update(table)
        .where(table.c.tenant_id == tenant_id, table.c.deleted_at.is_(None), chosen)
        .values(stamp)
        .returning(table.c.id, table.c.deleted_at)
        .cte(f"hidden_{item.entity}")
    )
    levels: list[tuple[Trashable, CTE]] = [(item, top)]
    _cascade_deletes(item, top, tenant_id, stamp, levels)
    counts = [select(func.count()).select_from(cte).scalar_subquery() for _, cte in levels]
    outputs: list[Any] = [*counts, select(func.max(top.c.deleted_at)).scalar_subquery()]
    if return_ids:
        outputs.append(select(func.array_agg(top.c.id)).scalar_subquery())
    statement = select(*outputs)
    row = (await connection.execute(statement, {"ids": list(ids or [])})).one()
    return SoftDeletion(
        batch_id=batch_id,
        ids=list(row[len(levels) + 1] or []) if return_ids else [],
        deleted_at=row[len(levels)],
        counts=_by_entity(levels, row),
    )


def _cascade_deletes(
    parent: Trashable,
    parent_rows: CTE,
    tenant_id: uuid.UUID,
    stamp: dict[str, Any],
    levels: list[tuple[Trashable, CTE]],
) -> None:
    for cascade in parent.cascades:
        child = cascade.child.table
        key = child.c[cascade.foreign_key]
        conditions = [
            child.c.tenant_id == tenant_id,
            child.c.deleted_at.is_(None),
            key.in_(select(parent_rows.c.id)),
        ]
        if cascade.only is not None:
            conditions.append(cascade.only)
        rows = (
            update(child)
            .where(*conditions)
            .values(stamp)
            .returning(child.c.id, child.c.deleted_at)
            .cte(f"hidden_{cascade.child.entity}_{len(levels)}")
        )
        levels.append((cascade.child, rows))
        _cascade_deletes(cascade.child, rows, tenant_id, stamp, levels)


def _by_entity(levels: Sequence[tuple[Trashable, CTE]], row: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for index, (trashable, _) in enumerate(levels):
        counts[trashable.entity] = counts.get(trashable.entity, 0) + int(row[index])
    return counts


CLEARED = {"deleted_at": None, "deleted_by": None, "deletion_reason": None}


async def restore(
    connection: AsyncConnection,
    item: Trashable,
    *,
    tenant_id: uuid.UUID,
    ids: Sequence[uuid.UUID] | None = None,
    batch_id: uuid.UUID | None = None,
    where: ColumnElement[bool] | None = None,
) -> Restoration:
    """Bring back deleted rows (by ids, by batch or by filter) with their cascades of the batch.

    Raises ParentDeleted when a row's parent is still deleted (and not coming back with it),
    and UniqueTaken when a live row took a restored row's unique value meanwhile; in both cases
    nothing is restored.
    """
    table = item.table
    chosen: list[ColumnElement[bool]] = [table.c.tenant_id == tenant_id]
    chosen.append(table.c.deleted_at.is_not(None))
    if ids is not None:
        chosen.append(table.c.id == _ids("ids"))
    if batch_id is not None:
        chosen.append(table.c.deletion_batch_id == batch_id)
    if where is not None:
        chosen.append(where)
    await _refuse_orphans(connection, item, and_(*chosen), {"ids": list(ids or [])})
    restored = update(table).values(**CLEARED, deletion_batch_id=None)
    if batch_id is not None:
        # Every row comes from this batch: one plain UPDATE, its cascades follow the batch.
        top = (
            restored.where(*chosen)
            .returning(table.c.id, literal(batch_id, Uuid()).label("batch"))
            .cte(f"restored_{item.entity}")
        )
    else:
        # Rows of several batches: each row's batch is read (and the row locked) before the
        # update clears it, so its cascades follow its own batch.
        target = (
            select(table.c.id, table.c.deletion_batch_id.label("batch"))
            .where(*chosen)
            .with_for_update()
            .cte(f"target_{item.entity}")
        )
        top = (
            restored.where(table.c.tenant_id == tenant_id, table.c.id == target.c.id)
            .returning(table.c.id, target.c.batch)
            .cte(f"restored_{item.entity}")
        )
    levels: list[tuple[Trashable, CTE]] = [(item, top)]
    _cascade_restores(item, top, tenant_id, levels)
    counts = [select(func.count()).select_from(cte).scalar_subquery() for _, cte in levels]
    statement = select(*counts, select(func.array_agg(top.c.id)).scalar_subquery())
    indexes = {index for t in item.tree() for index in t.unique_indexes}
    result = await write_unique(
        connection, statement, indexes=indexes, parameters={"ids": list(ids or [])}
    )
    row = result.one()
    return Restoration(ids=list(row[len(levels)] or []), counts=_by_entity(levels, row))


def _cascade_restores(
    parent: Trashable, parent_rows: CTE, tenant_id: uuid.UUID, levels: list[tuple[Trashable, CTE]]
) -> None:
    for cascade in parent.cascades:
        child = cascade.child.table
        key = child.c[cascade.foreign_key]
        rows = (
            update(child)
            .where(
                child.c.tenant_id == tenant_id,
                child.c.deleted_at.is_not(None),
                key == parent_rows.c.id,
                child.c.deletion_batch_id == parent_rows.c.batch,
            )
            .values(**CLEARED, deletion_batch_id=None)
            .returning(child.c.id, parent_rows.c.batch)
            .cte(f"restored_{cascade.child.entity}_{len(levels)}")
        )
        levels.append((cascade.child, rows))
        _cascade_restores(cascade.child, rows, tenant_id, levels)


def _soft_deletable_parents(table: Table) -> list[tuple[Table, str]]:
    """(parent table, column) for each foreign key of `table` to a soft-deletable table."""
    return [
        (key.referred_table, element.parent.name)
        for key in table.foreign_key_constraints
        if "deleted_at" in key.referred_table.c
        for element in key.elements
        if element.column.name == "id"
    ]


async def _refuse_orphans(
    connection: AsyncConnection,
    item: Trashable,
    chosen: ColumnElement[bool],
    parameters: dict[str, Any],
) -> None:
    """ParentDeleted when a chosen row belongs to a parent (in its schema) still deleted."""
    table = item.table
    for parent, foreign_key in _soft_deletable_parents(table):
        orphan = (
            select(literal(1))
            .select_from(table)
            .join(
                parent,
                and_(
                    parent.c.tenant_id == table.c.tenant_id,
                    parent.c.id == table.c[foreign_key],
                ),
            )
            .where(chosen, parent.c.deleted_at.is_not(None))
            .limit(1)
        )
        if (await connection.execute(orphan, parameters)).first() is not None:
            raise ParentDeleted(item.entity, parent.name)


def _referrers(table: Table) -> list[tuple[Table, str]]:
    """(table, column) pairs of the same schema whose foreign key points at `table`'s id."""
    found = []
    for other in table.metadata.tables.values():
        for key in other.foreign_key_constraints:
            if key.referred_table is table:
                for element in key.elements:
                    if element.column.name == "id":
                        found.append((other, element.parent.name))
    return found


async def purge(
    connection: AsyncConnection,
    item: Trashable,
    *,
    deleted_before: datetime,
    limit: int,
) -> dict[uuid.UUID, int]:
    """Hard-delete at most `limit` rows deleted before `deleted_before`, oldest first.

    A row that rows of its schema still point at (a deleted supplier's received purchase orders)
    stays: purging it would break their foreign key. Purging children before parents lets a
    parent go in the same run as its cascaded rows. Returns the rows purged per tenant.
    """
    table = item.table
    referenced = [
        ~select(literal(1))
        .where(
            referrer.c.tenant_id == table.c.tenant_id,
            referrer.c[column] == table.c.id,
        )
        .exists()
        for referrer, column in _referrers(table)
    ]
    doomed = (
        select(table.c.tenant_id, table.c.id)
        .where(table.c.deleted_at < deleted_before, *referenced)
        .order_by(table.c.deleted_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .cte("doomed")
    )
    statement = (
        delete(table)
        .where(table.c.tenant_id == doomed.c.tenant_id, table.c.id == doomed.c.id)
        .returning(table.c.tenant_id)
    )
    purged: dict[uuid.UUID, int] = {}
    for (tenant_id,) in await connection.execute(statement):
        purged[tenant_id] = purged.get(tenant_id, 0) + 1
    return purged
