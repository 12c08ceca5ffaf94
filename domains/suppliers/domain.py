"""The suppliers domain as the gateway sees it."""

from __future__ import annotations

from domains.kernel.domain import Domain
from domains.suppliers.models import SuppliersBase

DOMAIN = Domain(name="suppliers", metadata=SuppliersBase.metadata)
