"""The sales domain as the gateway sees it."""

from __future__ import annotations

from domains.kernel.domain import Domain
from domains.sales.models import SalesBase
from domains.sales.queries import SalesTenantFields

DOMAIN = Domain(name="sales", metadata=SalesBase.metadata, tenant_fields=SalesTenantFields)
