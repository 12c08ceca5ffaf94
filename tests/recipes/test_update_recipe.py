"""updateRecipe: optional fields, lines replaced as a whole, the same checks as createRecipe."""

from __future__ import annotations

import uuid

from tests.recipes.support import UPDATE, line, members, recipe
from tests.support import Bakery, GraphQLClient


def codes(result_errors: list[dict[str, str | None]]) -> list[tuple[str | None, str | None]]:
    return [(e["code"], e["field"]) for e in result_errors]


async def test_update_recipe_changes_only_what_is_given(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    product, flour = await bakery.product(), await bakery.ingredient()
    recipe_id = await recipe(
        bakery, product, [line(flour, "2")], name="Pan", yield_quantity="10", instructions="Hornear"
    )

    result = await bakery.run(
        UPDATE, {"id": recipe_id, "input": {"name": "Pan rústico", "yieldQuantity": "8"}}
    )

    payload = result.data["updateRecipe"]
    assert payload["errors"] == []
    assert payload["recipe"] == {
        "id": recipe_id,
        "name": "Pan rústico",
        "yieldQuantity": "8.000",
        "yieldUnit": "UNIT",
        "instructions": "Hornear",
        "product": {"id": product},
        "ingredients": [
            {"quantity": "2.000", "unit": "KG", "position": 0, "ingredient": {"id": flour}}
        ],
    }


async def test_update_recipe_ingredients_replace_every_line(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    product = await bakery.product()
    flour, salt, water = (
        await bakery.ingredient(),
        await bakery.ingredient(),
        await bakery.ingredient(unit="L"),
    )
    recipe_id = await recipe(bakery, product, [line(flour), line(salt, "10", "G")])

    result = await bakery.run(
        UPDATE,
        {
            "id": recipe_id,
            "input": {"ingredients": [line(water, "600", "ML"), line(flour, "1.5", "KG")]},
        },
    )

    assert result.data["updateRecipe"]["errors"] == []
    assert result.data["updateRecipe"]["recipe"]["ingredients"] == [
        {"quantity": "600.000", "unit": "ML", "position": 0, "ingredient": {"id": water}},
        {"quantity": "1.500", "unit": "KG", "position": 1, "ingredient": {"id": flour}},
    ]


async def test_update_recipe_refused_changes_nothing(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    product, flour = await bakery.product(), await bakery.ingredient()
    recipe_id = await recipe(bakery, product, [line(flour)], name="Pan")

    unknown_line = await bakery.run(
        UPDATE,
        {"id": recipe_id, "input": {"name": "Otro", "ingredients": [line(str(uuid.uuid4()))]}},
    )
    too_many = await bakery.run(
        UPDATE,
        {"id": recipe_id, "input": {"ingredients": [line(str(uuid.uuid4()))] * 101}},
    )
    after = await bakery.run(UPDATE, {"id": recipe_id, "input": {"instructions": "igual"}})

    assert codes(unknown_line.data["updateRecipe"]["errors"]) == [("NOT_FOUND", "ingredients")]
    assert codes(too_many.data["updateRecipe"]["errors"]) == [("INVALID_INPUT", "ingredients")]
    assert after.data["updateRecipe"]["recipe"]["name"] == "Pan"
    assert after.data["updateRecipe"]["recipe"]["ingredients"] == [
        {"quantity": "1.000", "unit": "KG", "position": 0, "ingredient": {"id": flour}}
    ]


async def test_update_recipe_moves_to_another_product_without_a_recipe(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    loaf, roll, bun = await bakery.product(), await bakery.product(), await bakery.product()
    flour = await bakery.ingredient()
    loaf_recipe = await recipe(bakery, loaf, [line(flour)])
    await recipe(bakery, roll, [line(flour)])

    taken = await bakery.run(UPDATE, {"id": loaf_recipe, "input": {"productId": roll}})
    moved = await bakery.run(UPDATE, {"id": loaf_recipe, "input": {"productId": bun}})

    assert codes(taken.data["updateRecipe"]["errors"]) == [("RECIPE_EXISTS", "productId")]
    assert moved.data["updateRecipe"]["errors"] == []
    assert moved.data["updateRecipe"]["recipe"]["product"] == {"id": bun}


async def test_update_recipe_refuses_a_yield_unit_the_product_cannot_take(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    product, flour = await bakery.product(unit="UNIT"), await bakery.ingredient()
    recipe_id = await recipe(bakery, product, [line(flour)])

    result = await bakery.run(UPDATE, {"id": recipe_id, "input": {"yieldUnit": "L"}})

    assert codes(result.data["updateRecipe"]["errors"]) == [("UNIT_MISMATCH", "yieldUnit")]


async def test_update_recipe_with_nothing_to_change(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    product, flour = await bakery.product(), await bakery.ingredient()
    recipe_id = await recipe(bakery, product, [line(flour)])

    result = await bakery.run(UPDATE, {"id": recipe_id, "input": {}})

    assert codes(result.data["updateRecipe"]["errors"]) == [("NOTHING_TO_CHANGE", None)]


async def test_update_recipe_of_another_bakery_is_not_found(client: GraphQLClient) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    foreign = await recipe(other, await other.product(), [line(await other.ingredient())])

    result = await bakery.run(UPDATE, {"id": foreign, "input": {"name": "Mío"}})
    untouched = await other.run(UPDATE, {"id": foreign, "input": {"instructions": "x"}})

    assert codes(result.data["updateRecipe"]["errors"]) == [("NOT_FOUND", "id")]
    assert untouched.data["updateRecipe"]["recipe"]["name"] != "Mío"


async def test_update_recipe_needs_admin_and_a_valid_id(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    recipe_id = await recipe(bakery, await bakery.product(), [line(await bakery.ingredient())])
    [member] = await members(bakery, "MEMBER")

    as_member = await client.execute(
        UPDATE, {"tenantId": bakery.id, "id": recipe_id, "input": {"name": "X"}}, as_=member
    )
    malformed = await bakery.run(UPDATE, {"id": "123", "input": {"name": "X"}})

    assert as_member.codes == ["FORBIDDEN"]
    assert malformed.codes == ["BAD_USER_INPUT"]
