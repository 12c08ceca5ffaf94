"""Tables of the `alerts` schema."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, Index, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.base import (
    QUANTITY,
    TYPE_ANNOTATION_MAP,
    SoftDeletable,
    TenantKeyed,
    Timestamped,
    domain_metadata,
    reference,
    tenant_foreign_key,
    text_enum,
    trash_index,
)
from domains.alerts.kinds import AlertKind, AlertSeverity, AlertStatus

# As PostgreSQL prints the predicate (ON CONFLICT matches the index by its text).
ACTIVE = "status IN ('OPEN', 'ACKNOWLEDGED')"
ACTIVE_ALERT_INDEX = "uq_alerts_active_subject"


class AlertsBase(DeclarativeBase):
    metadata = domain_metadata("alerts")
    type_annotation_map = TYPE_ANNOTATION_MAP


class AlertRule(TenantKeyed, Timestamped, SoftDeletable, AlertsBase):
    """When to raise an alert: stock below a threshold, goods about to expire, a late batch."""

    __tablename__ = "alert_rules"
    __table_args__ = (
        trash_index(),
        CheckConstraint("threshold >= 0", name="threshold_not_negative"),
        CheckConstraint(
            "ingredient_id IS NULL OR kind = 'LOW_STOCK'", name="ingredient_only_low_stock"
        ),
        Index(None, "tenant_id", "kind", "enabled"),
    )

    kind: Mapped[AlertKind] = mapped_column(text_enum(AlertKind, "alert_kind"))
    threshold: Mapped[Decimal] = mapped_column(QUANTITY)
    # LOW_STOCK: null applies to every ingredient, at its own reorder point.
    ingredient_id: Mapped[uuid.UUID | None] = reference("inventory.ingredients", nullable=True)
    enabled: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))


class Alert(TenantKeyed, Timestamped, AlertsBase):
    """Something that needs attention, raised by a rule, until someone resolves it."""

    __tablename__ = "alerts"
    __table_args__ = (
        *tenant_foreign_key(["rule_id"], "alert_rules"),
        # One active alert per rule and subject, even when two stock changes race.
        Index(
            ACTIVE_ALERT_INDEX,
            "tenant_id",
            "rule_id",
            "ingredient_id",
            unique=True,
            postgresql_where=text(ACTIVE),
        ),
        Index(None, "tenant_id", "status", "created_at", "id"),
        Index(None, "tenant_id", "created_at", "id"),
    )

    rule_id: Mapped[uuid.UUID]
    severity: Mapped[AlertSeverity] = mapped_column(text_enum(AlertSeverity, "alert_severity"))
    status: Mapped[AlertStatus] = mapped_column(text_enum(AlertStatus, "alert_status"))
    message: Mapped[str] = mapped_column(Text)
    # The subject of a LOW_STOCK alert.
    ingredient_id: Mapped[uuid.UUID | None] = reference("inventory.ingredients", nullable=True)
    acknowledged_by: Mapped[str | None] = mapped_column(Text)
    acknowledged_at: Mapped[datetime | None]
    resolved_by: Mapped[str | None] = mapped_column(Text)
    resolved_at: Mapped[datetime | None]


class AlertHistory(TenantKeyed, AlertsBase):
    """One status an alert took: which, who, when."""

    __tablename__ = "alert_history"
    __table_args__ = (*tenant_foreign_key(["alert_id"], "alerts"),)

    alert_id: Mapped[uuid.UUID]
    status: Mapped[AlertStatus] = mapped_column(text_enum(AlertStatus, "alert_status"))
    actor: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(server_default=text("clock_timestamp()"))


class AlertNotification(TenantKeyed, AlertsBase):
    """A notification an alert sent."""

    __tablename__ = "alert_notifications"
    __table_args__ = (*tenant_foreign_key(["alert_id"], "alerts"),)

    alert_id: Mapped[uuid.UUID]
    notification_id: Mapped[uuid.UUID] = reference("notifications.notifications")
