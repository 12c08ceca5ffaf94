"""The point-of-sale domain as the gateway sees it."""

from __future__ import annotations

from domains.kernel.domain import Domain
from domains.pos.models import PosBase
from domains.pos.mutations import PosMutation
from domains.pos.queries import PosTenantFields

DOMAIN = Domain(
    name="pos", metadata=PosBase.metadata, mutation=PosMutation, tenant_fields=PosTenantFields
)
