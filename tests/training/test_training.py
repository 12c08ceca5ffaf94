"""startTrainingJob: a model version per product, fitted by a real worker, made active."""

from __future__ import annotations

from decimal import Decimal

from starlette.applications import Starlette

from tests.support import Bakery, GraphQLClient
from tests.training.api import (
    exact,
    forecast_id,
    forecasts,
    run_jobs,
    sell_history,
    start_training,
    training,
    training_job_id,
)

# The crafted history (Mondays 8 or 12 alternately, 4 otherwise) over 8 weeks: the hold-out
# (last 2 weeks) has one Monday of each, predicted 10 by the 6 weeks before: errors 2, 2, 0...
MAE = exact(Decimal(4) / 14)
RMSE = exact((Decimal(8) / 14).sqrt())
STD = exact((Decimal(32) / 56).sqrt())
MEANS = ["10.000", *["4.000"] * 6]


async def test_start_training_job_fits_a_model_with_hold_out_metrics(
    client: GraphQLClient, app: Starlette, database_url: str
) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product("Pan de pueblo")
    await sell_history(app, bakery, bread)

    result = await start_training(bakery, [bread])
    job = result.data["startTrainingJob"]["job"]
    assert job["status"] == "QUEUED"
    await run_jobs(app, database_url, job["id"])

    tenant = await training(bakery)
    [done] = tenant["trainingJobs"]["nodes"]
    assert done["status"] == "COMPLETED"
    assert done["startedAt"] is not None
    assert done["finishedAt"] is not None
    assert done["metrics"] == [{"productId": bread, "mae": str(MAE), "rmse": str(RMSE)}]
    [model] = tenant["models"]["nodes"]
    assert model == {
        "id": model["id"],
        "productId": bread,
        "version": 1,
        "active": True,
        "algorithm": "weekday_mean",
        "weekdayMeans": MEANS,
        "residualStd": str(STD),
        "mae": str(MAE),
        "rmse": str(RMSE),
        "product": {"name": "Pan de pueblo"},
    }


async def test_a_second_training_makes_version_2_active_and_version_1_inactive(
    client: GraphQLClient, app: Starlette, database_url: str
) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    await sell_history(app, bakery, bread)
    await run_jobs(app, database_url, await training_job_id(bakery))  # all products with sales

    await run_jobs(app, database_url, await training_job_id(bakery, [bread]))

    models = (await training(bakery, bread))["models"]["nodes"]
    assert sorted((m["version"], m["active"]) for m in models) == [(1, False), (2, True)]


async def test_request_forecast_after_training_uses_the_active_model(
    client: GraphQLClient, app: Starlette, database_url: str
) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    await sell_history(app, bakery, bread)
    await run_jobs(app, database_url, await training_job_id(bakery, [bread]))
    [model] = (await training(bakery))["models"]["nodes"]

    await run_jobs(app, database_url, await forecast_id(bakery, bread, 7))

    [forecast] = await forecasts(bakery)
    assert forecast["status"] == "COMPLETED"
    assert forecast["modelId"] == model["id"]
    assert forecast["model"] == {"version": 1}
    assert sorted({p["predicted"] for p in forecast["points"]}) == ["10.000", "4.000"]


async def test_training_a_product_without_sales_fails_without_partial_models(
    client: GraphQLClient, app: Starlette, database_url: str
) -> None:
    bakery = await Bakery.open(client)
    sold, unsold = await bakery.product(), await bakery.product()
    await sell_history(app, bakery, sold)

    await run_jobs(app, database_url, await training_job_id(bakery, [sold, unsold]))

    tenant = await training(bakery)
    [job] = tenant["trainingJobs"]["nodes"]
    assert job["status"] == "FAILED"
    assert unsold in job["error"]
    assert tenant["models"]["nodes"] == []


async def test_start_training_job_is_for_owners_and_admins(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    admin, member = await client.sign_up(), await client.sign_up()
    await client.add_member(bakery.id, admin, "ADMIN", by=bakery.owner)
    await client.add_member(bakery.id, member, "MEMBER", by=bakery.owner)
    query = """mutation($tenantId: ID!) {
      startTrainingJob(tenantId: $tenantId) { job { status } errors { code } } }"""

    as_admin = await client.execute(query, {"tenantId": bakery.id}, as_=admin)
    as_member = await client.execute(query, {"tenantId": bakery.id}, as_=member)

    assert as_admin.data["startTrainingJob"]["job"]["status"] == "QUEUED"
    assert as_member.codes == ["FORBIDDEN"]


async def test_start_training_job_of_another_tenants_product_is_not_found(
    client: GraphQLClient,
) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)

    result = await start_training(bakery, [await other.product()])

    assert result.data["startTrainingJob"]["errors"] == [
        {"code": "NOT_FOUND", "field": "productIds"}
    ]
