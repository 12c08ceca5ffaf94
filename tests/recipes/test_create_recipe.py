"""createRecipe: lines in order, live product and ingredients of the tenant, units, bounds."""

from __future__ import annotations

import uuid

from tests.recipes.support import (
    CREATE,
    catalog,
    create_recipe,
    line,
    members,
    recipe,
    recipe_input,
)
from tests.support import Bakery, GraphQLClient


async def test_create_recipe_keeps_lines_in_the_order_given(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    product = await bakery.product("Barra de pan")
    flour = await bakery.ingredient("Harina", unit="KG")
    salt = await bakery.ingredient("Sal", unit="KG")
    milk = await bakery.ingredient("Leche", unit="L")

    result = await create_recipe(
        bakery,
        recipe_input(
            product,
            [line(flour, "1", "KG"), line(salt, "20", "G"), line(milk, "500", "ML")],
            name="  Barra   clásica ",
            yield_quantity="12",
            yield_unit="UNIT",
        ),
    )

    payload = result.data["createRecipe"]
    assert payload["errors"] == []
    assert payload["recipe"]["name"] == "Barra clásica"
    assert payload["recipe"]["yieldQuantity"] == "12.000"
    assert payload["recipe"]["yieldUnit"] == "UNIT"
    assert payload["recipe"]["product"] == {"id": product, "name": "Barra de pan"}
    assert payload["recipe"]["ingredients"] == [
        {
            "quantity": "1.000",
            "unit": "KG",
            "position": 0,
            "ingredient": {"id": flour, "name": "Harina"},
        },
        {
            "quantity": "20.000",
            "unit": "G",
            "position": 1,
            "ingredient": {"id": salt, "name": "Sal"},
        },
        {
            "quantity": "500.000",
            "unit": "ML",
            "position": 2,
            "ingredient": {"id": milk, "name": "Leche"},
        },
    ]


async def test_create_recipe_refuses_a_product_that_is_not_live_here(
    client: GraphQLClient,
) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    flour = await bakery.ingredient()
    foreign_product = await other.product()

    unknown = await create_recipe(bakery, recipe_input(str(uuid.uuid4()), [line(flour)]))
    foreign = await create_recipe(bakery, recipe_input(foreign_product, [line(flour)]))

    for result in (unknown, foreign):
        payload = result.data["createRecipe"]
        assert payload["recipe"] is None
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [("NOT_FOUND", "productId")]


async def test_create_recipe_refuses_ingredients_that_are_not_live_here(
    client: GraphQLClient,
) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    product = await bakery.product()
    deleted = await bakery.ingredient()
    await catalog(bakery, "deleteIngredient", deleted)
    foreign = await other.ingredient()

    for ingredient_id in (deleted, foreign, str(uuid.uuid4())):
        result = await create_recipe(bakery, recipe_input(product, [line(ingredient_id)]))

        payload = result.data["createRecipe"]
        assert payload["recipe"] is None
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [
            ("NOT_FOUND", "ingredients")
        ]
        assert ingredient_id in payload["errors"][0]["message"]


async def test_create_recipe_refuses_a_second_live_recipe_of_a_product(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    product, flour = await bakery.product(), await bakery.ingredient()
    await recipe(bakery, product, [line(flour)])

    result = await create_recipe(bakery, recipe_input(product, [line(flour)]))

    assert result.data["createRecipe"]["recipe"] is None
    assert [(e["code"], e["field"]) for e in result.data["createRecipe"]["errors"]] == [
        ("RECIPE_EXISTS", "productId")
    ]


async def test_create_recipe_refuses_an_ingredient_twice(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    product, flour = await bakery.product(), await bakery.ingredient()

    result = await create_recipe(
        bakery, recipe_input(product, [line(flour, "1", "KG"), line(flour, "200", "G")])
    )

    assert [(e["code"], e["field"]) for e in result.data["createRecipe"]["errors"]] == [
        ("DUPLICATE_INGREDIENT", "ingredients")
    ]


async def test_create_recipe_refuses_units_that_do_not_convert(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    loaf = await bakery.product(unit="UNIT")
    flour = await bakery.ingredient("Harina de fuerza", unit="KG")

    line_in_litres = await create_recipe(bakery, recipe_input(loaf, [line(flour, "1", "L")]))
    yield_in_kilos = await create_recipe(
        bakery, recipe_input(loaf, [line(flour, "1", "KG")], yield_unit="KG")
    )

    errors = line_in_litres.data["createRecipe"]["errors"]
    assert [(e["code"], e["field"]) for e in errors] == [("UNIT_MISMATCH", "ingredients")]
    assert "Harina de fuerza" in errors[0]["message"]
    assert [(e["code"], e["field"]) for e in yield_in_kilos.data["createRecipe"]["errors"]] == [
        ("UNIT_MISMATCH", "yieldUnit")
    ]


async def test_create_recipe_accepts_a_line_in_another_unit_of_the_same_kind(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product(unit="KG")
    flour = await bakery.ingredient(unit="KG")

    result = await create_recipe(
        bakery, recipe_input(bread, [line(flour, "750", "G")], yield_quantity="900", yield_unit="G")
    )

    assert result.data["createRecipe"]["errors"] == []


async def test_create_recipe_refuses_more_than_100_lines_or_none(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    product = await bakery.product()
    too_many = [line(str(uuid.uuid4())) for _ in range(101)]

    many = await create_recipe(bakery, recipe_input(product, too_many))
    none = await create_recipe(bakery, recipe_input(product, []))

    for result in (many, none):
        assert result.data["createRecipe"]["recipe"] is None
        assert [(e["code"], e["field"]) for e in result.data["createRecipe"]["errors"]] == [
            ("INVALID_INPUT", "ingredients")
        ]


async def test_create_recipe_reports_every_bad_field_at_once(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    product, flour = await bakery.product(), await bakery.ingredient()

    result = await create_recipe(
        bakery,
        recipe_input(product, [line(flour, "-1")], name="   ", yield_quantity="0.0001"),
    )

    assert sorted((e["code"], e["field"]) for e in result.data["createRecipe"]["errors"]) == [
        ("INVALID_INPUT", "ingredients"),
        ("INVALID_INPUT", "name"),
        ("INVALID_INPUT", "yieldQuantity"),
    ]


async def test_create_recipe_needs_admin(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    product, flour = await bakery.product(), await bakery.ingredient()
    viewer, member, admin = await members(bakery, "VIEWER", "MEMBER", "ADMIN")
    variables = {"tenantId": bakery.id, "input": recipe_input(product, [line(flour)])}

    as_viewer = await client.execute(CREATE, variables, as_=viewer)
    as_member = await client.execute(CREATE, variables, as_=member)
    as_admin = await client.execute(CREATE, variables, as_=admin)

    assert as_viewer.codes == ["FORBIDDEN"]
    assert as_member.codes == ["FORBIDDEN"]
    assert as_viewer.data is None
    assert as_admin.data["createRecipe"]["errors"] == []


async def test_create_recipe_in_another_bakery_is_forbidden(client: GraphQLClient) -> None:
    bakery, stranger = await Bakery.open(client), await Bakery.open(client)
    product, flour = await bakery.product(), await bakery.ingredient()

    result = await client.execute(
        CREATE,
        {"tenantId": bakery.id, "input": recipe_input(product, [line(flour)])},
        as_=stranger.owner,
    )

    assert result.codes == ["FORBIDDEN"]
    assert result.data is None


async def test_create_recipe_refuses_malformed_ids(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    product, flour = await bakery.product(), await bakery.ingredient()

    bad_product = await create_recipe(bakery, recipe_input("not-a-uuid", [line(flour)]))
    bad_ingredient = await create_recipe(bakery, recipe_input(product, [line("nope")]))

    assert bad_product.codes == ["BAD_USER_INPUT"]
    assert bad_ingredient.codes == ["BAD_USER_INPUT"]
    assert bad_product.errors[0]["extensions"]["field"] == "productId"
    assert bad_ingredient.errors[0]["extensions"]["field"] == "ingredientId"
