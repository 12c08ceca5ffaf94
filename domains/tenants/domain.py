"""The tenants domain as the gateway sees it."""

from __future__ import annotations

from domains.kernel.domain import Domain
from domains.tenants.deleter import TenantsDeleter
from domains.tenants.models import TenantsBase
from domains.tenants.mutations import TenantsMutation
from domains.tenants.queries import TenantsQuery

DOMAIN = Domain(
    name="tenants",
    metadata=TenantsBase.metadata,
    query=TenantsQuery,
    mutation=TenantsMutation,
    deleter_class=TenantsDeleter,
)
