"""acknowledgeAlert and resolveAlert: OPEN -> ACKNOWLEDGED -> RESOLVED, each step in history."""

from __future__ import annotations

import uuid

from tests.alerts.api import (
    ACKNOWLEDGE,
    RESOLVE,
    alerts,
    error_fields,
    low_stock_alert,
    member,
    wasted,
)
from tests.support import Bakery, GraphQLClient


async def test_acknowledge_then_resolve_records_each_step(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    alert = await low_stock_alert(bakery)
    baker = await member(bakery, "MEMBER")
    variables = {"tenantId": bakery.id, "id": alert["id"]}

    acknowledged = await client.execute(ACKNOWLEDGE, variables, as_=baker)
    resolved = await bakery.run(RESOLVE, {"id": alert["id"]})

    seen = acknowledged.data["acknowledgeAlert"]["alert"]
    assert seen["status"] == "ACKNOWLEDGED"
    assert seen["acknowledgedBy"] == f"user:{baker.id}"
    assert seen["acknowledgedAt"] is not None
    done = resolved.data["resolveAlert"]["alert"]
    assert done["status"] == "RESOLVED"
    assert done["resolvedBy"] == f"user:{bakery.owner.id}"
    assert done["acknowledgedBy"] == f"user:{baker.id}"
    assert [(h["status"], h["actor"]) for h in done["history"]] == [
        ("OPEN", f"user:{bakery.owner.id}"),
        ("ACKNOWLEDGED", f"user:{baker.id}"),
        ("RESOLVED", f"user:{bakery.owner.id}"),
    ]
    assert [a["status"] for a in await alerts(bakery)] == ["RESOLVED"]


async def test_resolve_alert_straight_from_open(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    alert = await low_stock_alert(bakery)

    result = await bakery.run(RESOLVE, {"id": alert["id"]})

    done = result.data["resolveAlert"]["alert"]
    assert [h["status"] for h in done["history"]] == ["OPEN", "RESOLVED"]
    assert done["acknowledgedAt"] is None


async def test_acknowledge_alert_twice_is_an_invalid_transition(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    alert = await low_stock_alert(bakery)
    await bakery.run(ACKNOWLEDGE, {"id": alert["id"]})

    again = await bakery.run(ACKNOWLEDGE, {"id": alert["id"]})

    payload = again.data["acknowledgeAlert"]
    assert payload["alert"] is None
    assert error_fields(payload) == [("INVALID_TRANSITION", "id")]
    [current] = await alerts(bakery)
    assert [h["status"] for h in current["history"]] == ["OPEN", "ACKNOWLEDGED"]


async def test_resolved_alerts_move_no_more(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    alert = await low_stock_alert(bakery)
    await bakery.run(RESOLVE, {"id": alert["id"]})

    resolve_again = await bakery.run(RESOLVE, {"id": alert["id"]})
    acknowledge = await bakery.run(ACKNOWLEDGE, {"id": alert["id"]})

    assert error_fields(resolve_again.data["resolveAlert"]) == [("INVALID_TRANSITION", "id")]
    assert error_fields(acknowledge.data["acknowledgeAlert"]) == [("INVALID_TRANSITION", "id")]


async def test_a_resolved_alert_lets_the_rule_raise_a_new_one(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    alert = await low_stock_alert(bakery)
    await bakery.run(RESOLVE, {"id": alert["id"]})

    await wasted(bakery, alert["ingredientId"], "1")

    assert [a["status"] for a in await alerts(bakery)] == ["RESOLVED", "OPEN"]
    assert [a["status"] for a in await alerts(bakery, "OPEN")] == ["OPEN"]


async def test_acknowledge_alert_is_forbidden_to_viewers(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    alert = await low_stock_alert(bakery)
    viewer = await member(bakery, "VIEWER")
    variables = {"tenantId": bakery.id, "id": alert["id"]}

    acknowledge = await client.execute(ACKNOWLEDGE, variables, as_=viewer)
    resolve = await client.execute(RESOLVE, variables, as_=viewer)

    assert acknowledge.codes == ["FORBIDDEN"]
    assert resolve.codes == ["FORBIDDEN"]
    assert [a["status"] for a in await alerts(bakery)] == ["OPEN"]


async def test_alerts_of_another_bakery_are_not_found(client: GraphQLClient) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    foreign = await low_stock_alert(other)

    for alert_id in (foreign["id"], str(uuid.uuid4())):
        acknowledge = await bakery.run(ACKNOWLEDGE, {"id": alert_id})
        resolve = await bakery.run(RESOLVE, {"id": alert_id})

        assert error_fields(acknowledge.data["acknowledgeAlert"]) == [("NOT_FOUND", "id")]
        assert resolve.data["resolveAlert"]["alert"] is None
    assert await alerts(bakery) == []
    assert [a["status"] for a in await alerts(other)] == ["OPEN"]


async def test_acknowledge_alert_with_malformed_ids(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    bad_id = await bakery.run(ACKNOWLEDGE, {"id": "alert-1"})
    bad_tenant = await client.execute(
        RESOLVE, {"tenantId": "bakery", "id": str(uuid.uuid4())}, as_=bakery.owner
    )

    assert bad_id.codes == ["BAD_USER_INPUT"]
    assert bad_tenant.codes == ["BAD_USER_INPUT"]
