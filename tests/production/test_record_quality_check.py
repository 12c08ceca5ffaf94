"""recordQualityCheck: on batches in progress or completed, score 0 to 10, the checker recorded."""

from __future__ import annotations

import uuid

from tests.production.support import CANCEL, CHECK, Kitchen, problems
from tests.recipes.support import members
from tests.support import Bakery, GraphQLClient

BATCH_CHECKS = """
query($tenantId: ID!) {
  tenant(id: $tenantId) {
    productionBatches(first: 10) { nodes { id qualityChecks { checkType passed score } } }
  }
}
"""


def crumb(score: str | None = "8.5", passed: bool = True) -> dict[str, object]:
    return {"checkType": "Miga", "passed": passed, "score": score, "notes": " Esponjosa "}


async def test_record_quality_check_on_batches_in_progress_and_completed(
    client: GraphQLClient,
) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    [member] = await members(kitchen.bakery, "MEMBER")
    in_progress, completed = await kitchen.started(), await kitchen.started("12")
    await kitchen.complete(completed, "12")

    first = await client.execute(
        CHECK,
        {"tenantId": kitchen.bakery.id, "batchId": in_progress, "input": crumb()},
        as_=member,
    )
    second = await kitchen.bakery.run(
        CHECK,
        {"batchId": in_progress, "input": {"checkType": "Corteza", "passed": False}},
    )
    on_completed = await kitchen.bakery.run(CHECK, {"batchId": completed, "input": crumb("10")})
    listed = await kitchen.bakery.run(BATCH_CHECKS)

    assert first.data["recordQualityCheck"] == {
        "qualityCheck": {
            "checkType": "Miga",
            "passed": True,
            "score": "8.50",
            "notes": "Esponjosa",
            "checkedBy": {"id": member.id},
        },
        "errors": [],
    }
    assert second.data["recordQualityCheck"]["errors"] == []
    assert on_completed.data["recordQualityCheck"]["errors"] == []
    checks = {
        n["id"]: n["qualityChecks"] for n in listed.data["tenant"]["productionBatches"]["nodes"]
    }
    assert checks[in_progress] == [
        {"checkType": "Miga", "passed": True, "score": "8.50"},
        {"checkType": "Corteza", "passed": False, "score": None},
    ]
    assert checks[completed] == [{"checkType": "Miga", "passed": True, "score": "10.00"}]


async def test_record_quality_check_refused_on_planned_or_cancelled_batches(
    client: GraphQLClient,
) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    planned, cancelled = await kitchen.plan(), await kitchen.plan()
    await kitchen.bakery.run(CANCEL, {"id": cancelled})

    for batch_id in (planned, cancelled):
        result = await kitchen.bakery.run(CHECK, {"batchId": batch_id, "input": crumb()})
        assert result.data["recordQualityCheck"]["qualityCheck"] is None
        assert problems(result.data["recordQualityCheck"]["errors"]) == [
            ("INVALID_STATUS", "batchId")
        ]


async def test_record_quality_check_refuses_bad_input(client: GraphQLClient) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    batch_id = await kitchen.started()

    too_high = await kitchen.bakery.run(CHECK, {"batchId": batch_id, "input": crumb("10.5")})
    negative = await kitchen.bakery.run(
        CHECK, {"batchId": batch_id, "input": {**crumb("-1"), "checkType": " "}}
    )

    assert problems(too_high.data["recordQualityCheck"]["errors"]) == [("INVALID_INPUT", "score")]
    assert sorted(problems(negative.data["recordQualityCheck"]["errors"])) == [
        ("INVALID_INPUT", "checkType"),
        ("INVALID_INPUT", "score"),
    ]


async def test_record_quality_check_on_a_batch_not_here(client: GraphQLClient) -> None:
    kitchen = await Kitchen.open(await Bakery.open(client))
    other = await Kitchen.open(await Bakery.open(client))
    [viewer] = await members(kitchen.bakery, "VIEWER")
    foreign = await other.started()
    mine = await kitchen.started()

    not_here = await kitchen.bakery.run(CHECK, {"batchId": foreign, "input": crumb()})
    unknown = await kitchen.bakery.run(CHECK, {"batchId": str(uuid.uuid4()), "input": crumb()})
    as_viewer = await client.execute(
        CHECK, {"tenantId": kitchen.bakery.id, "batchId": mine, "input": crumb()}, as_=viewer
    )
    malformed = await kitchen.bakery.run(CHECK, {"batchId": "b", "input": crumb()})

    for result in (not_here, unknown):
        assert problems(result.data["recordQualityCheck"]["errors"]) == [("NOT_FOUND", "batchId")]
    assert as_viewer.codes == ["FORBIDDEN"]
    assert malformed.codes == ["BAD_USER_INPUT"]
