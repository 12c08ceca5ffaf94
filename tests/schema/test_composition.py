"""extend_type: fields contributed by other domains land on the very type resolvers return."""

from __future__ import annotations

import pytest
import strawberry

from schema.composition import extend_type


@strawberry.type
class Bakery:
    id: strawberry.ID


@strawberry.type
class InventoryFields:
    @strawberry.field
    def ingredient_count(self, root: strawberry.Parent[Bakery]) -> str:
        return f"ingredients of {root.id}"


@strawberry.type
class Query:
    @strawberry.field
    def bakery(self) -> Bakery:
        return Bakery(id=strawberry.ID("b1"))


@strawberry.type
class Clash:
    id: strawberry.ID


def test_extend_type_adds_fields_that_resolve_on_the_target_instance() -> None:
    extend_type(Bakery, [InventoryFields])
    result = strawberry.Schema(query=Query).execute_sync("{ bakery { id ingredientCount } }")

    assert result.errors is None
    assert result.data == {"bakery": {"id": "b1", "ingredientCount": "ingredients of b1"}}


def test_extend_type_refuses_a_field_the_type_already_has() -> None:
    with pytest.raises(ValueError, match="already has it"):
        extend_type(Bakery, [Clash])
