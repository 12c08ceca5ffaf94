"""Tables of the `notifications` schema."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, Index, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.base import (
    TYPE_ANNOTATION_MAP,
    TenantKeyed,
    Timestamped,
    domain_metadata,
    reference,
    text_enum,
)
from domains.notifications.kinds import NotificationChannel, NotificationEvent, NotificationStatus


class NotificationsBase(DeclarativeBase):
    metadata = domain_metadata("notifications")
    type_annotation_map = TYPE_ANNOTATION_MAP


class Notification(TenantKeyed, Timestamped, NotificationsBase):
    """A message to one member of a bakery, on one channel."""

    __tablename__ = "notifications"
    __table_args__ = (
        # The inbox of one member, and the bakery's whole list, both oldest first.
        Index(None, "tenant_id", "recipient_id", "created_at", "id"),
        Index(None, "tenant_id", "created_at", "id"),
    )

    recipient_id: Mapped[uuid.UUID] = reference("users.users")
    channel: Mapped[NotificationChannel] = mapped_column(
        text_enum(NotificationChannel, "notification_channel")
    )
    event: Mapped[NotificationEvent] = mapped_column(
        text_enum(NotificationEvent, "notification_event")
    )
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[NotificationStatus] = mapped_column(
        text_enum(NotificationStatus, "notification_status")
    )
    read_at: Mapped[datetime | None]


class NotificationPreference(TenantKeyed, Timestamped, NotificationsBase):
    """Whether a member wants one kind of event on one channel; no row means yes."""

    __tablename__ = "notification_preferences"
    __table_args__ = (Index(None, "tenant_id", "user_id", "event", "channel", unique=True),)

    user_id: Mapped[uuid.UUID] = reference("users.users")
    event: Mapped[NotificationEvent] = mapped_column(
        text_enum(NotificationEvent, "notification_event")
    )
    channel: Mapped[NotificationChannel] = mapped_column(
        text_enum(NotificationChannel, "notification_channel")
    )
    enabled: Mapped[bool] = mapped_column(Boolean)
