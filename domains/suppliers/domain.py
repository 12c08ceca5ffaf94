"""The suppliers domain as the gateway sees it."""

from __future__ import annotations

from domains.kernel.domain import Domain
from domains.suppliers.models import SuppliersBase
from domains.suppliers.mutations import SuppliersMutation
from domains.suppliers.queries import SuppliersTenantFields
from domains.suppliers.repository.purchase_orders import PURCHASE_ORDERS
from domains.suppliers.repository.suppliers import SUPPLIERS

DOMAIN = Domain(
    name="suppliers",
    metadata=SuppliersBase.metadata,
    mutation=SuppliersMutation,
    tenant_fields=SuppliersTenantFields,
    trash=(SUPPLIERS, PURCHASE_ORDERS),
)
