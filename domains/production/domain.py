"""The production domain as the gateway sees it."""

from __future__ import annotations

from domains.kernel.domain import Domain
from domains.production.models import ProductionBase

DOMAIN = Domain(name="production", metadata=ProductionBase.metadata)
