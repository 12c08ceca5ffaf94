"""The notifications API as the tests call it, and `notify` as other domains call it."""

from __future__ import annotations

import uuid
from typing import Any

from starlette.applications import Starlette

from domains.notifications import service
from domains.notifications.kinds import NotificationChannel, NotificationEvent
from tests.support import Account, Bakery

NOTIFICATIONS = """
query($tenantId: ID!, $first: Int, $after: String, $unreadOnly: Boolean! = false) {
  tenant(id: $tenantId) {
    notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
      totalCount
      nodes { id recipientId channel event subject body status readAt recipient { id } }
      pageInfo { hasNextPage endCursor }
    }
  }
}
"""
MARK_READ = """
mutation($tenantId: ID!, $id: ID!) {
  markNotificationRead(tenantId: $tenantId, id: $id) {
    notification { id status readAt } errors { code message field }
  }
}
"""
UPDATE_PREFERENCES = """
mutation($tenantId: ID!, $input: UpdateNotificationPreferencesInput!) {
  updateNotificationPreferences(tenantId: $tenantId, input: $input) {
    preferences { event channel enabled } errors { code message field }
  }
}
"""
PREFERENCES = """
query($tenantId: ID!) {
  tenant(id: $tenantId) { notificationPreferences { event channel enabled } }
}
"""


async def send(
    app: Starlette,
    bakery: Bakery,
    recipients: list[Account],
    *,
    channel: NotificationChannel = NotificationChannel.IN_APP,
    event: NotificationEvent = NotificationEvent.GENERAL,
    subject: str = "Pedido listo",
) -> list[str]:
    """Notify members as another domain would, in a transaction of its own; returns the ids."""
    async with app.state.resources.database.engine.begin() as connection:
        written = await service.notify(
            connection,
            tenant_id=uuid.UUID(bakery.id),
            recipients=[uuid.UUID(account.id) for account in recipients],
            channel=channel,
            subject=subject,
            body="El pedido de harina ha llegado.",
            event=event,
        )
    return [str(notification.id) for notification in written]


async def notifications_of(
    bakery: Bakery, account: Account, *, unread_only: bool = False
) -> list[dict[str, Any]]:
    """The notifications `account` sees in the bakery."""
    result = await bakery.client.execute(
        NOTIFICATIONS,
        {"tenantId": bakery.id, "first": 100, "unreadOnly": unread_only},
        as_=account,
    )
    assert result.errors == [], result.body
    nodes: list[dict[str, Any]] = result.data["tenant"]["notifications"]["nodes"]
    return nodes


async def member(bakery: Bakery, role: str) -> Account:
    """A new account with `role` in the bakery."""
    account = await bakery.client.sign_up()
    await bakery.client.add_member(bakery.id, account, role, by=bakery.owner)
    return account


def preference(event: str, channel: str, enabled: bool) -> dict[str, Any]:
    """One entry of `UpdateNotificationPreferencesInput.preferences`."""
    return {"event": event, "channel": channel, "enabled": enabled}
