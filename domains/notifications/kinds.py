"""Channels, statuses and kinds of event of notifications, public to other domains."""

from __future__ import annotations

import enum


class NotificationChannel(enum.Enum):
    """How a notification reaches its recipient."""

    EMAIL = "EMAIL"
    SMS = "SMS"
    IN_APP = "IN_APP"


class NotificationStatus(enum.Enum):
    """Where a notification stands: PENDING (waiting for a sender) -> SENT -> READ."""

    PENDING = "PENDING"
    SENT = "SENT"
    READ = "READ"


class NotificationEvent(enum.Enum):
    """What a notification is about; preferences are set per kind of event and channel."""

    GENERAL = "GENERAL"
    LOW_STOCK = "LOW_STOCK"
    EXPIRY = "EXPIRY"
    PRODUCTION_DELAY = "PRODUCTION_DELAY"
