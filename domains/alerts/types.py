"""GraphQL types of the alerts domain."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

import strawberry

from domains.alerts.kinds import AlertKind, AlertSeverity, AlertStatus
from domains.alerts.loaders import AlertRuleByIdLoader, HistoryByAlertLoader
from domains.alerts.records import AlertHistoryRecord, AlertRecord, AlertRuleRecord
from domains.kernel.context import RequestContext
from domains.kernel.loaders import MaybeAwaitable, then
from domains.kernel.payloads import UserError

Info = strawberry.Info[RequestContext, None]

strawberry.enum(AlertKind, description="What a rule watches.")
strawberry.enum(AlertSeverity, description="How urgent an alert is.")
# `AlertStatus` names the status of inventory's stock alerts in the API.
strawberry.enum(
    AlertStatus,
    name="AlertLifecycleStatus",
    description="OPEN -> ACKNOWLEDGED -> RESOLVED; an OPEN alert can be RESOLVED at once.",
)


def _id(value: uuid.UUID | None) -> strawberry.ID | None:
    return strawberry.ID(str(value)) if value is not None else None


@strawberry.type(description="When to raise an alert.")
class AlertRule:
    id: strawberry.ID = strawberry.field(description="The rule's id.")
    kind: AlertKind = strawberry.field(description="What it watches.")
    threshold: Decimal = strawberry.field(
        description="LOW_STOCK naming an ingredient: alert when its stock falls below this. "
        "Without an ingredient each ingredient's reorder point applies instead."
    )
    ingredient_id: strawberry.ID | None = strawberry.field(
        description="LOW_STOCK: the ingredient watched; null watches every ingredient."
    )
    enabled: bool = strawberry.field(description="Whether it raises alerts.")
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @classmethod
    def from_record(cls, record: AlertRuleRecord) -> AlertRule:
        """The GraphQL view of a rule."""
        return cls(
            id=strawberry.ID(str(record.id)),
            kind=record.kind,
            threshold=record.threshold,
            ingredient_id=_id(record.ingredient_id),
            enabled=record.enabled,
            created_at=record.created_at,
            updated_at=record.updated_at,
        )


@strawberry.type(description="One status an alert took: which, who, when.")
class AlertHistoryEntry:
    status: AlertStatus = strawberry.field(description="The status it took.")
    actor: str = strawberry.field(description="Who: `user:<id>` or `service:<name>`.")
    changed_at: datetime = strawberry.field(description="When.")

    @classmethod
    def from_record(cls, record: AlertHistoryRecord) -> AlertHistoryEntry:
        """The GraphQL view of a status change."""
        return cls(status=record.status, actor=record.actor, changed_at=record.changed_at)


@strawberry.type(description="Something that needs attention, raised by a rule.")
class Alert:
    id: strawberry.ID = strawberry.field(description="The alert's id.")
    severity: AlertSeverity = strawberry.field(
        description="CRITICAL when nothing is left, WARNING otherwise."
    )
    status: AlertStatus = strawberry.field(description="Where it stands.")
    message: str = strawberry.field(description="What happened, in words.")
    ingredient_id: strawberry.ID | None = strawberry.field(
        description="The ingredient it is about (LOW_STOCK)."
    )
    acknowledged_by: str | None = strawberry.field(description="Who acknowledged it.")
    acknowledged_at: datetime | None = strawberry.field(description="When it was acknowledged.")
    resolved_by: str | None = strawberry.field(description="Who resolved it.")
    resolved_at: datetime | None = strawberry.field(description="When it was resolved.")
    created_at: datetime = strawberry.field(description="When it was raised.")
    record: strawberry.Private[AlertRecord]

    @strawberry.field(description="The rule that raised it.", graphql_type=AlertRule)
    def rule(self, info: Info) -> MaybeAwaitable[AlertRule]:
        loader = info.context.loaders.get(AlertRuleByIdLoader)
        found = loader.now_or_later((self.record.tenant_id, self.record.rule_id))
        return then(found, _rule)

    @strawberry.field(
        description="Its status changes, oldest first.", graphql_type=list[AlertHistoryEntry]
    )
    def history(self, info: Info) -> MaybeAwaitable[list[AlertHistoryEntry]]:
        loader = info.context.loaders.get(HistoryByAlertLoader)
        found = loader.now_or_later((self.record.tenant_id, self.record.id))
        return then(found, _history)

    @classmethod
    def from_record(cls, record: AlertRecord) -> Alert:
        """The GraphQL view of an alert."""
        return cls(
            id=strawberry.ID(str(record.id)),
            severity=record.severity,
            status=record.status,
            message=record.message,
            ingredient_id=_id(record.ingredient_id),
            acknowledged_by=record.acknowledged_by,
            acknowledged_at=record.acknowledged_at,
            resolved_by=record.resolved_by,
            resolved_at=record.resolved_at,
            created_at=record.created_at,
            record=record,
        )


def _rule(record: AlertRuleRecord | None) -> AlertRule:
    # Rules are never deleted, and an alert's rule is a foreign key of the same tenant.
    assert record is not None
    return AlertRule.from_record(record)


def _history(records: list[AlertHistoryRecord]) -> list[AlertHistoryEntry]:
    return [AlertHistoryEntry.from_record(record) for record in records]


@strawberry.input(description="A new alert rule.")
class CreateAlertRuleInput:
    kind: AlertKind = strawberry.field(description="What it watches.")
    threshold: Decimal = strawberry.field(
        default=Decimal(0),
        description="Zero or more; for LOW_STOCK, the stock under which the ingredient named "
        "raises an alert.",
    )
    ingredient_id: strawberry.ID | None = strawberry.field(
        default=None, description="LOW_STOCK only: the ingredient; none watches every one."
    )
    enabled: bool = strawberry.field(default=True, description="Whether it raises alerts.")


@strawberry.input(description="Changes to an alert rule; what is left out stays as it is.")
class UpdateAlertRuleInput:
    threshold: Decimal | None = strawberry.field(default=None, description="New threshold.")
    enabled: bool | None = strawberry.field(default=None, description="Turn it on or off.")
    ingredient_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET,
        description="LOW_STOCK only: another ingredient; null watches every ingredient.",
    )


@strawberry.type(description="Result of a mutation on an alert rule.")
class AlertRulePayload:
    rule: AlertRule | None = strawberry.field(default=None, description="The rule.")
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )


@strawberry.type(description="Result of a mutation on an alert.")
class AlertPayload:
    alert: Alert | None = strawberry.field(default=None, description="The alert.")
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )
