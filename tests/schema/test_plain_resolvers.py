"""plain_resolvers.install: direct resolvers where Strawberry's wrapper does nothing."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.permission import BasePermission

from schema import plain_resolvers


class Refused(BasePermission):
    message = "refused"

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        return False


@strawberry.type
class Loaf:
    name: str
    weight_grams: int
    secret: str = strawberry.field(default="flour", permission_classes=[Refused])

    @strawberry.field
    def label(self) -> str:
        return f"{self.name} ({self.weight_grams} g)"

    @strawberry.field
    def sliced(self, slices: int) -> str:
        return f"{self.name} in {slices}"

    @strawberry.field
    def asked_by(self, info: strawberry.Info) -> str:
        return str(info.context["who"])

    @strawberry.field
    async def warm(self) -> str:
        return f"warm {self.name}"


@strawberry.type
class Query:
    @strawberry.field
    def loaves(self) -> list[Loaf]:
        return [Loaf(name="barra", weight_grams=250), Loaf(name="hogaza", weight_grams=1000)]


def resolvers(schema: strawberry.Schema) -> dict[str, Any]:
    loaf = schema._schema.type_map["Loaf"]
    return {name: field.resolve for name, field in loaf.fields.items()}  # type: ignore[attr-defined]


def test_install_replaces_attribute_fields_and_self_only_methods() -> None:
    schema = strawberry.Schema(query=Query)
    before = resolvers(schema)

    replaced = plain_resolvers.install(schema)
    after = resolvers(schema)

    changed = {name for name in after if after[name] is not before[name]}
    assert changed == {"name", "weightGrams", "label"}
    assert replaced == len(changed) + 1  # and Query.loaves, a self-only method too


async def test_install_keeps_results_permissions_arguments_and_info() -> None:
    schema = strawberry.Schema(query=Query)
    plain_resolvers.install(schema)

    result = await schema.execute(
        "{ loaves { name weightGrams label sliced(slices: 8) askedBy warm } }",
        context_value={"who": "ana"},
    )
    refused = await schema.execute("{ loaves { secret } }", context_value={"who": "ana"})

    assert result.errors is None
    assert result.data == {
        "loaves": [
            {
                "name": "barra",
                "weightGrams": 250,
                "label": "barra (250 g)",
                "sliced": "barra in 8",
                "askedBy": "ana",
                "warm": "warm barra",
            },
            {
                "name": "hogaza",
                "weightGrams": 1000,
                "label": "hogaza (1000 g)",
                "sliced": "hogaza in 8",
                "askedBy": "ana",
                "warm": "warm hogaza",
            },
        ]
    }
    assert refused.errors is not None
    assert refused.errors[0].message == "refused"
