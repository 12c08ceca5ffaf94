"""GraphQL types of the notifications domain."""

from __future__ import annotations

from datetime import datetime

import strawberry

from domains.kernel.context import RequestContext
from domains.kernel.payloads import UserError
from domains.notifications.kinds import NotificationChannel, NotificationEvent, NotificationStatus
from domains.notifications.records import NotificationRecord, PreferenceRecord
from domains.users.loaders import UserByIdLoader
from domains.users.types import User

Info = strawberry.Info[RequestContext, None]

strawberry.enum(NotificationChannel, description="How a notification reaches its recipient.")
strawberry.enum(
    NotificationStatus,
    description="PENDING (email and SMS waiting for a sender) -> SENT -> READ; in-app ones "
    "start SENT.",
)
strawberry.enum(
    NotificationEvent,
    description="What a notification is about; preferences are set per event and channel.",
)


@strawberry.type(description="A message to one member of the bakery, on one channel.")
class Notification:
    id: strawberry.ID = strawberry.field(description="The notification's id.")
    recipient_id: strawberry.ID = strawberry.field(description="The member it is for.")
    channel: NotificationChannel = strawberry.field(description="How it reaches them.")
    event: NotificationEvent = strawberry.field(description="What it is about.")
    subject: str = strawberry.field(description="One line saying what happened.")
    body: str = strawberry.field(description="The details.")
    status: NotificationStatus = strawberry.field(description="Where it stands.")
    read_at: datetime | None = strawberry.field(description="When the recipient read it.")
    created_at: datetime = strawberry.field(description="When it was sent.")
    record: strawberry.Private[NotificationRecord]

    @strawberry.field(description="The member it is for (null once the account is deleted).")
    async def recipient(self, info: Info) -> User | None:
        found = await info.context.loaders.get(UserByIdLoader).load(self.record.recipient_id)
        return User.from_record(found) if found else None

    @classmethod
    def from_record(cls, record: NotificationRecord) -> Notification:
        """The GraphQL view of a notification."""
        return cls(
            id=strawberry.ID(str(record.id)),
            recipient_id=strawberry.ID(str(record.recipient_id)),
            channel=record.channel,
            event=record.event,
            subject=record.subject,
            body=record.body,
            status=record.status,
            read_at=record.read_at,
            created_at=record.created_at,
            record=record,
        )


@strawberry.type(description="Whether the signed-in member receives one event on one channel.")
class NotificationPreference:
    event: NotificationEvent = strawberry.field(description="The kind of event.")
    channel: NotificationChannel = strawberry.field(description="The channel.")
    enabled: bool = strawberry.field(description="On unless the member turned it off.")

    @classmethod
    def from_record(cls, record: PreferenceRecord) -> NotificationPreference:
        """The GraphQL view of a preference."""
        return cls(event=record.event, channel=record.channel, enabled=record.enabled)


@strawberry.input(description="Turn one event on or off on one channel.")
class NotificationPreferenceInput:
    event: NotificationEvent = strawberry.field(description="The kind of event.")
    channel: NotificationChannel = strawberry.field(description="The channel.")
    enabled: bool = strawberry.field(description="Whether to receive it.")


@strawberry.input(description="Changes to the signed-in member's notification preferences.")
class UpdateNotificationPreferencesInput:
    preferences: list[NotificationPreferenceInput] = strawberry.field(
        description="Each (event, channel) at most once; the ones left out stay as they are."
    )


@strawberry.type(description="Result of `markNotificationRead`.")
class NotificationPayload:
    notification: Notification | None = strawberry.field(
        default=None, description="The notification."
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )


@strawberry.type(description="Result of `updateNotificationPreferences`.")
class NotificationPreferencesPayload:
    preferences: list[NotificationPreference] = strawberry.field(
        default_factory=list,
        description="Every event and channel of the member, after the change.",
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )
