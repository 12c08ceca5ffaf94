"""What the alerts domain hands out and takes in: plain records, never table rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from domains.alerts.kinds import AlertKind, AlertSeverity, AlertStatus


class StockLevel(NamedTuple):
    """What inventory reports after stock went down: an ingredient and how much is left."""

    ingredient_id: uuid.UUID
    ingredient_name: str
    on_hand: Decimal
    reorder_point: Decimal


@dataclass(frozen=True, slots=True)
class AlertRuleRecord:
    """A rule that raises alerts."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    kind: AlertKind
    threshold: Decimal
    ingredient_id: uuid.UUID | None
    enabled: bool
    created_at: datetime
    updated_at: datetime

    def threshold_for(self, level: StockLevel) -> Decimal | None:
        """The stock under which this LOW_STOCK rule raises an alert on `level`'s ingredient,
        or None when the rule is about another ingredient."""
        if self.ingredient_id is None:
            return level.reorder_point
        return self.threshold if self.ingredient_id == level.ingredient_id else None


@dataclass(frozen=True, slots=True)
class AlertRecord:
    """An alert and where it stands."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    rule_id: uuid.UUID
    severity: AlertSeverity
    status: AlertStatus
    message: str
    ingredient_id: uuid.UUID | None
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    resolved_by: str | None
    resolved_at: datetime | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class AlertHistoryRecord:
    """One status an alert took."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    alert_id: uuid.UUID
    status: AlertStatus
    actor: str
    changed_at: datetime


@dataclass(frozen=True, slots=True)
class NewAlert:
    """An alert a rule is about to raise."""

    rule_id: uuid.UUID
    severity: AlertSeverity
    message: str
    ingredient_id: uuid.UUID | None
