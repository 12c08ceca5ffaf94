"""GraphQL types of the trash."""

from __future__ import annotations

from datetime import datetime

import strawberry

from db.soft_delete import Restoration, SoftDeletion
from domains.kernel.payloads import UserError
from domains.lifecycle.types import EntityCount
from domains.trash.records import DeletedRecord, TableHealth, UnindexedForeignKey


def _counts(counts: dict[str, int]) -> list[EntityCount]:
    return [EntityCount(entity=entity, count=count) for entity, count in counts.items()]


@strawberry.type(description="A soft-deleted row: restorable until the retention purge.")
class DeletedItem:
    entity: str = strawberry.field(description="What it is: `ingredient`, `supplier`, ...")
    id: strawberry.ID = strawberry.field(description="Its id.")
    label: str = strawberry.field(description="Its name (or status, for rows without a name).")
    deleted_at: datetime = strawberry.field(description="When it was deleted.")
    deleted_by: str | None = strawberry.field(description="Who deleted it (`user:<id>`, ...).")
    reason: str | None = strawberry.field(description="Why, as given.")
    batch_id: strawberry.ID | None = strawberry.field(
        description="The deletion it was part of; `restoreBatch` brings all of it back."
    )

    @classmethod
    def from_record(cls, record: DeletedRecord) -> DeletedItem:
        """The GraphQL view of a deleted row."""
        return cls(
            entity=record.entity,
            id=strawberry.ID(str(record.id)),
            label=record.label,
            deleted_at=record.deleted_at,
            deleted_by=record.deleted_by,
            reason=record.reason,
            batch_id=strawberry.ID(str(record.batch_id)) if record.batch_id else None,
        )


@strawberry.type(description="Result of a bulk soft delete: one restorable batch.")
class TrashDeletionPayload:
    batch_id: strawberry.ID | None = strawberry.field(
        default=None, description="The batch: what `restoreBatch` brings back."
    )
    deleted_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list,
        description="Rows deleted by id (empty for a deletion by label: see `counts`).",
    )
    counts: list[EntityCount] = strawberry.field(
        default_factory=list, description="Rows hidden per entity, cascaded ones included."
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )

    @classmethod
    def from_deletion(cls, deletion: SoftDeletion) -> TrashDeletionPayload:
        """The payload of a completed deletion."""
        return cls(
            batch_id=strawberry.ID(str(deletion.batch_id)),
            deleted_ids=[strawberry.ID(str(i)) for i in deletion.ids],
            counts=_counts(deletion.counts),
        )


@strawberry.type(description="Result of a restore.")
class RestorationPayload:
    restored_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Rows brought back (cascaded ones are in `counts`)."
    )
    counts: list[EntityCount] = strawberry.field(
        default_factory=list, description="Rows brought back per entity, cascaded ones included."
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )

    @classmethod
    def from_restoration(cls, restoration: Restoration) -> RestorationPayload:
        """The payload of a completed restore."""
        return cls(
            restored_ids=[strawberry.ID(str(i)) for i in restoration.ids],
            counts=_counts(restoration.counts),
        )


@strawberry.type(description="What an operator looks at for one table.")
class TableHealthReport:
    schema: str = strawberry.field(description="The Postgres schema (the domain).")
    table: str = strawberry.field(description="The table.")
    live_rows: int = strawberry.field(description="Live tuples (PostgreSQL's estimate).")
    dead_rows: int = strawberry.field(description="Dead tuples awaiting vacuum.")
    total_bytes: int = strawberry.field(description="Size with indexes and TOAST.")
    awaiting_purge: int | None = strawberry.field(
        description="Soft-deleted rows past retention (null: not soft-deletable)."
    )
    has_tenant_index: bool | None = strawberry.field(
        description="An index starts with `tenant_id` (null: no tenant id in this table)."
    )

    @classmethod
    def from_record(cls, record: TableHealth) -> TableHealthReport:
        """The GraphQL view of a table's health."""
        return cls(
            schema=record.schema,
            table=record.table,
            live_rows=record.live_rows,
            dead_rows=record.dead_rows,
            total_bytes=record.total_bytes,
            awaiting_purge=record.awaiting_purge,
            has_tenant_index=record.has_tenant_index,
        )


@strawberry.type(description="A foreign key no index covers: deleting its parents scans.")
class UnindexedForeignKeyReport:
    schema: str = strawberry.field(description="The Postgres schema.")
    table: str = strawberry.field(description="The table holding the key.")
    constraint: str = strawberry.field(description="The constraint's name.")
    columns: list[str] = strawberry.field(description="Its columns, in order.")

    @classmethod
    def from_record(cls, record: UnindexedForeignKey) -> UnindexedForeignKeyReport:
        """The GraphQL view of an unindexed key."""
        return cls(
            schema=record.schema,
            table=record.table,
            constraint=record.constraint,
            columns=record.columns,
        )


@strawberry.type(description="The database as an operator sees it: what needs attention.")
class DatabaseHealth:
    tables: list[TableHealthReport] = strawberry.field(description="Every table of the domains.")
    unindexed_foreign_keys: list[UnindexedForeignKeyReport] = strawberry.field(
        description="Foreign keys without an index (should be empty)."
    )
    tables_without_tenant_index: list[str] = strawberry.field(
        description="`schema.table` of tables holding `tenant_id` without an index on it."
    )
