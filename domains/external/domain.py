"""The external domain as the gateway sees it."""

from __future__ import annotations

from domains.external.models import ExternalBase
from domains.external.mutations import ExternalMutation
from domains.external.queries import ExternalTenantFields
from domains.kernel.domain import Domain

DOMAIN = Domain(
    name="external",
    metadata=ExternalBase.metadata,
    mutation=ExternalMutation,
    tenant_fields=ExternalTenantFields,
)
