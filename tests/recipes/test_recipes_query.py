"""tenant { recipes }: order, paging, filters, tenant isolation and the cost of one unit."""

from __future__ import annotations

from tests.recipes.support import LIST, catalog, line, listed, members, recipe
from tests.support import Bakery, GraphQLClient


async def test_recipes_are_ordered_by_name_whatever_its_case_and_paged(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient()
    for name in ("croissant", "Baguette", "ensaimada", "Donut"):
        await recipe(bakery, await bakery.product(), [line(flour)], name=name)

    first_page = await listed(bakery, first=3)
    second_page = await listed(bakery, first=3, after=first_page["pageInfo"]["endCursor"])
    past_the_end = await listed(bakery, first=3, after=second_page["pageInfo"]["endCursor"])

    assert [n["name"] for n in first_page["nodes"]] == ["Baguette", "croissant", "Donut"]
    assert first_page["pageInfo"]["hasNextPage"] is True
    assert [n["name"] for n in second_page["nodes"]] == ["ensaimada"]
    assert second_page["pageInfo"]["hasNextPage"] is False
    assert past_the_end["nodes"] == []
    assert first_page["totalCount"] == second_page["totalCount"] == 4
    assert past_the_end["totalCount"] == 4


async def test_recipes_filtered_by_name_fragment_and_product(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient()
    loaf = await bakery.product()
    await recipe(bakery, loaf, [line(flour)], name="Pan de centeno")
    await recipe(bakery, await bakery.product(), [line(flour)], name="Pan de maíz_100%")
    await recipe(bakery, await bakery.product(), [line(flour)], name="Tarta de queso")

    by_search = await listed(bakery, search="PAN DE")
    by_wildcard_text = await listed(bakery, search="_100%")
    by_product = await listed(bakery, productId=loaf)

    assert [n["name"] for n in by_search["nodes"]] == ["Pan de centeno", "Pan de maíz_100%"]
    assert [n["name"] for n in by_wildcard_text["nodes"]] == ["Pan de maíz_100%"]
    assert [n["name"] for n in by_product["nodes"]] == ["Pan de centeno"]
    assert by_product["totalCount"] == 1


async def test_recipes_are_those_of_the_bakery_asked_for(client: GraphQLClient) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    await recipe(other, await other.product(), [line(await other.ingredient())])
    [viewer] = await members(bakery, "VIEWER")

    mine = await listed(bakery)
    as_viewer = await client.execute(LIST, {"tenantId": bakery.id, "first": 10}, as_=viewer)
    as_stranger = await client.execute(LIST, {"tenantId": other.id, "first": 10}, as_=viewer)

    assert mine == {
        "totalCount": 0,
        "pageInfo": {"hasNextPage": False, "endCursor": None},
        "nodes": [],
    }
    assert as_viewer.errors == []
    assert as_stranger.codes == ["FORBIDDEN"]
    assert as_stranger.data == {"tenant": None}


async def test_recipes_refuse_a_malformed_product_id(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    result = await bakery.run(LIST, {"first": 10, "productId": "pan"})

    assert result.codes == ["BAD_USER_INPUT"]


async def test_recipe_cost_per_unit_uses_current_costs_in_the_ingredients_units(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient(unit="KG")
    butter = await bakery.ingredient(unit="KG")
    milk = await bakery.ingredient(unit="L")
    await bakery.stock(ingredient_id=flour, quantity="10", unit_cost="0.60")
    await bakery.stock(ingredient_id=flour, quantity="10", unit_cost="1.00")  # average 0.80
    await bakery.stock(ingredient_id=butter, quantity="5", unit_cost="6")
    await bakery.stock(ingredient_id=milk, quantity="5", unit_cost="1.20")
    await recipe(
        bakery,
        await bakery.product(),
        [line(flour, "500", "G"), line(butter, "100", "G"), line(milk, "250", "ML")],
        yield_quantity="4",
    )

    [node] = (await listed(bakery))["nodes"]

    # (0.5 kg x 0.80 + 0.1 kg x 6 + 0.25 l x 1.20) / 4 = 1.30 / 4
    assert node["costPerUnit"] == "0.3250"


async def test_recipe_cost_per_unit_is_null_while_a_cost_is_unknown(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    flour, yeast, sugar = (
        await bakery.ingredient(),
        await bakery.ingredient(),
        await bakery.ingredient(),
    )
    await bakery.stock(ingredient_id=flour, quantity="10")
    await bakery.stock(ingredient_id=sugar, quantity="10")
    never_received = await recipe(bakery, await bakery.product(), [line(flour), line(yeast)])
    deleted_ingredient = await recipe(bakery, await bakery.product(), [line(flour), line(sugar)])
    await catalog(bakery, "deleteIngredient", sugar)

    costs = {n["id"]: n["costPerUnit"] for n in (await listed(bakery))["nodes"]}

    assert costs == {never_received: None, deleted_ingredient: None}
