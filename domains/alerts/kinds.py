"""Kinds, severities and statuses of alerts, public to other domains."""

from __future__ import annotations

import enum


class AlertKind(enum.Enum):
    """What a rule watches."""

    LOW_STOCK = "LOW_STOCK"
    EXPIRY = "EXPIRY"
    PRODUCTION_DELAY = "PRODUCTION_DELAY"


class AlertSeverity(enum.Enum):
    """How urgent an alert is."""

    INFO = "INFO"
    WARNING = "WARNING"
    CRITICAL = "CRITICAL"


class AlertStatus(enum.Enum):
    """Where an alert stands: OPEN -> ACKNOWLEDGED -> RESOLVED, or OPEN -> RESOLVED."""

    OPEN = "OPEN"
    ACKNOWLEDGED = "ACKNOWLEDGED"
    RESOLVED = "RESOLVED"

    @property
    def active(self) -> bool:
        """Still needs attention (a rule raises no second alert on the same subject)."""
        return self is not AlertStatus.RESOLVED
