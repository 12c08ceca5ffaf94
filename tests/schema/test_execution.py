"""GatewayExecutionContext: fields resolved in place answer exactly as graphql-core's own path."""

from __future__ import annotations

import asyncio
import enum
from typing import Any

import pytest
import strawberry
from strawberry.types.scalar import ScalarDefinition

from schema import plain_resolvers
from schema.execution import GatewayExecutionContext


def _refuse(value: object) -> str:
    raise ValueError(f"cannot serialize {value!r}")


class Stubborn(str):
    """Text its scalar refuses to serialize."""


STUBBORN = strawberry.scalar(name="Stubborn", serialize=_refuse, parse_value=Stubborn)


@strawberry.enum
class Crust(enum.Enum):
    SOFT = "soft"
    CRISP = "crisp"


@strawberry.type
class Flour:
    name: str
    origin: str  # None on purpose for some flours: a non-null leaf that resolves to null


@strawberry.type
class Slice:
    number: int
    weight: float
    flour: Flour | None


async def _later(value: Any) -> Any:
    await asyncio.sleep(0)
    return value


@strawberry.type
class Loaf:
    name: str
    crust: Crust
    note: str | None
    grams: int
    slices: list[Slice]
    flour: Flour
    missing: str  # None on purpose for some loaves: a non-null field that resolves to null
    stubborn: Stubborn | None

    @strawberry.field
    def flour_later(self) -> Flour | None:
        return _later(self.flour)  # type: ignore[return-value] # an awaitable, on purpose

    @strawberry.field
    def slices_later(self) -> list[Slice]:
        return _later(self.slices)  # type: ignore[return-value] # an awaitable, on purpose

    @strawberry.field
    def broken(self) -> Flour | None:
        raise RuntimeError("the oven is off")

    @strawberry.field
    def required_flour(self) -> Flour:
        return None  # type: ignore[return-value] # null in a non-null field, on purpose

    @strawberry.field
    def sparse_slices(self) -> list[Slice | None]:
        return [None, *self.slices]

    @strawberry.field
    def label(self) -> str:
        return f"{self.name} ({self.grams} g)"

    @strawberry.field
    def label_later(self) -> str:
        return _later(self.name)  # type: ignore[return-value] # an awaitable, on purpose

    @strawberry.field
    def required_label(self) -> str:
        return self.missing  # null in a non-null leaf for some loaves, on purpose

    @strawberry.field
    def burnt_label(self) -> str | None:
        raise RuntimeError("the label burnt")

    @strawberry.field
    def stubborn_label(self) -> Stubborn | None:
        return self.stubborn


def _loaves() -> list[Loaf]:
    rye, wheat = Flour(name="rye", origin="here"), Flour(name="wheat", origin=None)  # type: ignore[arg-type]
    return [
        Loaf(
            name="barra",
            crust=Crust.CRISP,
            note=None,
            grams=250,
            slices=[
                Slice(number=1, weight=20.5, flour=rye),
                Slice(number=2, weight=21.0, flour=None),
            ],
            flour=rye,
            missing="here",
            stubborn=None,
        ),
        Loaf(
            name="hogaza",
            crust=Crust.SOFT,
            note="rye",
            grams=1000,
            slices=[Slice(number=1, weight=80.0, flour=wheat)],
            flour=wheat,
            missing=None,  # type: ignore[arg-type]
            stubborn=Stubborn("no"),
        ),
    ]


@strawberry.type
class Query:
    @strawberry.field
    def loaves(self) -> list[Loaf]:
        return _loaves()

    @strawberry.field
    def first(self) -> Loaf:
        return _loaves()[1]


def _schemas() -> tuple[strawberry.Schema, strawberry.Schema]:
    scalars: dict[object, ScalarDefinition] = {Stubborn: STUBBORN}
    ordinary = strawberry.Schema(query=Query, scalar_overrides=scalars)
    gateway = strawberry.Schema(
        query=Query, scalar_overrides=scalars, execution_context_class=GatewayExecutionContext
    )
    plain_resolvers.install(gateway)
    return ordinary, gateway


def _errors(result: Any) -> list[tuple[str, list[Any] | None]]:
    return [(error.message, error.path) for error in result.errors or []]


@pytest.mark.parametrize(
    "document",
    [
        "{ loaves { name crust note grams slices { number weight } } }",
        "{ loaves { a: name b: name crust __typename ...on Loaf { grams } } }",
        "{ loaves { name note @skip(if: true) grams @include(if: false) } }",
        "fragment L on Loaf { name crust } { loaves { ...L slices { ... { weight } } } }",
        "{ loaves { name missing } }",
        "{ first { name missing } }",
        "{ loaves { name stubborn } }",
        "{ loaves { flour { name } slices { flour { name } } } }",
        "{ loaves { flourLater { name } slicesLater { number flour { name } } } }",
        "{ loaves { name broken { name } } }",
        "{ loaves { name requiredFlour { name } } }",
        "{ loaves { sparseSlices { number } } }",
        "{ loaves { flour { origin } } }",
        "{ loaves { slices { flour { origin } } } }",
        "{ loaves { name slices @include(if: true) { number } } }",
        "{ loaves { label labelLater } }",
        "{ loaves { label requiredLabel } }",
        "{ loaves { label burntLabel } }",
        "{ loaves { label stubbornLabel } }",
    ],
)
async def test_execute_resolves_in_place_with_the_same_answer(document: str) -> None:
    ordinary, gateway = _schemas()

    expected = await ordinary.execute(document)
    result = await gateway.execute(document)

    assert result.data == expected.data
    assert _errors(result) == _errors(expected)


async def test_execute_reports_a_null_leaf_of_a_non_null_field_at_its_path() -> None:
    _, gateway = _schemas()

    result = await gateway.execute("{ loaves { name missing } }")

    assert result.data is None  # the error reaches the non-null list and then the root
    assert _errors(result) == [
        ("Cannot return null for non-nullable field Loaf.missing.", ["loaves", 1, "missing"])
    ]


async def test_execute_reports_a_scalar_that_refuses_its_value() -> None:
    _, gateway = _schemas()

    result = await gateway.execute("{ loaves { name stubborn } }")

    assert result.data == {
        "loaves": [{"name": "barra", "stubborn": None}, {"name": "hogaza", "stubborn": None}]
    }
    assert _errors(result) == [("cannot serialize 'no'", ["loaves", 1, "stubborn"])]


async def test_execute_nulls_the_nearest_nullable_parent_of_a_failing_object() -> None:
    _, gateway = _schemas()

    result = await gateway.execute("{ loaves { slices { number flour { origin } } } }")

    assert result.data == {
        "loaves": [
            {"slices": [{"number": 1, "flour": {"origin": "here"}}, {"number": 2, "flour": None}]},
            {"slices": [{"number": 1, "flour": None}]},
        ]
    }
    assert _errors(result) == [
        (
            "Cannot return null for non-nullable field Flour.origin.",
            ["loaves", 1, "slices", 0, "flour", "origin"],
        )
    ]
