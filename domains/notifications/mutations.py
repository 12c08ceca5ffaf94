"""Mutations of the notifications domain: a member reads and chooses what they receive."""

from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncConnection

from domains.kernel.context import RequestContext
from domains.kernel.demo_policy import demo_allowed
from domains.kernel.ids import parse_id
from domains.kernel.payloads import attempt
from domains.kernel.permissions import requires
from domains.notifications import service
from domains.notifications.access import reader_of
from domains.notifications.records import PreferenceRecord
from domains.notifications.types import (
    Notification,
    NotificationPayload,
    NotificationPreference,
    NotificationPreferencesPayload,
    UpdateNotificationPreferencesInput,
)
from domains.tenants.permissions import TenantRole
from domains.tenants.roles import MemberRole

Info = strawberry.Info[RequestContext, None]
ANY_MEMBER = requires(TenantRole(MemberRole.VIEWER))
ANY_MEMBER_NOT_SERVICE = requires(TenantRole(MemberRole.VIEWER, services=False))


@strawberry.type
class NotificationsMutation:
    @strawberry.mutation(
        description="Mark a notification READ: its recipient, an ADMIN or the OWNER.",
        extensions=[*ANY_MEMBER, *demo_allowed()],
    )
    async def mark_notification_read(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID
    ) -> NotificationPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        notification_id = parse_id(id, argument="id")
        reader = await reader_of(info, tenant)
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.mark_read(
                connection, tenant_id=tenant, notification_id=notification_id, reader=reader
            ),
        )
        if isinstance(outcome, list):
            return NotificationPayload(errors=outcome)
        return NotificationPayload(notification=Notification.from_record(outcome))

    @strawberry.mutation(
        description="Turn events on or off per channel for the signed-in member. Any member.",
        extensions=ANY_MEMBER_NOT_SERVICE,
    )
    async def update_notification_preferences(
        self, info: Info, tenant_id: strawberry.ID, input: UpdateNotificationPreferencesInput
    ) -> NotificationPreferencesPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        user = await info.context.user()
        preferences = [
            PreferenceRecord(event=given.event, channel=given.channel, enabled=given.enabled)
            for given in input.preferences
        ]

        async def update(connection: AsyncConnection) -> tuple[PreferenceRecord, ...]:
            # A tuple, so a result cannot be mistaken for the list of errors.
            return tuple(
                await service.update_preferences(
                    connection, tenant_id=tenant, user_id=user.user_id, preferences=preferences
                )
            )

        outcome = await attempt(info.context.uow, update)
        if isinstance(outcome, list):
            return NotificationPreferencesPayload(errors=outcome)
        return NotificationPreferencesPayload(
            preferences=[NotificationPreference.from_record(record) for record in outcome]
        )
