"""Fields the notifications domain adds to `Tenant`."""

from __future__ import annotations

import uuid

import strawberry

from domains.kernel.context import RequestContext
from domains.kernel.pagination import Connection, paginate
from domains.notifications import service
from domains.notifications.access import reader_of
from domains.notifications.repository import notification_record
from domains.notifications.types import Notification, NotificationPreference
from domains.tenants.types import Tenant

Info = strawberry.Info[RequestContext, None]


@strawberry.type
class NotificationsTenantFields:
    @strawberry.field(
        description="Notifications, oldest first: the signed-in member's own; every member's "
        "for OWNER, ADMIN and services. `unreadOnly` leaves out the READ ones."
    )
    async def notifications(
        self,
        info: Info,
        root: strawberry.Parent[Tenant],
        first: int | None = None,
        after: str | None = None,
        unread_only: bool = False,
    ) -> Connection[Notification]:
        tenant_id = uuid.UUID(root.id)
        reader = await reader_of(info, tenant_id)
        return await paginate(
            info.context.uow,
            service.notifications_query(tenant_id, reader=reader, unread_only=unread_only),
            order_by=service.NOTIFICATION_ORDER,
            first=first,
            after=after,
            node=lambda row: Notification.from_record(notification_record(row)),
        )

    @strawberry.field(
        description="The signed-in member's notification preferences: every event and channel."
    )
    async def notification_preferences(
        self, info: Info, root: strawberry.Parent[Tenant]
    ) -> list[NotificationPreference]:
        user = await info.context.user()
        async with info.context.uow.connection() as connection:
            found = await service.preferences_of(
                connection, tenant_id=uuid.UUID(root.id), user_id=user.user_id
            )
        return [NotificationPreference.from_record(record) for record in found]
