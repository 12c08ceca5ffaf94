"""The notifications domain as the gateway sees it."""

from __future__ import annotations

from domains.kernel.domain import Domain
from domains.notifications.models import NotificationsBase
from domains.notifications.mutations import NotificationsMutation
from domains.notifications.queries import NotificationsTenantFields

DOMAIN = Domain(
    name="notifications",
    metadata=NotificationsBase.metadata,
    mutation=NotificationsMutation,
    tenant_fields=NotificationsTenantFields,
)
