"""What the notifications domain hands out: plain records, never table rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from domains.notifications.kinds import NotificationChannel, NotificationEvent, NotificationStatus


@dataclass(frozen=True, slots=True)
class NotificationRecord:
    """A notification and where it stands."""

    id: uuid.UUID
    tenant_id: uuid.UUID
    recipient_id: uuid.UUID
    channel: NotificationChannel
    event: NotificationEvent
    subject: str
    body: str
    status: NotificationStatus
    read_at: datetime | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class PreferenceRecord:
    """Whether a member receives one kind of event on one channel."""

    event: NotificationEvent
    channel: NotificationChannel
    enabled: bool


@dataclass(frozen=True, slots=True)
class Reader:
    """Who reads a bakery's notifications: a user, and whether they may see everyone's."""

    user_id: uuid.UUID | None
    sees_all: bool
