"""deleteRecipe and restoreRecipe: soft delete that never leaks, restore and its refusals."""

from __future__ import annotations

from tests.recipes.support import DELETE, RESTORE, catalog, line, listed, members, recipe
from tests.support import Bakery, GraphQLClient


def codes(errors: list[dict[str, str | None]]) -> list[tuple[str | None, str | None]]:
    return [(e["code"], e["field"]) for e in errors]


async def test_delete_recipe_hides_it_from_lists_until_restored(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient()
    kept = await recipe(bakery, await bakery.product(), [line(flour)], name="Bollo")
    gone = await recipe(bakery, await bakery.product(), [line(flour)], name="Barra")

    deleted = await bakery.run(DELETE, {"id": gone, "reason": "Ya no se hace"})
    while_deleted = await listed(bakery)
    restored = await bakery.run(RESTORE, {"id": gone})
    after_restore = await listed(bakery)

    assert deleted.data["deleteRecipe"]["errors"] == []
    assert deleted.data["deleteRecipe"]["deletedIds"] == [gone]
    assert [n["id"] for n in while_deleted["nodes"]] == [kept]
    assert while_deleted["totalCount"] == 1
    assert restored.data["restoreRecipe"] == {"recipe": {"id": gone, "name": "Barra"}, "errors": []}
    assert [n["id"] for n in after_restore["nodes"]] == [gone, kept]
    assert after_restore["totalCount"] == 2


async def test_delete_recipe_that_is_not_live_here_is_not_found(client: GraphQLClient) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    mine = await recipe(bakery, await bakery.product(), [line(await bakery.ingredient())])
    foreign = await recipe(other, await other.product(), [line(await other.ingredient())])
    await bakery.run(DELETE, {"id": mine})

    twice = await bakery.run(DELETE, {"id": mine})
    not_mine = await bakery.run(DELETE, {"id": foreign})

    assert codes(twice.data["deleteRecipe"]["errors"]) == [("NOT_FOUND", "id")]
    assert codes(not_mine.data["deleteRecipe"]["errors"]) == [("NOT_FOUND", "id")]
    assert (await listed(other))["totalCount"] == 1


async def test_delete_recipe_frees_the_product_for_a_new_recipe(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    product, flour = await bakery.product(), await bakery.ingredient()
    old = await recipe(bakery, product, [line(flour)])
    await bakery.run(DELETE, {"id": old})
    await recipe(bakery, product, [line(flour)])

    result = await bakery.run(RESTORE, {"id": old})

    assert result.data["restoreRecipe"]["recipe"] is None
    assert codes(result.data["restoreRecipe"]["errors"]) == [("RECIPE_EXISTS", "id")]


async def test_restore_recipe_refused_while_its_product_is_deleted(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    product, flour = await bakery.product(), await bakery.ingredient()
    recipe_id = await recipe(bakery, product, [line(flour)])
    await bakery.run(DELETE, {"id": recipe_id})
    await catalog(bakery, "deleteProduct", product)

    refused = await bakery.run(RESTORE, {"id": recipe_id})
    await catalog(bakery, "restoreProduct", product)
    accepted = await bakery.run(RESTORE, {"id": recipe_id})

    assert codes(refused.data["restoreRecipe"]["errors"]) == [("PRODUCT_DELETED", "id")]
    assert accepted.data["restoreRecipe"]["errors"] == []


async def test_restore_recipe_that_is_live_is_not_found(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    recipe_id = await recipe(bakery, await bakery.product(), [line(await bakery.ingredient())])

    result = await bakery.run(RESTORE, {"id": recipe_id})

    assert codes(result.data["restoreRecipe"]["errors"]) == [("NOT_FOUND", "id")]


async def test_delete_and_restore_recipe_need_admin(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    recipe_id = await recipe(bakery, await bakery.product(), [line(await bakery.ingredient())])
    viewer, member = await members(bakery, "VIEWER", "MEMBER")

    as_viewer = await client.execute(DELETE, {"tenantId": bakery.id, "id": recipe_id}, as_=viewer)
    as_member = await client.execute(RESTORE, {"tenantId": bakery.id, "id": recipe_id}, as_=member)
    malformed = await bakery.run(DELETE, {"id": "x"})

    assert as_viewer.codes == ["FORBIDDEN"]
    assert as_member.codes == ["FORBIDDEN"]
    assert malformed.codes == ["BAD_USER_INPUT"]
    assert (await listed(bakery))["totalCount"] == 1


async def test_recipe_shows_deleted_ingredient_and_product_as_null(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    product = await bakery.product("Magdalena")
    flour, sugar = await bakery.ingredient("Harina"), await bakery.ingredient("Azúcar")
    await recipe(bakery, product, [line(flour), line(sugar)])

    await catalog(bakery, "deleteIngredient", sugar)
    await catalog(bakery, "deleteProduct", product)
    [while_deleted] = (await listed(bakery))["nodes"]
    await catalog(bakery, "restoreIngredient", sugar)
    await catalog(bakery, "restoreProduct", product)
    [restored] = (await listed(bakery))["nodes"]

    assert while_deleted["product"] is None
    assert [i["ingredient"] for i in while_deleted["ingredients"]] == [
        {"id": flour, "name": "Harina"},
        None,
    ]
    assert restored["product"] == {"id": product, "name": "Magdalena"}
    assert [i["ingredient"] for i in restored["ingredients"]] == [
        {"id": flour, "name": "Harina"},
        {"id": sugar, "name": "Azúcar"},
    ]
