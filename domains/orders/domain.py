"""The orders domain as the gateway sees it."""

from __future__ import annotations

from domains.kernel.domain import Domain
from domains.orders.models import OrdersBase
from domains.orders.mutations import OrdersMutation
from domains.orders.queries import OrdersTenantFields
from domains.orders.repository.customers import CUSTOMERS

DOMAIN = Domain(
    name="orders",
    metadata=OrdersBase.metadata,
    mutation=OrdersMutation,
    tenant_fields=OrdersTenantFields,
    trash=(CUSTOMERS,),
)
