"""The alerts domain as the gateway sees it."""

from __future__ import annotations

from domains.alerts.models import AlertsBase
from domains.alerts.mutations import AlertsMutation
from domains.alerts.queries import AlertsTenantFields
from domains.alerts.repository import ALERT_RULES
from domains.kernel.domain import Domain

DOMAIN = Domain(
    name="alerts",
    metadata=AlertsBase.metadata,
    mutation=AlertsMutation,
    tenant_fields=AlertsTenantFields,
    trash=(ALERT_RULES,),
)
