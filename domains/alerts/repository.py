"""All SQL of the alerts domain: rules, alerts, their history and notifications."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import bindparam, func, insert, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from db.keys import tenant_keys
from db.pagination import AnySelect, PageRead
from db.records import record_reader
from db.soft_delete import Trashable
from domains.alerts.kinds import AlertKind, AlertStatus
from domains.alerts.models import ACTIVE, Alert, AlertHistory, AlertNotification, AlertRule
from domains.alerts.records import AlertHistoryRecord, AlertRecord, AlertRuleRecord, NewAlert

RULE = (
    AlertRule.id,
    AlertRule.tenant_id,
    AlertRule.kind,
    AlertRule.threshold,
    AlertRule.ingredient_id,
    AlertRule.enabled,
    AlertRule.created_at,
    AlertRule.updated_at,
)
ALERT = (
    Alert.id,
    Alert.tenant_id,
    Alert.rule_id,
    Alert.severity,
    Alert.status,
    Alert.message,
    Alert.ingredient_id,
    Alert.acknowledged_by,
    Alert.acknowledged_at,
    Alert.resolved_by,
    Alert.resolved_at,
    Alert.created_at,
    Alert.updated_at,
)
HISTORY = (
    AlertHistory.id,
    AlertHistory.tenant_id,
    AlertHistory.alert_id,
    AlertHistory.status,
    AlertHistory.actor,
    AlertHistory.changed_at,
)
RULE_ORDER: tuple[Any, ...] = (AlertRule.created_at, AlertRule.id)
ALERT_ORDER: tuple[Any, ...] = (Alert.created_at, Alert.id)

# Who and when each status change stamps.
_STAMPED = {
    AlertStatus.ACKNOWLEDGED: ("acknowledged_by", "acknowledged_at"),
    AlertStatus.RESOLVED: ("resolved_by", "resolved_at"),
}


ALERT_RULES = Trashable("alert_rule", AlertRule, label="kind")
rule_record = record_reader(AlertRuleRecord, RULE)


alert_record = record_reader(AlertRecord, ALERT)


history_record = record_reader(AlertHistoryRecord, HISTORY)


async def insert_rule(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, values: Mapping[str, Any]
) -> AlertRuleRecord:
    """Insert a rule."""
    statement = (
        insert(AlertRule).values(tenant_id=tenant_id, id=uuid.uuid4(), **values).returning(*RULE)
    )
    return rule_record((await connection.execute(statement)).one())


async def update_rule(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    rule_id: uuid.UUID,
    values: Mapping[str, Any],
) -> AlertRuleRecord | None:
    """Change a rule; None when the tenant has none with this id."""
    statement = (
        update(AlertRule)
        .where(
            AlertRule.tenant_id == tenant_id,
            AlertRule.id == rule_id,
            AlertRule.deleted_at.is_(None),
        )
        .values(**values)
        .returning(*RULE)
    )
    row = (await connection.execute(statement)).first()
    return rule_record(row) if row is not None else None


async def get_rules(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[AlertRuleRecord]:
    """Live rules by (tenant id, id)."""
    statement = select(*RULE).where(
        tenant_keys(AlertRule.tenant_id, AlertRule.id, keys), AlertRule.deleted_at.is_(None)
    )
    return [rule_record(row) for row in await connection.execute(statement)]


async def enabled_low_stock_rules(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, ingredient_ids: Sequence[uuid.UUID]
) -> list[AlertRuleRecord]:
    """The tenant's enabled LOW_STOCK rules about any ingredient or one of these."""
    statement = select(*RULE).where(
        AlertRule.tenant_id == tenant_id,
        AlertRule.kind == AlertKind.LOW_STOCK,
        AlertRule.enabled.is_(True),
        AlertRule.deleted_at.is_(None),
        or_(AlertRule.ingredient_id.is_(None), AlertRule.ingredient_id.in_(ingredient_ids)),
    )
    return [rule_record(row) for row in await connection.execute(statement)]


async def insert_alerts(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, alerts: Sequence[NewAlert]
) -> list[AlertRecord]:
    """Open these alerts in one statement, but none where its rule already has an active
    alert on the same subject; returns the alerts opened."""
    statement = (
        pg_insert(Alert)
        .values(
            [
                {
                    "tenant_id": tenant_id,
                    "id": uuid.uuid4(),
                    "rule_id": alert.rule_id,
                    "severity": alert.severity,
                    "status": AlertStatus.OPEN,
                    "message": alert.message,
                    "ingredient_id": alert.ingredient_id,
                }
                for alert in alerts
            ]
        )
        .on_conflict_do_nothing(
            index_elements=["tenant_id", "rule_id", "ingredient_id"], index_where=text(ACTIVE)
        )
        .returning(*ALERT)
    )
    return [alert_record(row) for row in await connection.execute(statement)]


async def move_alert(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    alert_id: uuid.UUID,
    to: AlertStatus,
    allowed_from: Sequence[AlertStatus],
    actor: str,
) -> AlertRecord | None:
    """Move an alert to `to` if it is in one of `allowed_from`, stamping who and when;
    None when it is not (or does not exist)."""
    by, at = _STAMPED[to]
    statement = (
        update(Alert)
        .where(
            Alert.tenant_id == tenant_id,
            Alert.id == alert_id,
            Alert.status.in_(list(allowed_from)),
        )
        .values({"status": to, by: actor, at: func.now()})
        .returning(*ALERT)
    )
    row = (await connection.execute(statement)).first()
    return alert_record(row) if row is not None else None


async def get_alerts(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[AlertRecord]:
    """Alerts by (tenant id, id)."""
    statement = select(*ALERT).where(tenant_keys(Alert.tenant_id, Alert.id, keys))
    return [alert_record(row) for row in await connection.execute(statement)]


async def insert_history(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    changes: Sequence[tuple[uuid.UUID, AlertStatus]],
    actor: str,
) -> None:
    """Record that each (alert id, status) happened, by `actor`, in one statement."""
    await connection.execute(
        insert(AlertHistory).values(
            [
                {
                    "tenant_id": tenant_id,
                    "id": uuid.uuid4(),
                    "alert_id": alert_id,
                    "status": status,
                    "actor": actor,
                }
                for alert_id, status in changes
            ]
        )
    )


async def history_of(
    connection: AsyncConnection, keys: Sequence[tuple[uuid.UUID, uuid.UUID]]
) -> list[AlertHistoryRecord]:
    """History of each (tenant id, alert id), oldest change first."""
    statement = (
        select(*HISTORY)
        .where(tenant_keys(AlertHistory.tenant_id, AlertHistory.alert_id, keys))
        .order_by(AlertHistory.alert_id, AlertHistory.changed_at, AlertHistory.id)
    )
    return [history_record(row) for row in await connection.execute(statement)]


async def insert_alert_notifications(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    sent: Sequence[tuple[uuid.UUID, uuid.UUID]],
) -> None:
    """Record which notification each alert sent: (alert id, notification id), one statement."""
    await connection.execute(
        insert(AlertNotification).values(
            [
                {
                    "tenant_id": tenant_id,
                    "id": uuid.uuid4(),
                    "alert_id": alert_id,
                    "notification_id": notification_id,
                }
                for alert_id, notification_id in sent
            ]
        )
    )


def rules_query(tenant_id: uuid.UUID) -> AnySelect:
    """Live rules of a tenant."""
    return select(*RULE).where(AlertRule.tenant_id == tenant_id, AlertRule.deleted_at.is_(None))


def _alerts(given: frozenset[str]) -> AnySelect:
    statement: AnySelect = select(*ALERT).where(Alert.tenant_id == bindparam("tenant_id"))
    if "status" in given:
        statement = statement.where(Alert.status == bindparam("status"))
    return statement


ALERT_PAGES = PageRead(_alerts, order_by=ALERT_ORDER, record=AlertRecord)
"""Alerts of a tenant, oldest first, optionally of one status."""
