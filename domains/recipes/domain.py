"""The recipes domain as the gateway sees it."""

from __future__ import annotations

from domains.kernel.domain import Domain
from domains.recipes.models import RecipesBase

DOMAIN = Domain(name="recipes", metadata=RecipesBase.metadata)
