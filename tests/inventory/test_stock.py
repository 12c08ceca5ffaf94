"""Stock: adjustments, waste, oldest expiry first, never below zero, low-stock alerts."""

from __future__ import annotations

from typing import Any

from tests.support import Bakery, GraphQLClient

ADJUST = """
mutation($tenantId: ID!, $input: AdjustStockInput!) {
  adjustStock(tenantId: $tenantId, input: $input) {
    movements { kind quantity lotId reason createdBy } errors { code message field }
  }
}
"""
WASTE = """
mutation($tenantId: ID!, $input: RecordWasteInput!) {
  recordWaste(tenantId: $tenantId, input: $input) {
    movements { kind quantity lotId } errors { code message field }
  }
}
"""
INGREDIENT = """
query($tenantId: ID!) {
  tenant(id: $tenantId) {
    ingredients(first: 10) {
      nodes {
        id onHand
        stockLots { id quantity unitCost expiresOn }
        movements(last: 10) { kind quantity }
      }
    }
    stockAlerts { nodes { status onHand reorderPoint ingredient { id } } }
  }
}
"""


async def state(bakery: Bakery) -> dict[str, Any]:
    result = await bakery.run(INGREDIENT)
    tenant: dict[str, Any] = result.data["tenant"]
    return tenant


async def test_adjust_stock_up_adds_a_lot_at_the_latest_cost(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient(unit="KG")
    await bakery.stock(ingredient_id=flour, quantity="10", unit_cost="0.85")

    result = await bakery.run(
        ADJUST, {"input": {"ingredientId": flour, "quantity": "2.5", "reason": "recuento"}}
    )

    assert result.data["adjustStock"]["errors"] == []
    [movement] = result.data["adjustStock"]["movements"]
    assert (movement["kind"], movement["quantity"]) == ("ADJUSTMENT", "2.500")
    assert movement["createdBy"] == f"user:{bakery.owner.id}"
    [ingredient] = (await state(bakery))["ingredients"]["nodes"]
    assert ingredient["onHand"] == "12.500"
    assert [lot["unitCost"] for lot in ingredient["stockLots"]] == ["0.8500", "0.8500"]


async def test_waste_takes_the_lot_that_expires_first(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    milk = await bakery.ingredient(unit="L")
    await bakery.stock(ingredient_id=milk, quantity="10", expires_on="2027-03-01")
    await bakery.stock(ingredient_id=milk, quantity="4", expires_on="2027-01-15")
    await bakery.stock(ingredient_id=milk, quantity="6")  # no expiry: used last

    result = await bakery.run(
        WASTE, {"input": {"ingredientId": milk, "quantity": "5", "reason": "cortada"}}
    )

    assert [m["quantity"] for m in result.data["recordWaste"]["movements"]] == ["-4.000", "-1.000"]
    lots = (await state(bakery))["ingredients"]["nodes"][0]["stockLots"]
    assert [(lot["quantity"], lot["expiresOn"]) for lot in lots] == [
        ("9.000", "2027-03-01"),
        ("6.000", None),
    ]


async def test_stock_never_goes_below_zero_and_a_refusal_changes_nothing(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    sugar = await bakery.ingredient("Azúcar", unit="KG")
    await bakery.stock(ingredient_id=sugar, quantity="3")
    before = await state(bakery)

    adjust = await bakery.run(
        ADJUST, {"input": {"ingredientId": sugar, "quantity": "-3.001", "reason": "recuento"}}
    )
    waste = await bakery.run(
        WASTE, {"input": {"ingredientId": sugar, "quantity": "4", "reason": "plaga"}}
    )

    assert [e["code"] for e in adjust.data["adjustStock"]["errors"]] == ["INSUFFICIENT_STOCK"]
    assert "Azúcar" in adjust.data["adjustStock"]["errors"][0]["message"]
    assert [e["code"] for e in waste.data["recordWaste"]["errors"]] == ["INSUFFICIENT_STOCK"]
    assert await state(bakery) == before


async def test_stock_input_is_checked(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    salt = await bakery.ingredient()
    zero = await bakery.run(
        ADJUST, {"input": {"ingredientId": salt, "quantity": "0", "reason": "x"}}
    )
    negative_waste = await bakery.run(
        WASTE, {"input": {"ingredientId": salt, "quantity": "-1", "reason": "x"}}
    )
    no_reason = await bakery.run(
        ADJUST, {"input": {"ingredientId": salt, "quantity": "1", "reason": "  "}}
    )
    both_items = await bakery.run(
        ADJUST,
        {"input": {"ingredientId": salt, "productId": salt, "quantity": "1", "reason": "x"}},
    )
    assert zero.data["adjustStock"]["errors"] == [
        {"code": "INVALID_INPUT", "message": "Give a number other than zero.", "field": "quantity"}
    ]
    assert [e["field"] for e in negative_waste.data["recordWaste"]["errors"]] == ["quantity"]
    assert [e["field"] for e in no_reason.data["adjustStock"]["errors"]] == ["reason"]
    assert both_items.codes == ["BAD_USER_INPUT"]


async def test_stock_of_another_bakerys_ingredient_is_not_found(client: GraphQLClient) -> None:
    mine, theirs = await Bakery.open(client), await Bakery.open(client)
    foreign = await theirs.ingredient()
    await theirs.stock(ingredient_id=foreign, quantity="5")
    result = await mine.run(
        WASTE, {"input": {"ingredientId": foreign, "quantity": "1", "reason": "x"}}
    )
    assert [e["code"] for e in result.data["recordWaste"]["errors"]] == ["NOT_FOUND"]
    assert await theirs.on_hand(foreign) == "5.000"


async def test_members_move_stock_viewers_do_not(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    butter = await bakery.ingredient()
    member, viewer = await client.sign_up(), await client.sign_up()
    await client.add_member(bakery.id, member, "MEMBER", by=bakery.owner)
    await client.add_member(bakery.id, viewer, "VIEWER", by=bakery.owner)
    variables = {
        "tenantId": bakery.id,
        "input": {"ingredientId": butter, "quantity": "1", "reason": "entrada"},
    }
    by_member = await client.execute(ADJUST, variables, as_=member)
    by_viewer = await client.execute(ADJUST, variables, as_=viewer)
    assert by_member.data["adjustStock"]["errors"] == []
    assert by_viewer.codes == ["FORBIDDEN"]


async def test_low_stock_alert_opens_once_and_resolves_on_restock(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    yeast = await bakery.ingredient("Levadura", unit="KG", reorder_point="2")
    await bakery.stock(ingredient_id=yeast, quantity="5")

    for quantity in ("2", "1.5"):  # 3 left, then 1.5: below 2 -> one alert
        await bakery.run(
            WASTE, {"input": {"ingredientId": yeast, "quantity": quantity, "reason": "x"}}
        )
    await bakery.run(WASTE, {"input": {"ingredientId": yeast, "quantity": "0.5", "reason": "x"}})
    opened = (await state(bakery))["stockAlerts"]["nodes"]
    await bakery.stock(ingredient_id=yeast, quantity="4")
    resolved = (await state(bakery))["stockAlerts"]["nodes"]

    assert opened == [
        {"status": "OPEN", "onHand": "1.500", "reorderPoint": "2.000", "ingredient": {"id": yeast}}
    ]
    assert [alert["status"] for alert in resolved] == ["RESOLVED"]


async def test_stock_movements_filter_and_page(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    flour, salt = await bakery.ingredient(), await bakery.ingredient()
    for _ in range(3):
        await bakery.stock(ingredient_id=flour, quantity="1")
    await bakery.stock(ingredient_id=salt, quantity="1")
    await bakery.run(WASTE, {"input": {"ingredientId": flour, "quantity": "1", "reason": "x"}})
    query = """
      query($tenantId: ID!, $id: ID, $kind: MovementKind, $after: String) {
        tenant(id: $tenantId) {
          stockMovements(first: 2, ingredientId: $id, kind: $kind, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } nodes { kind ingredient { id } }
          }
        }
      }
    """
    first = await bakery.run(query, {"id": flour})
    page = first.data["tenant"]["stockMovements"]
    second = await bakery.run(query, {"id": flour, "after": page["pageInfo"]["endCursor"]})
    waste = await bakery.run(query, {"kind": "WASTE"})

    assert page["totalCount"] == 4
    assert page["pageInfo"]["hasNextPage"] is True
    rest = second.data["tenant"]["stockMovements"]
    assert rest["pageInfo"]["hasNextPage"] is False
    assert {n["ingredient"]["id"] for n in page["nodes"] + rest["nodes"]} == {flour}
    assert [n["kind"] for n in waste.data["tenant"]["stockMovements"]["nodes"]] == ["WASTE"]


async def test_deleted_ingredient_shows_as_null_in_movements(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    cream = await bakery.ingredient()
    await bakery.stock(ingredient_id=cream, quantity="1")
    await bakery.run(
        """mutation($tenantId: ID!, $id: ID!) { deleteIngredient(tenantId: $tenantId, id: $id) {
             errors { code } } }""",
        {"id": cream},
    )
    result = await bakery.run(
        """query($tenantId: ID!) { tenant(id: $tenantId) {
             stockMovements { totalCount nodes { ingredient { id } } } } }"""
    )
    assert result.data["tenant"]["stockMovements"] == {
        "totalCount": 1,
        "nodes": [{"ingredient": None}],
    }
