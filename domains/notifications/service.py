"""Notifications: messages to a bakery's members. Functions take a connection, never commit.

Other domains call `notify`; the gateway's resolvers call the rest.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncConnection

from db.pagination import AnySelect
from domains.kernel.errors import Forbidden, OperationRefused
from domains.kernel.inputs import InputCheck
from domains.notifications import repository
from domains.notifications.kinds import NotificationChannel, NotificationEvent, NotificationStatus
from domains.notifications.records import NotificationRecord, PreferenceRecord, Reader

log = structlog.get_logger()

MAX_SUBJECT_LENGTH = 200
MAX_BODY_LENGTH = 5_000

# An in-app notification is delivered by being stored; email and SMS wait for a sender.
_FIRST_STATUS = {
    NotificationChannel.IN_APP: NotificationStatus.SENT,
    NotificationChannel.EMAIL: NotificationStatus.PENDING,
    NotificationChannel.SMS: NotificationStatus.PENDING,
}


async def notify(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    recipients: Sequence[uuid.UUID],
    channel: NotificationChannel,
    subject: str,
    body: str,
    event: NotificationEvent = NotificationEvent.GENERAL,
) -> list[NotificationRecord]:
    """Notify members of a bakery in one INSERT, skipping those who turned off this event on
    this channel; returns the notifications written."""
    if not recipients:
        return []
    check = InputCheck()
    cleaned_subject = check.text(subject, field="subject", max_length=MAX_SUBJECT_LENGTH)
    cleaned_body = check.long_text(body, field="body", max_length=MAX_BODY_LENGTH)
    check.done()
    written = await repository.insert_notifications(
        connection,
        tenant_id=tenant_id,
        recipients=recipients,
        channel=channel,
        event=event,
        subject=cleaned_subject,
        body=cleaned_body,
        status=_FIRST_STATUS[channel],
    )
    log.info(
        "notifications.sent",
        tenant_id=str(tenant_id),
        channel=channel.value,
        about=event.value,
        count=len(written),
    )
    return written


async def mark_read(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, notification_id: uuid.UUID, reader: Reader
) -> NotificationRecord:
    """Mark a notification READ; only its recipient, or someone who sees everyone's, may."""
    found = await repository.get_notification(
        connection, tenant_id=tenant_id, notification_id=notification_id
    )
    if found is None:
        raise OperationRefused.because("NOT_FOUND", "No such notification in this bakery.", "id")
    if not reader.sees_all and found.recipient_id != reader.user_id:
        raise Forbidden("Only its recipient, an ADMIN or the OWNER can mark this read.")
    if found.status is NotificationStatus.READ:
        return found
    return await repository.mark_read(
        connection, tenant_id=tenant_id, notification_id=notification_id
    )


async def update_preferences(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    user_id: uuid.UUID,
    preferences: Sequence[PreferenceRecord],
) -> list[PreferenceRecord]:
    """Turn events on or off per channel for one member; returns all their preferences."""
    check = InputCheck()
    check.count(preferences, field="preferences", at_least=1, at_most=len(_ALL_PAIRS))
    pairs = [(preference.event, preference.channel) for preference in preferences]
    if len(set(pairs)) != len(pairs):
        check.refuse("preferences", "Give each event and channel once.")
    check.done()
    await repository.upsert_preferences(
        connection, tenant_id=tenant_id, user_id=user_id, preferences=preferences
    )
    return await preferences_of(connection, tenant_id=tenant_id, user_id=user_id)


async def preferences_of(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, user_id: uuid.UUID
) -> list[PreferenceRecord]:
    """Every (event, channel) of a member with whether it is on (on unless turned off)."""
    chosen = {
        (preference.event, preference.channel): preference.enabled
        for preference in await repository.preferences_of(
            connection, tenant_id=tenant_id, user_id=user_id
        )
    }
    return [
        PreferenceRecord(event=event, channel=channel, enabled=chosen.get((event, channel), True))
        for event, channel in _ALL_PAIRS
    ]


def notifications_query(tenant_id: uuid.UUID, *, reader: Reader, unread_only: bool) -> AnySelect:
    """The statement listing the notifications `reader` may see (for paging)."""
    if not reader.sees_all and reader.user_id is None:
        raise Forbidden("Only a member of this bakery can read its notifications.")
    return repository.notifications_query(
        tenant_id,
        recipient_id=None if reader.sees_all else reader.user_id,
        unread_only=unread_only,
    )


_ALL_PAIRS = [(event, channel) for event in NotificationEvent for channel in NotificationChannel]
NOTIFICATION_ORDER: tuple[Any, ...] = repository.NOTIFICATION_ORDER
