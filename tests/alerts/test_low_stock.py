"""Stock falling below a LOW_STOCK rule raises an alert and notifies the admins, in the same
transaction as the stock change."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import text
from starlette.applications import Starlette

from domains.notifications import service as notifications_service
from tests.alerts.api import (
    ALERTS,
    CREATE_RULE,
    UPDATE_RULE,
    alerts,
    create_rule,
    member,
    notifications,
    waste,
    wasted,
)
from tests.notifications.api import UPDATE_PREFERENCES, preference
from tests.support import Bakery, GraphQLClient

MOVEMENTS = """
query($tenantId: ID!) {
  tenant(id: $tenantId) { stockMovements(first: 100, kind: WASTE) { nodes { quantity } } }
}
"""


async def test_waste_below_a_rule_opens_one_alert_and_notifies_each_admin(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    admin, baker = await member(bakery, "ADMIN"), await member(bakery, "MEMBER")
    flour = await bakery.ingredient("Harina de fuerza")
    rule = await create_rule(bakery, threshold="5", ingredientId=flour)
    await bakery.stock(ingredient_id=flour, quantity="10")

    await wasted(bakery, flour, "4")  # 6 left: above 5, nothing yet
    before = await alerts(bakery)
    await wasted(bakery, flour, "3")  # 3 left: below 5

    [alert] = await alerts(bakery)
    sent = await notifications(bakery)
    assert before == []
    assert alert["status"] == "OPEN"
    assert alert["severity"] == "WARNING"
    assert alert["ingredientId"] == flour
    assert alert["rule"] == {"id": rule["id"], "kind": "LOW_STOCK"}
    assert "Harina de fuerza" in alert["message"]
    assert [(h["status"], h["actor"]) for h in alert["history"]] == [
        ("OPEN", f"user:{bakery.owner.id}")
    ]
    assert sorted(n["recipientId"] for n in sent) == sorted([bakery.owner.id, admin.id])
    assert {(n["channel"], n["event"], n["status"]) for n in sent} == {
        ("IN_APP", "LOW_STOCK", "SENT")
    }
    assert all(n["body"] == alert["message"] for n in sent)
    assert baker.id not in {n["recipientId"] for n in sent}


async def test_waste_below_a_rule_again_opens_no_second_alert(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient()
    await create_rule(bakery, threshold="5", ingredientId=flour)
    await bakery.stock(ingredient_id=flour, quantity="10")

    await wasted(bakery, flour, "6")
    await wasted(bakery, flour, "1")
    await wasted(bakery, flour, "1")

    assert len(await alerts(bakery)) == 1
    assert len(await notifications(bakery)) == 1


async def test_waste_to_nothing_is_critical(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    yeast = await bakery.ingredient()
    await create_rule(bakery, threshold="1", ingredientId=yeast)
    await bakery.stock(ingredient_id=yeast, quantity="2")

    await wasted(bakery, yeast, "2")

    assert [a["severity"] for a in await alerts(bakery)] == ["CRITICAL"]


async def test_rule_without_ingredient_uses_each_reorder_point(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient(reorder_point="8")
    sugar = await bakery.ingredient(reorder_point="1")
    await create_rule(bakery, threshold="100")  # the threshold does not apply
    for ingredient in (flour, sugar):
        await bakery.stock(ingredient_id=ingredient, quantity="10")

    await wasted(bakery, flour, "3")  # 7 < 8
    await wasted(bakery, sugar, "3")  # 7 >= 1

    assert [a["ingredientId"] for a in await alerts(bakery)] == [flour]


async def test_disabled_rules_and_other_ingredients_raise_nothing(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    flour, salt = await bakery.ingredient(), await bakery.ingredient()
    rule = await create_rule(bakery, threshold="5", ingredientId=flour)
    await create_rule(bakery, threshold="5", ingredientId=salt, enabled=False)
    await create_rule(bakery, kind="EXPIRY", threshold="3")
    for ingredient in (flour, salt):
        await bakery.stock(ingredient_id=ingredient, quantity="10")
    await bakery.run(UPDATE_RULE, {"id": rule["id"], "input": {"enabled": False}})

    await wasted(bakery, flour, "8")
    await wasted(bakery, salt, "8")

    assert await alerts(bakery) == []
    assert await notifications(bakery) == []


async def test_rules_of_another_bakery_raise_nothing_here(client: GraphQLClient) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    flour = await bakery.ingredient()
    await create_rule(other)
    await bakery.stock(ingredient_id=flour, quantity="10")

    await wasted(bakery, flour, "8")

    assert await alerts(bakery) == []
    assert await alerts(other) == []


async def test_create_alert_rule_naming_another_bakerys_ingredient_is_not_found(
    client: GraphQLClient,
) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    flour = await bakery.ingredient()

    result = await other.run(CREATE_RULE, {"input": {"kind": "LOW_STOCK", "ingredientId": flour}})

    payload = result.data["createAlertRule"]
    assert payload["rule"] is None
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("NOT_FOUND", "ingredientId")]


async def test_alerts_of_another_bakery_are_forbidden(client: GraphQLClient) -> None:
    bakery, stranger = await Bakery.open(client), await Bakery.open(client)

    result = await client.execute(ALERTS, {"tenantId": bakery.id}, as_=stranger.owner)

    assert result.codes == ["FORBIDDEN"]
    assert result.data == {"tenant": None}


async def test_admin_who_turned_off_low_stock_in_app_is_not_notified(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    admin = await member(bakery, "ADMIN")
    await client.execute(
        UPDATE_PREFERENCES,
        {
            "tenantId": bakery.id,
            "input": {"preferences": [preference("LOW_STOCK", "IN_APP", False)]},
        },
        as_=admin,
    )
    flour = await bakery.ingredient()
    await create_rule(bakery, threshold="5", ingredientId=flour)
    await bakery.stock(ingredient_id=flour, quantity="10")

    await wasted(bakery, flour, "6")

    assert len(await alerts(bakery)) == 1
    assert [n["recipientId"] for n in await notifications(bakery)] == [bakery.owner.id]


async def test_alert_notifications_are_recorded_against_the_alert(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery = await Bakery.open(client)
    await member(bakery, "ADMIN")
    flour = await bakery.ingredient()
    await create_rule(bakery, threshold="5", ingredientId=flour)
    await bakery.stock(ingredient_id=flour, quantity="10")

    await wasted(bakery, flour, "6")

    [alert] = await alerts(bakery)
    async with app.state.resources.database.engine.connect() as connection:
        recorded = await connection.scalars(
            text(
                "SELECT notification_id::text FROM alerts.alert_notifications "
                "WHERE tenant_id = :tenant AND alert_id = :alert"
            ),
            {"tenant": uuid.UUID(bakery.id), "alert": uuid.UUID(alert["id"])},
        )
        assert sorted(recorded) == sorted(n["id"] for n in await _notification_ids(bakery))


async def _notification_ids(bakery: Bakery) -> list[dict[str, Any]]:
    result = await bakery.run(
        "query($tenantId: ID!) { tenant(id: $tenantId) { notifications { nodes { id } } } }"
    )
    nodes: list[dict[str, Any]] = result.data["tenant"]["notifications"]["nodes"]
    return nodes


async def test_waste_fails_whole_when_notifying_fails(
    client: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    bakery = await Bakery.open(client)
    await member(bakery, "ADMIN")
    flour = await bakery.ingredient()
    await create_rule(bakery, threshold="5", ingredientId=flour)
    await bakery.stock(ingredient_id=flour, quantity="10")

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the notification service fell over")

    monkeypatch.setattr(notifications_service, "notify", broken)
    result = await waste(bakery, flour, "6")
    monkeypatch.undo()

    assert result.codes == ["INTERNAL_SERVER_ERROR"]
    assert await bakery.on_hand(flour) == "10.000"
    assert (await bakery.run(MOVEMENTS)).data["tenant"]["stockMovements"]["nodes"] == []
    assert await alerts(bakery) == []
    assert await notifications(bakery) == []
