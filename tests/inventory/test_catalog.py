"""Ingredients and products: create, update, soft delete, restore, bulk, roles."""

from __future__ import annotations

from tests.support import Bakery, GraphQLClient

CREATE = """
mutation($tenantId: ID!, $input: CreateIngredientInput!) {
  createIngredient(tenantId: $tenantId, input: $input) {
    ingredient { id name category unit reorderPoint onHand } errors { code field }
  }
}
"""
UPDATE = """
mutation($tenantId: ID!, $id: ID!, $input: UpdateIngredientInput!) {
  updateIngredient(tenantId: $tenantId, id: $id, input: $input) {
    ingredient { name unit reorderPoint } errors { code field }
  }
}
"""
DELETE = """
mutation($tenantId: ID!, $ids: [ID!]!, $reason: String) {
  deleteIngredients(tenantId: $tenantId, ids: $ids, reason: $reason) {
    deletedIds batchId errors { code field }
  }
}
"""
RESTORE = """
mutation($tenantId: ID!, $id: ID!) {
  restoreIngredient(tenantId: $tenantId, id: $id) { ingredient { id name } errors { code field } }
}
"""
LIST = """
query($tenantId: ID!, $search: String, $category: String) {
  tenant(id: $tenantId) {
    ingredients(first: 100, search: $search, category: $category) {
      totalCount nodes { id name }
    }
  }
}
"""


def flour(name: str = "Harina de trigo") -> dict[str, object]:
    return {"name": name, "category": "Harinas", "unit": "KG", "reorderPoint": "10.5"}


async def test_create_ingredient_trims_and_returns_it(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    result = await bakery.run(CREATE, {"input": flour("  Harina   de trigo ")})
    assert result.data["createIngredient"]["errors"] == []
    ingredient = result.data["createIngredient"]["ingredient"]
    assert ingredient["name"] == "Harina de trigo"
    assert ingredient["unit"] == "KG"
    assert ingredient["reorderPoint"] == "10.500"
    assert ingredient["onHand"] == "0"


async def test_create_ingredient_name_is_unique_among_live_ones_in_any_case(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    first = await bakery.ingredient("Levadura fresca")
    clash = await bakery.run(CREATE, {"input": flour("LEVADURA FRESCA")})
    assert clash.data["createIngredient"]["errors"] == [{"code": "NAME_TAKEN", "field": "name"}]

    await bakery.run(DELETE, {"ids": [first], "reason": "duplicado"})
    reuse = await bakery.run(CREATE, {"input": flour("Levadura fresca")})
    assert reuse.data["createIngredient"]["errors"] == []


async def test_create_ingredient_same_name_in_another_bakery_is_fine(
    client: GraphQLClient,
) -> None:
    one, other = await Bakery.open(client), await Bakery.open(client)
    await one.ingredient("Sal")
    result = await other.run(CREATE, {"input": flour("Sal")})
    assert result.data["createIngredient"]["errors"] == []


async def test_create_ingredient_reports_bad_input(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    result = await bakery.run(
        CREATE,
        {"input": {"name": " ", "category": "x" * 61, "unit": "KG", "reorderPoint": "-1"}},
    )
    assert {(e["code"], e["field"]) for e in result.data["createIngredient"]["errors"]} == {
        ("INVALID_INPUT", "name"),
        ("INVALID_INPUT", "category"),
        ("INVALID_INPUT", "reorderPoint"),
    }


async def test_create_ingredient_needs_an_admin(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    member = await client.sign_up()
    await client.add_member(bakery.id, member, "MEMBER", by=bakery.owner)
    result = await client.execute(CREATE, {"tenantId": bakery.id, "input": flour()}, as_=member)
    assert result.codes == ["FORBIDDEN"]


async def test_create_ingredient_in_another_bakery_is_forbidden(client: GraphQLClient) -> None:
    mine, theirs = await Bakery.open(client), await Bakery.open(client)
    result = await client.execute(CREATE, {"tenantId": theirs.id, "input": flour()}, as_=mine.owner)
    assert result.codes == ["FORBIDDEN"]


async def test_update_ingredient_changes_only_what_is_given(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    ingredient = await bakery.ingredient("Azúcar", "KG")
    result = await bakery.run(UPDATE, {"id": ingredient, "input": {"reorderPoint": "3"}})
    assert result.data["updateIngredient"] == {
        "ingredient": {"name": "Azúcar", "unit": "KG", "reorderPoint": "3.000"},
        "errors": [],
    }


async def test_update_ingredient_unit_is_fixed_once_stock_exists(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    fresh = await bakery.ingredient(unit="KG")
    stocked = await bakery.ingredient(unit="KG")
    await bakery.stock(ingredient_id=stocked, quantity="2")

    changed = await bakery.run(UPDATE, {"id": fresh, "input": {"unit": "G"}})
    refused = await bakery.run(UPDATE, {"id": stocked, "input": {"unit": "G"}})

    assert changed.data["updateIngredient"]["ingredient"]["unit"] == "G"
    assert refused.data["updateIngredient"]["errors"] == [{"code": "UNIT_IN_USE", "field": "unit"}]


async def test_update_ingredient_unknown_or_foreign_id_is_not_found(
    client: GraphQLClient,
) -> None:
    mine, theirs = await Bakery.open(client), await Bakery.open(client)
    foreign = await theirs.ingredient()
    result = await mine.run(UPDATE, {"id": foreign, "input": {"name": "Robada"}})
    assert result.data["updateIngredient"]["errors"] == [{"code": "NOT_FOUND", "field": "id"}]
    untouched = await theirs.run(LIST)
    assert "Robada" not in [n["name"] for n in untouched.data["tenant"]["ingredients"]["nodes"]]


async def test_delete_ingredients_hides_them_from_lists_and_counts(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    kept = await bakery.ingredient("Mantequilla")
    gone = [await bakery.ingredient() for _ in range(3)]

    result = await bakery.run(DELETE, {"ids": gone, "reason": "ya no se usan"})
    listed = await bakery.run(LIST)

    payload = result.data["deleteIngredients"]
    assert sorted(payload["deletedIds"]) == sorted(gone)
    assert payload["batchId"] is not None
    assert listed.data["tenant"]["ingredients"] == {
        "totalCount": 1,
        "nodes": [{"id": kept, "name": "Mantequilla"}],
    }


async def test_delete_ingredients_is_bounded_and_needs_live_ids(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    too_many = await bakery.run(DELETE, {"ids": ["00000000-0000-4000-8000-000000000000"] * 501})
    unknown = await bakery.run(DELETE, {"ids": ["00000000-0000-4000-8000-000000000000"]})
    assert too_many.data["deleteIngredients"]["errors"] == [
        {"code": "INVALID_INPUT", "field": "ids"}
    ]
    assert unknown.data["deleteIngredients"]["errors"] == [{"code": "NOT_FOUND", "field": "ids"}]


async def test_restore_ingredient_brings_it_back_unless_its_name_was_taken(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    huevos = await bakery.ingredient("Huevos")
    leche = await bakery.ingredient("Leche")
    await bakery.run(DELETE, {"ids": [huevos, leche]})
    await bakery.ingredient("Leche")

    restored = await bakery.run(RESTORE, {"id": huevos})
    clash = await bakery.run(RESTORE, {"id": leche})
    again = await bakery.run(RESTORE, {"id": huevos})

    assert restored.data["restoreIngredient"] == {
        "ingredient": {"id": huevos, "name": "Huevos"},
        "errors": [],
    }
    assert clash.data["restoreIngredient"]["errors"] == [{"code": "NAME_TAKEN", "field": "name"}]
    assert again.data["restoreIngredient"]["errors"] == [{"code": "NOT_FOUND", "field": "id"}]


async def test_ingredients_search_and_category_filter(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    await bakery.ingredient("Harina de fuerza")
    await bakery.ingredient("Harina integral")
    await bakery.ingredient("Sal marina")
    found = await bakery.run(LIST, {"search": "harina"})
    none = await bakery.run(LIST, {"search": "%"})
    assert [n["name"] for n in found.data["tenant"]["ingredients"]["nodes"]] == [
        "Harina de fuerza",
        "Harina integral",
    ]
    assert none.data["tenant"]["ingredients"]["nodes"] == []


async def test_products_create_update_delete_restore(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    created = await bakery.run(
        """mutation($tenantId: ID!) { createProduct(tenantId: $tenantId, input: {
             kind: PAR_BAKED, name: "Barra precocida", unit: UNIT, salePrice: 0.45 }) {
             product { id kind name salePrice } errors { code } } }"""
    )
    product = created.data["createProduct"]["product"]
    assert product["salePrice"] == "0.45"
    updated = await bakery.run(
        """mutation($tenantId: ID!, $id: ID!) { updateProduct(tenantId: $tenantId, id: $id,
             input: { kind: FINISHED, salePrice: "0.50" }) { product { kind salePrice } } }""",
        {"id": product["id"]},
    )
    assert updated.data["updateProduct"]["product"] == {"kind": "FINISHED", "salePrice": "0.50"}
    deleted = await bakery.run(
        """mutation($tenantId: ID!, $id: ID!) { deleteProduct(tenantId: $tenantId, id: $id,
             reason: "fin de temporada") { deletedIds errors { code } } }""",
        {"id": product["id"]},
    )
    assert deleted.data["deleteProduct"]["deletedIds"] == [product["id"]]
    listed = await bakery.run(
        "query($tenantId: ID!) { tenant(id: $tenantId) { products { totalCount } } }"
    )
    assert listed.data["tenant"]["products"]["totalCount"] == 0
    restored = await bakery.run(
        """mutation($tenantId: ID!, $id: ID!) { restoreProduct(tenantId: $tenantId, id: $id) {
             product { name } errors { code } } }""",
        {"id": product["id"]},
    )
    assert restored.data["restoreProduct"]["product"] == {"name": "Barra precocida"}


async def test_decimal_input_is_exact_and_must_be_finite(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    exact = await bakery.run(CREATE, {"input": {**flour("Exacta"), "reorderPoint": 1.1}})
    not_a_number = await bakery.run(CREATE, {"input": {**flour("NaN"), "reorderPoint": "NaN"}})
    assert exact.data["createIngredient"]["ingredient"]["reorderPoint"] == "1.100"
    assert not_a_number.codes == ["BAD_USER_INPUT"]
