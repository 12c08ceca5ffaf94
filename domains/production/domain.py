"""The production domain as the gateway sees it."""

from __future__ import annotations

from domains.kernel.domain import Domain
from domains.production.models import ProductionBase
from domains.production.mutations import ProductionMutation
from domains.production.queries import ProductionTenantFields

DOMAIN = Domain(
    name="production",
    metadata=ProductionBase.metadata,
    mutation=ProductionMutation,
    tenant_fields=ProductionTenantFields,
)
