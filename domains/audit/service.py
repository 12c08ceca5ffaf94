"""Recording what happened: the audit log and the outbox. Functions never commit.

Both are written on the caller's connection, so a line or an event exists if and only if what
it records was committed.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from db.pagination import AnySelect
from domains.audit import repository

AUDIT_ORDER = repository.AUDIT_ORDER
OUTBOX_ORDER = repository.OUTBOX_ORDER
audit_record = repository.audit_record
outbox_record = repository.outbox_record


async def record(
    connection: AsyncConnection,
    *,
    actor: str,
    action: str,
    tenant_id: uuid.UUID | None = None,
    target: str | None = None,
    reason: str | None = None,
    counts: Mapping[str, Any] | None = None,
) -> None:
    """Append to the audit log: who (`actor`), what (`action`, `target`), why and how much."""
    await repository.append_audit(
        connection,
        actor=actor,
        action=action,
        tenant_id=tenant_id,
        target=target,
        reason=reason,
        counts=counts,
    )


async def publish(
    connection: AsyncConnection,
    *,
    event: str,
    tenant_id: uuid.UUID | None,
    payload: Mapping[str, Any],
) -> None:
    """Put an event for other systems in the outbox (`tenant.deleted`, `user.deleted`, ...)."""
    await repository.append_outbox(connection, event=event, tenant_id=tenant_id, payload=payload)


def audit_query(tenant_id: uuid.UUID | None) -> AnySelect:
    """The statement listing the audit log of a tenant, or all of it (for paging)."""
    return repository.audit_query(tenant_id)


def outbox_query() -> AnySelect:
    """The statement listing the outbox (for paging)."""
    return repository.outbox_query()
