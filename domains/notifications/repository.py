"""All SQL of the notifications domain."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Uuid, bindparam, exists, func, literal, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from db.pagination import AnySelect
from db.records import record_reader
from domains.notifications.kinds import NotificationChannel, NotificationEvent, NotificationStatus
from domains.notifications.models import Notification, NotificationPreference
from domains.notifications.records import NotificationRecord, PreferenceRecord

NOTIFICATION = (
    Notification.id,
    Notification.tenant_id,
    Notification.recipient_id,
    Notification.channel,
    Notification.event,
    Notification.subject,
    Notification.body,
    Notification.status,
    Notification.read_at,
    Notification.created_at,
)
PREFERENCE = (
    NotificationPreference.event,
    NotificationPreference.channel,
    NotificationPreference.enabled,
)
NOTIFICATION_ORDER: tuple[Any, ...] = (Notification.created_at, Notification.id)


notification_record = record_reader(NotificationRecord, NOTIFICATION)


preference_record = record_reader(PreferenceRecord, PREFERENCE)


async def insert_notifications(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    recipients: Sequence[uuid.UUID],
    channel: NotificationChannel,
    event: NotificationEvent,
    subject: str,
    body: str,
    status: NotificationStatus,
) -> list[NotificationRecord]:
    """One notification per recipient who has not turned this event off on this channel,
    in one statement whatever the number of recipients."""
    recipient = (
        select(
            func.unnest(bindparam("recipients", list(recipients), type_=ARRAY(Uuid))).label(
                "user_id"
            )
        )
        .distinct()
        .subquery()
    )
    turned_off = exists().where(
        NotificationPreference.tenant_id == tenant_id,
        NotificationPreference.user_id == recipient.c.user_id,
        NotificationPreference.event == event,
        NotificationPreference.channel == channel,
        NotificationPreference.enabled.is_(False),
    )
    rows = select(
        literal(tenant_id, Uuid),
        func.gen_random_uuid(),
        recipient.c.user_id,
        literal(channel.value),
        literal(event.value),
        literal(subject),
        literal(body),
        literal(status.value),
    ).where(~turned_off)
    statement = (
        pg_insert(Notification)
        .from_select(
            ["tenant_id", "id", "recipient_id", "channel", "event", "subject", "body", "status"],
            rows,
        )
        .returning(*NOTIFICATION)
    )
    return [notification_record(row) for row in await connection.execute(statement)]


async def get_notification(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, notification_id: uuid.UUID
) -> NotificationRecord | None:
    """The tenant's notification with this id."""
    statement = select(*NOTIFICATION).where(
        Notification.tenant_id == tenant_id, Notification.id == notification_id
    )
    row = (await connection.execute(statement)).first()
    return notification_record(row) if row is not None else None


async def mark_read(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, notification_id: uuid.UUID
) -> NotificationRecord:
    """Mark a notification READ now, unless it already is (then it is left as it was)."""
    statement = (
        update(Notification)
        .where(Notification.tenant_id == tenant_id, Notification.id == notification_id)
        .values(
            status=NotificationStatus.READ,
            read_at=func.coalesce(Notification.read_at, func.now()),
        )
        .returning(*NOTIFICATION)
    )
    return notification_record((await connection.execute(statement)).one())


async def upsert_preferences(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    user_id: uuid.UUID,
    preferences: Sequence[PreferenceRecord],
) -> None:
    """Set each (event, channel) of a member on or off, in one statement."""
    statement = pg_insert(NotificationPreference).values(
        [
            {
                "tenant_id": tenant_id,
                "id": uuid.uuid4(),
                "user_id": user_id,
                "event": preference.event,
                "channel": preference.channel,
                "enabled": preference.enabled,
            }
            for preference in preferences
        ]
    )
    statement = statement.on_conflict_do_update(
        index_elements=["tenant_id", "user_id", "event", "channel"],
        set_={"enabled": statement.excluded.enabled, "updated_at": func.now()},
    )
    await connection.execute(statement)


async def preferences_of(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, user_id: uuid.UUID
) -> list[PreferenceRecord]:
    """The preferences a member has set (the others are on)."""
    statement = select(*PREFERENCE).where(
        NotificationPreference.tenant_id == tenant_id, NotificationPreference.user_id == user_id
    )
    return [preference_record(row) for row in await connection.execute(statement)]


def notifications_query(
    tenant_id: uuid.UUID, *, recipient_id: uuid.UUID | None, unread_only: bool
) -> AnySelect:
    """Notifications of a tenant, optionally of one recipient, optionally not yet read."""
    statement: AnySelect = select(*NOTIFICATION).where(Notification.tenant_id == tenant_id)
    if recipient_id is not None:
        statement = statement.where(Notification.recipient_id == recipient_id)
    if unread_only:
        statement = statement.where(Notification.status != NotificationStatus.READ)
    return statement
