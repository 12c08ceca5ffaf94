"""The trash's rules: bulk soft delete and restore on any soft-deletable entity, and the purge.

Functions take the caller's connection and never commit.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import structlog
from sqlalchemy import ColumnElement
from sqlalchemy.ext.asyncio import AsyncConnection

from db.errors import UniqueTaken
from db.pagination import AnySelect
from db.soft_delete import ParentDeleted, Restoration, SoftDeletion, Trashable, purge, restore
from db.soft_delete import soft_delete as hide
from domains.audit import service as audit
from domains.kernel.errors import OperationRefused
from domains.kernel.inputs import InputCheck
from domains.trash import repository
from domains.trash.policy import MAX_BULK, TrashPolicy
from domains.trash.records import TableHealth, UnindexedForeignKey

log = structlog.get_logger()

MAX_SEARCH_LENGTH = 120
deleted_record = repository.deleted_record


def trash_query(
    policy: TrashPolicy, tenant_id: uuid.UUID, entity: str | None
) -> tuple[AnySelect, tuple[ColumnElement[Any], ...]]:
    """The tenant's deleted rows, of one entity or all, newest first (statement and order)."""
    items = [policy.item(entity)] if entity is not None else list(policy.items)
    return repository.trash_query(items, tenant_id)


def clean_reason(policy: TrashPolicy, reason: str | None) -> str | None:
    """The reason, trimmed; REASON_REQUIRED when the policy wants one and none is given."""
    check = InputCheck()
    cleaned = check.reason(reason, required=policy.require_reason)
    check.done()
    return cleaned


async def delete_items(
    connection: AsyncConnection,
    policy: TrashPolicy,
    *,
    tenant_id: uuid.UUID,
    entity: str,
    ids: Sequence[uuid.UUID] | None = None,
    label_contains: str | None = None,
    deleted_by: str,
    reason: str | None,
) -> SoftDeletion:
    """Soft-delete live rows of `entity`, by ids (at most 500) or by label, as one batch."""
    item = policy.item(entity)
    cleaned = clean_reason(policy, reason)
    check = InputCheck()
    if ids is not None:
        check.count(ids, field="ids", at_least=1, at_most=MAX_BULK)
    search = check.optional_text(
        label_contains, field="labelContains", max_length=MAX_SEARCH_LENGTH
    )
    check.done()
    if ids is None and not search:
        raise OperationRefused.because(
            "INVALID_INPUT", "Name the rows: `ids` or a non-empty `labelContains`.", "ids"
        )
    where = repository.label_filter(item, search) if ids is None and search else None
    deletion = await hide(
        connection,
        item,
        tenant_id=tenant_id,
        ids=ids,
        where=where,
        deleted_by=deleted_by,
        reason=cleaned,
        return_ids=ids is not None,
    )
    if not deletion.counts.get(entity):
        raise OperationRefused.because("NOT_FOUND", f"No live {entity} matches.", "ids")
    log.info("trash.deleted", tenant_id=str(tenant_id), entity=entity, counts=deletion.counts)
    return deletion


async def restore_items(
    connection: AsyncConnection,
    policy: TrashPolicy,
    *,
    tenant_id: uuid.UUID,
    entity: str,
    ids: Sequence[uuid.UUID] | None = None,
    deleted_by: str | None = None,
    deleted_after: datetime | None = None,
    deleted_before: datetime | None = None,
) -> Restoration:
    """Bring back deleted rows of `entity` (by ids, or by who and when) with their cascades."""
    item = policy.item(entity)
    if ids is not None:
        check = InputCheck()
        check.count(ids, field="ids", at_least=1, at_most=MAX_BULK)
        check.done()
        where = None
    else:
        where = repository.deleted_filter(
            item,
            deleted_by=deleted_by,
            deleted_after=deleted_after,
            deleted_before=deleted_before,
        )
    restoration = await _restore(connection, item, tenant_id=tenant_id, ids=ids, where=where)
    if not restoration.ids:
        raise OperationRefused.because("NOT_FOUND", f"No deleted {entity} matches.", "ids")
    log.info("trash.restored", tenant_id=str(tenant_id), entity=entity, counts=restoration.counts)
    return restoration


async def restore_batch(
    connection: AsyncConnection, policy: TrashPolicy, *, tenant_id: uuid.UUID, batch_id: uuid.UUID
) -> Restoration:
    """Bring back everything one deletion hid, and nothing else."""
    ids: list[uuid.UUID] = []
    counts: Counter[str] = Counter()
    for item in reversed(policy.purge_order()):  # parents first: children need them live
        restored = await _restore(connection, item, tenant_id=tenant_id, batch_id=batch_id)
        ids.extend(restored.ids)
        counts.update({entity: n for entity, n in restored.counts.items() if n})
    if not ids:
        raise OperationRefused.because(
            "NOT_FOUND", "No deleted row of this bakery is in that batch.", "batchId"
        )
    log.info("trash.batch_restored", tenant_id=str(tenant_id), batch_id=str(batch_id))
    return Restoration(ids=ids, counts=dict(counts))


async def _restore(
    connection: AsyncConnection,
    item: Trashable,
    *,
    tenant_id: uuid.UUID,
    ids: Sequence[uuid.UUID] | None = None,
    batch_id: uuid.UUID | None = None,
    where: ColumnElement[bool] | None = None,
) -> Restoration:
    try:
        return await restore(
            connection, item, tenant_id=tenant_id, ids=ids, batch_id=batch_id, where=where
        )
    except UniqueTaken:
        raise OperationRefused.because(
            "NAME_TAKEN",
            f"A live {item.entity} took the name meanwhile: rename it, then restore.",
            "ids",
        ) from None
    except ParentDeleted as refused:
        raise OperationRefused.because(
            "PARENT_DELETED",
            f"This {item.entity} belongs to a deleted {refused.parent}: restore that first.",
            "ids",
        ) from None


async def purge_expired(
    connection: AsyncConnection, policy: TrashPolicy, *, now: datetime
) -> tuple[dict[str, int], bool]:
    """Hard-delete one bounded batch per table of rows past their retention, children first.

    Each purge is written to the audit log, per tenant and entity. Returns the rows purged per
    entity and whether some table had more than one batch (another run should follow).
    """
    purged: dict[str, int] = {}
    more = False
    for item in policy.purge_order():
        by_tenant = await purge(
            connection,
            item,
            deleted_before=now - policy.retention_of(item.entity),
            limit=policy.purge_batch_size,
        )
        total = sum(by_tenant.values())
        if not total:
            continue
        purged[item.entity] = total
        more = more or total >= policy.purge_batch_size
        for tenant_id, count in by_tenant.items():
            await audit.record(
                connection,
                actor="system:retention",
                action="trash.purged",
                tenant_id=tenant_id,
                target=item.entity,
                reason=f"deleted more than {policy.retention_of(item.entity).days} days ago",
                counts={item.entity: count},
            )
    if purged:
        log.info("trash.purged", counts=purged, more=more)
    return purged, more


async def due_for_purge(
    connection: AsyncConnection, policy: TrashPolicy, *, now: datetime
) -> dict[str, int]:
    """Soft-deleted rows past their retention, per entity (what the purge would remove)."""
    return {
        item.entity: await repository.awaiting_purge(
            connection, item, deleted_before=now - policy.retention_of(item.entity)
        )
        for item in policy.items
    }


async def database_health(
    connection: AsyncConnection, policy: TrashPolicy, *, schemas: Sequence[str], now: datetime
) -> tuple[list[TableHealth], list[UnindexedForeignKey]]:
    """Per table of `schemas`: tuples, size, rows due for purge, tenant index; unindexed keys."""
    due = await due_for_purge(connection, policy, now=now)
    awaiting = {item.table.fullname: due[item.entity] for item in policy.items}
    tables = await repository.table_health(
        connection, schemas, awaiting, global_tables=policy.global_tables
    )
    keys = await repository.unindexed_foreign_keys(connection, schemas)
    return tables, keys
