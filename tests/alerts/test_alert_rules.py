"""createAlertRule, updateAlertRule and the `alertRules` list."""

from __future__ import annotations

import uuid

from tests.alerts.api import CREATE_RULE, RULES, UPDATE_RULE, create_rule, error_fields, member
from tests.support import Bakery, GraphQLClient


async def test_create_alert_rule_for_one_ingredient(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient()

    result = await bakery.run(
        CREATE_RULE, {"input": {"kind": "LOW_STOCK", "threshold": "2.5", "ingredientId": flour}}
    )

    payload = result.data["createAlertRule"]
    assert payload["errors"] == []
    assert payload["rule"] == {
        "id": payload["rule"]["id"],
        "kind": "LOW_STOCK",
        "threshold": "2.500",
        "ingredientId": flour,
        "enabled": True,
    }


async def test_create_alert_rule_defaults_to_every_ingredient(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    rule = await create_rule(bakery)

    assert rule["ingredientId"] is None
    assert rule["threshold"] == "0.000"
    assert rule["enabled"] is True


async def test_create_alert_rule_refuses_bad_input_naming_each_field(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient()

    result = await bakery.run(
        CREATE_RULE, {"input": {"kind": "EXPIRY", "threshold": "-1", "ingredientId": flour}}
    )

    payload = result.data["createAlertRule"]
    assert payload["rule"] is None
    assert set(error_fields(payload)) == {
        ("INVALID_INPUT", "threshold"),
        ("INVALID_INPUT", "ingredientId"),
    }
    assert (await bakery.run(RULES)).data["tenant"]["alertRules"]["totalCount"] == 0


async def test_create_alert_rule_is_forbidden_below_admin(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    viewer, operator = await member(bakery, "VIEWER"), await member(bakery, "MEMBER")
    admin = await member(bakery, "ADMIN")
    variables = {"tenantId": bakery.id, "input": {"kind": "LOW_STOCK"}}

    as_viewer = await client.execute(CREATE_RULE, variables, as_=viewer)
    as_member = await client.execute(CREATE_RULE, variables, as_=operator)
    as_admin = await client.execute(CREATE_RULE, variables, as_=admin)

    assert as_viewer.codes == ["FORBIDDEN"]
    assert as_member.codes == ["FORBIDDEN"]
    assert as_admin.data["createAlertRule"]["errors"] == []


async def test_create_alert_rule_in_another_bakery_is_forbidden(client: GraphQLClient) -> None:
    bakery, stranger = await Bakery.open(client), await Bakery.open(client)

    result = await client.execute(
        CREATE_RULE, {"tenantId": bakery.id, "input": {"kind": "EXPIRY"}}, as_=stranger.owner
    )

    assert result.codes == ["FORBIDDEN"]


async def test_create_alert_rule_with_malformed_ids(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    bad_ingredient = await bakery.run(
        CREATE_RULE, {"input": {"kind": "LOW_STOCK", "ingredientId": "flour"}}
    )
    bad_tenant = await client.execute(
        CREATE_RULE, {"tenantId": "123", "input": {"kind": "LOW_STOCK"}}, as_=bakery.owner
    )

    assert bad_ingredient.codes == ["BAD_USER_INPUT"]
    assert bad_tenant.codes == ["BAD_USER_INPUT"]


async def test_update_alert_rule_changes_what_is_given(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    flour = await bakery.ingredient()
    rule = await create_rule(bakery, threshold="5", ingredientId=flour)

    disabled = await bakery.run(
        UPDATE_RULE, {"id": rule["id"], "input": {"enabled": False, "threshold": "7"}}
    )
    widened = await bakery.run(UPDATE_RULE, {"id": rule["id"], "input": {"ingredientId": None}})

    assert disabled.data["updateAlertRule"]["rule"] == {
        **rule,
        "enabled": False,
        "threshold": "7.000",
    }
    assert widened.data["updateAlertRule"]["rule"]["ingredientId"] is None
    assert widened.data["updateAlertRule"]["rule"]["threshold"] == "7.000"


async def test_update_alert_rule_refuses_nothing_and_bad_values(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    rule = await create_rule(bakery, kind="PRODUCTION_DELAY", threshold="30")
    flour = await bakery.ingredient()

    nothing = await bakery.run(UPDATE_RULE, {"id": rule["id"], "input": {}})
    bad = await bakery.run(
        UPDATE_RULE, {"id": rule["id"], "input": {"threshold": "-2", "ingredientId": flour}}
    )

    assert error_fields(nothing.data["updateAlertRule"]) == [("NOTHING_TO_CHANGE", None)]
    assert set(error_fields(bad.data["updateAlertRule"])) == {
        ("INVALID_INPUT", "threshold"),
        ("INVALID_INPUT", "ingredientId"),
    }


async def test_update_alert_rule_of_another_bakery_is_not_found(client: GraphQLClient) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    foreign = await create_rule(other, threshold="1")

    for rule_id in (foreign["id"], str(uuid.uuid4())):
        result = await bakery.run(UPDATE_RULE, {"id": rule_id, "input": {"enabled": False}})

        payload = result.data["updateAlertRule"]
        assert payload["rule"] is None
        assert error_fields(payload) == [("NOT_FOUND", "id")]
    assert (await other.run(RULES)).data["tenant"]["alertRules"]["nodes"] == [foreign]


async def test_update_alert_rule_is_forbidden_below_admin(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    rule = await create_rule(bakery)
    operator = await member(bakery, "MEMBER")

    result = await client.execute(
        UPDATE_RULE,
        {"tenantId": bakery.id, "id": rule["id"], "input": {"enabled": False}},
        as_=operator,
    )
    malformed = await bakery.run(UPDATE_RULE, {"id": "x", "input": {"enabled": False}})

    assert result.codes == ["FORBIDDEN"]
    assert malformed.codes == ["BAD_USER_INPUT"]


async def test_alert_rules_list_pages_oldest_first(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    created = [await create_rule(bakery, kind=kind) for kind in ("LOW_STOCK", "EXPIRY", "EXPIRY")]
    viewer = await member(bakery, "VIEWER")

    first = await client.execute(RULES, {"tenantId": bakery.id, "first": 2}, as_=viewer)
    connection = first.data["tenant"]["alertRules"]
    rest = await bakery.run(RULES, {"first": 2, "after": connection["pageInfo"]["endCursor"]})

    assert connection["totalCount"] == 3
    assert connection["nodes"] == created[:2]
    assert rest.data["tenant"]["alertRules"]["nodes"] == created[2:]
