"""GraphQL types of the audit domain."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from domains.audit.records import AuditRecord, OutboxRecord


@strawberry.type(description="One line of the append-only audit log.")
class AuditEvent:
    id: strawberry.ID = strawberry.field(description="The line's id.")
    occurred_at: datetime = strawberry.field(description="When it happened.")
    actor: str = strawberry.field(description="Who did it: `user:<id>` or `service:<name>`.")
    action: str = strawberry.field(description="What was done, e.g. `tenant.deleted`.")
    tenant_id: strawberry.ID | None = strawberry.field(description="The bakery concerned.")
    target: str | None = strawberry.field(description="What it was done to, e.g. `user:<id>`.")
    reason: str | None = strawberry.field(description="Why, as the caller gave it.")
    counts: JSON | None = strawberry.field(description="How many rows, by domain or entity.")

    @classmethod
    def from_record(cls, record: AuditRecord) -> AuditEvent:
        """The GraphQL view of an audit line."""
        return cls(
            id=strawberry.ID(str(record.id)),
            occurred_at=record.occurred_at,
            actor=record.actor,
            action=record.action,
            tenant_id=strawberry.ID(str(record.tenant_id)) if record.tenant_id else None,
            target=record.target,
            reason=record.reason,
            counts=JSON(record.counts) if record.counts is not None else None,
        )


@strawberry.type(description="An event for other systems, in the order it was written.")
class OutboxEvent:
    id: strawberry.ID = strawberry.field(description="The event's id (deduplicate on it).")
    position: int = strawberry.field(description="Its place in the outbox, increasing.")
    event: str = strawberry.field(description="`tenant.deleted`, `user.deleted`, ...")
    tenant_id: strawberry.ID | None = strawberry.field(description="The bakery concerned.")
    payload: JSON = strawberry.field(description="What the event says.")
    created_at: datetime = strawberry.field(description="When it was written.")

    @classmethod
    def from_record(cls, record: OutboxRecord) -> OutboxEvent:
        """The GraphQL view of an outbox event."""
        return cls(
            id=strawberry.ID(str(record.id)),
            position=record.position,
            event=record.event,
            tenant_id=strawberry.ID(str(record.tenant_id)) if record.tenant_id else None,
            payload=JSON(record.payload),
            created_at=record.created_at,
        )
