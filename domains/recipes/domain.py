"""The recipes domain as the gateway sees it."""

from __future__ import annotations

from domains.kernel.domain import Domain
from domains.recipes.models import RecipesBase
from domains.recipes.mutations import RecipesMutation
from domains.recipes.queries import RecipesTenantFields
from domains.recipes.repository import RECIPES

DOMAIN = Domain(
    name="recipes",
    metadata=RecipesBase.metadata,
    mutation=RecipesMutation,
    tenant_fields=RecipesTenantFields,
    trash=(RECIPES,),
)
