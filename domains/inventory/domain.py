"""The inventory domain as the gateway sees it."""

from __future__ import annotations

from domains.inventory.models import InventoryBase
from domains.inventory.mutations import InventoryMutation
from domains.inventory.queries import InventoryTenantFields
from domains.inventory.repository.catalog import INGREDIENTS, PRODUCTS
from domains.kernel.domain import Domain

DOMAIN = Domain(
    name="inventory",
    metadata=InventoryBase.metadata,
    mutation=InventoryMutation,
    tenant_fields=InventoryTenantFields,
    trash=(INGREDIENTS, PRODUCTS),
)
