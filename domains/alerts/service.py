"""Alerts: rules, the alerts they raise, and their lifecycle. Functions take a connection,
never commit.

Inventory reports stock levels with `stock_levels_changed` inside its own transaction, so a
stock change, the alerts it raises and the notifications they send are written all or nothing.
The alerts domain does not import inventory: it takes plain data.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncConnection

from db.pagination import AnySelect
from domains.alerts import repository
from domains.alerts.kinds import AlertKind, AlertSeverity, AlertStatus
from domains.alerts.records import (
    AlertHistoryRecord,
    AlertRecord,
    AlertRuleRecord,
    NewAlert,
    StockLevel,
)
from domains.kernel.errors import OperationRefused
from domains.kernel.inputs import InputCheck
from domains.notifications import service as notifications
from domains.notifications.kinds import NotificationChannel, NotificationEvent
from domains.tenants import service as tenants

log = structlog.get_logger()

TenantKey = tuple[uuid.UUID, uuid.UUID]

# Which statuses each move starts from.
_MOVES = {
    AlertStatus.ACKNOWLEDGED: (AlertStatus.OPEN,),
    AlertStatus.RESOLVED: (AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED),
}


class Unchanged(enum.Enum):
    """Marks an optional detail an update leaves as it is (None clears it)."""

    UNCHANGED = "UNCHANGED"


UNCHANGED = Unchanged.UNCHANGED


def _not_found(kind: str) -> OperationRefused:
    return OperationRefused.because("NOT_FOUND", f"No such {kind} in this bakery.", "id")


def _rule_ingredient(
    check: InputCheck, kind: AlertKind, ingredient_id: uuid.UUID | None
) -> uuid.UUID | None:
    if ingredient_id is not None and kind is not AlertKind.LOW_STOCK:
        check.refuse("ingredientId", "Only a LOW_STOCK rule names an ingredient.")
    return ingredient_id


async def create_rule(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    kind: AlertKind,
    threshold: Decimal,
    ingredient_id: uuid.UUID | None = None,
    enabled: bool = True,
) -> AlertRuleRecord:
    """A new rule; a LOW_STOCK rule without an ingredient watches every ingredient at its own
    reorder point."""
    check = InputCheck()
    values = {
        "kind": kind,
        "threshold": check.decimal(threshold, field="threshold", not_negative=True),
        "ingredient_id": _rule_ingredient(check, kind, ingredient_id),
        "enabled": enabled,
    }
    check.done()
    rule = await repository.insert_rule(connection, tenant_id=tenant_id, values=values)
    log.info("alerts.rule.created", tenant_id=str(tenant_id), id=str(rule.id), kind=kind.value)
    return rule


async def update_rule(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    rule_id: uuid.UUID,
    threshold: Decimal | None = None,
    enabled: bool | None = None,
    ingredient_id: uuid.UUID | Unchanged | None = UNCHANGED,
) -> AlertRuleRecord:
    """Change what is given; an ingredient given as None makes the rule watch every one."""
    found = await repository.get_rules(connection, [(tenant_id, rule_id)])
    if not found:
        raise _not_found("alert rule")
    check = InputCheck()
    values: dict[str, Any] = {}
    if threshold is not None:
        values["threshold"] = check.decimal(threshold, field="threshold", not_negative=True)
    if enabled is not None:
        values["enabled"] = enabled
    if ingredient_id is not UNCHANGED:
        values["ingredient_id"] = _rule_ingredient(check, found[0].kind, ingredient_id)
    check.done()
    if not values:
        raise OperationRefused.because("NOTHING_TO_CHANGE", "Give at least one field to change.")
    updated = await repository.update_rule(
        connection, tenant_id=tenant_id, rule_id=rule_id, values=values
    )
    if updated is None:
        raise _not_found("alert rule")
    return updated


async def _move(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    alert_id: uuid.UUID,
    to: AlertStatus,
    actor: str,
) -> AlertRecord:
    allowed = _MOVES[to]
    moved = await repository.move_alert(
        connection,
        tenant_id=tenant_id,
        alert_id=alert_id,
        to=to,
        allowed_from=allowed,
        actor=actor,
    )
    if moved is None:
        found = await repository.get_alerts(connection, [(tenant_id, alert_id)])
        if not found:
            raise _not_found("alert")
        raise OperationRefused.because(
            "INVALID_TRANSITION",
            f"A {found[0].status.value} alert cannot become {to.value}; only "
            f"{' or '.join(status.value for status in allowed)} ones can.",
            "id",
        )
    await repository.insert_history(
        connection, tenant_id=tenant_id, changes=[(alert_id, to)], actor=actor
    )
    log.info("alerts.alert.moved", tenant_id=str(tenant_id), id=str(alert_id), status=to.value)
    return moved


async def acknowledge(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, alert_id: uuid.UUID, actor: str
) -> AlertRecord:
    """OPEN -> ACKNOWLEDGED: someone is on it. Anything else is INVALID_TRANSITION."""
    return await _move(
        connection, tenant_id=tenant_id, alert_id=alert_id, to=AlertStatus.ACKNOWLEDGED, actor=actor
    )


async def resolve(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, alert_id: uuid.UUID, actor: str
) -> AlertRecord:
    """OPEN or ACKNOWLEDGED -> RESOLVED. A RESOLVED alert is INVALID_TRANSITION."""
    return await _move(
        connection, tenant_id=tenant_id, alert_id=alert_id, to=AlertStatus.RESOLVED, actor=actor
    )


def _low_stock_alerts(
    rules: Sequence[AlertRuleRecord], levels: Sequence[StockLevel]
) -> list[tuple[NewAlert, StockLevel]]:
    """The alerts the rules raise on these levels: one per rule and ingredient below its
    threshold; CRITICAL when nothing is left, WARNING otherwise."""
    raised = []
    for rule in rules:
        for level in levels:
            threshold = rule.threshold_for(level)
            if threshold is None or level.on_hand >= threshold:
                continue
            severity = AlertSeverity.CRITICAL if level.on_hand <= 0 else AlertSeverity.WARNING
            message = (
                f"{level.ingredient_name}: {level.on_hand} left, below {threshold}. "
                "Time to reorder."
            )
            raised.append((NewAlert(rule.id, severity, message, level.ingredient_id), level))
    return raised


async def stock_levels_changed(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    levels: Sequence[StockLevel],
    actor: str,
) -> list[AlertRecord]:
    """Raise the LOW_STOCK alerts these levels cross and notify the bakery's admins in app.

    One alert per enabled rule and ingredient below its threshold (the rule's when it names the
    ingredient, else the ingredient's reorder point), unless that rule already has an OPEN or
    ACKNOWLEDGED alert on it. Runs in the caller's transaction; returns the alerts opened.
    """
    if not levels:
        return []
    rules = await repository.enabled_low_stock_rules(
        connection, tenant_id=tenant_id, ingredient_ids=[level.ingredient_id for level in levels]
    )
    raised = _low_stock_alerts(rules, levels)
    if not raised:
        return []
    opened = await repository.insert_alerts(
        connection, tenant_id=tenant_id, alerts=[alert for alert, _ in raised]
    )
    if not opened:
        return []
    await repository.insert_history(
        connection,
        tenant_id=tenant_id,
        changes=[(alert.id, AlertStatus.OPEN) for alert in opened],
        actor=actor,
    )
    for alert in opened:
        log.info("alerts.alert.opened", tenant_id=str(tenant_id), id=str(alert.id))
    await _notify_admins(connection, tenant_id=tenant_id, alerts=opened)
    return opened


async def _notify_admins(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, alerts: Sequence[AlertRecord]
) -> None:
    """An in-app notification per alert to each OWNER and ADMIN, recorded against the alert."""
    admins = [member.user_id for member in await tenants.admins_of(connection, tenant_id)]
    sent: list[tuple[uuid.UUID, uuid.UUID]] = []
    for alert in alerts:
        written = await notifications.notify(
            connection,
            tenant_id=tenant_id,
            recipients=admins,
            channel=NotificationChannel.IN_APP,
            subject=f"Low stock ({alert.severity.value.lower()})",
            body=alert.message,
            event=NotificationEvent.LOW_STOCK,
        )
        sent.extend((alert.id, notification.id) for notification in written)
    if sent:
        await repository.insert_alert_notifications(connection, tenant_id=tenant_id, sent=sent)


async def get_rules(
    connection: AsyncConnection, keys: Sequence[TenantKey]
) -> list[AlertRuleRecord]:
    """Rules by (tenant id, id)."""
    return await repository.get_rules(connection, keys)


async def history_of(
    connection: AsyncConnection, keys: Sequence[TenantKey]
) -> list[AlertHistoryRecord]:
    """History of each (tenant id, alert id), oldest change first."""
    return await repository.history_of(connection, keys)


def rules_query(tenant_id: uuid.UUID) -> AnySelect:
    """The statement listing a tenant's rules (for paging)."""
    return repository.rules_query(tenant_id)


def alert_filters(tenant_id: uuid.UUID, *, status: AlertStatus | None = None) -> dict[str, Any]:
    """The values `ALERT_PAGES` filters by: a tenant's alerts, optionally of one status."""
    return {"tenant_id": tenant_id, "status": status}


RULE_ORDER: tuple[Any, ...] = repository.RULE_ORDER
ALERT_PAGES = repository.ALERT_PAGES
