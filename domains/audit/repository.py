"""All SQL of the audit domain: appends, and the statements its lists page through."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Row, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from db.pagination import AnySelect
from domains.audit.models import AuditEvent, OutboxEvent
from domains.audit.records import AuditRecord, OutboxRecord

_AUDIT = (
    AuditEvent.id,
    AuditEvent.occurred_at,
    AuditEvent.actor,
    AuditEvent.action,
    AuditEvent.tenant_id,
    AuditEvent.target,
    AuditEvent.reason,
    AuditEvent.counts,
)
_OUTBOX = (
    OutboxEvent.position,
    OutboxEvent.id,
    OutboxEvent.event,
    OutboxEvent.tenant_id,
    OutboxEvent.payload,
    OutboxEvent.created_at,
)
AUDIT_ORDER: tuple[Any, ...] = (AuditEvent.occurred_at, AuditEvent.id)
OUTBOX_ORDER: tuple[Any, ...] = (OutboxEvent.position,)


async def append_audit(
    connection: AsyncConnection,
    *,
    actor: str,
    action: str,
    tenant_id: uuid.UUID | None,
    target: str | None,
    reason: str | None,
    counts: Mapping[str, Any] | None,
) -> None:
    """Append one line to the audit log."""
    await connection.execute(
        insert(AuditEvent).values(
            id=uuid.uuid4(),
            actor=actor,
            action=action,
            tenant_id=tenant_id,
            target=target,
            reason=reason,
            counts=dict(counts) if counts is not None else None,
        )
    )


async def append_outbox(
    connection: AsyncConnection,
    *,
    event: str,
    tenant_id: uuid.UUID | None,
    payload: Mapping[str, Any],
) -> None:
    """Append one event to the outbox."""
    await connection.execute(
        insert(OutboxEvent).values(
            id=uuid.uuid4(), event=event, tenant_id=tenant_id, payload=dict(payload)
        )
    )


def audit_query(tenant_id: uuid.UUID | None) -> AnySelect:
    """The audit log, of one tenant or all (for paging)."""
    statement = select(*_AUDIT)
    if tenant_id is not None:
        statement = statement.where(AuditEvent.tenant_id == tenant_id)
    return statement


def outbox_query() -> AnySelect:
    """The outbox, in the order events were written (for paging)."""
    return select(*_OUTBOX)


def audit_record(row: Row[Any]) -> AuditRecord:
    """A record from a row of `audit_query`."""
    return AuditRecord(*row[: len(_AUDIT)])


def outbox_record(row: Row[Any]) -> OutboxRecord:
    """A record from a row of `outbox_query`."""
    return OutboxRecord(*row[: len(_OUTBOX)])
