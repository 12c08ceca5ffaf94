"""requestForecast: queued in the mutation's transaction, computed by a real worker."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

from starlette.applications import Starlette

from domains.forecasting import service
from tests.support import Bakery, GraphQLClient
from tests.training.api import (
    TODAY,
    exact,
    forecast_id,
    forecasts,
    queued_jobs,
    request_forecast,
    run_jobs,
    sell_history,
)

# The crafted history: Mondays 8 and 12 alternately, 4 on other days; residuals ±2 on the 8
# Mondays of 56 days, 0 elsewhere.
STD = exact((Decimal(8 * 4) / 56).sqrt())
MARGIN = exact(Decimal("1.96") * STD)


def expected_point(day: date) -> dict[str, str]:
    predicted = Decimal(10 if day.weekday() == 0 else 4)
    return {
        "date": day.isoformat(),
        "predicted": str(exact(predicted)),
        "lowerBound": str(exact(predicted - MARGIN)),
        "upperBound": str(exact(predicted + MARGIN)),
    }


async def test_request_forecast_is_queued_then_computed_from_weekday_means(
    client: GraphQLClient, app: Starlette, database_url: str
) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    await sell_history(app, bakery, bread)

    result = await request_forecast(bakery, bread, 10)
    payload = result.data["requestForecast"]
    assert payload["errors"] == []
    assert payload["forecast"]["status"] == "QUEUED"
    assert payload["forecast"]["horizonDays"] == 10
    await run_jobs(app, database_url, payload["forecast"]["id"])

    [forecast] = await forecasts(bakery)
    assert forecast["status"] == "COMPLETED"
    assert forecast["modelId"] is None
    assert forecast["points"] == [expected_point(TODAY + timedelta(days=n)) for n in range(10)]


async def test_request_forecast_without_sales_predicts_zero_never_below(
    client: GraphQLClient, app: Starlette, database_url: str
) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()

    await run_jobs(app, database_url, await forecast_id(bakery, bread, 3))

    [forecast] = await forecasts(bakery)
    assert forecast["status"] == "COMPLETED"
    assert {(p["predicted"], p["lowerBound"], p["upperBound"]) for p in forecast["points"]} == {
        ("0.000", "0.000", "0.000")
    }


async def test_compute_forecast_twice_changes_nothing(
    client: GraphQLClient, app: Starlette, database_url: str
) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    await sell_history(app, bakery, bread)
    forecast = await forecast_id(bakery, bread, 7)
    await run_jobs(app, database_url, forecast)
    [before] = await forecasts(bakery)

    # A job delivered a second time (at least once delivery).
    async with app.state.resources.database.transaction() as connection:
        await service.compute_forecast(
            connection, {"tenant_id": bakery.id, "forecast_id": forecast}
        )

    assert await forecasts(bakery) == [before]
    assert len(before["points"]) == 7


async def test_request_forecast_of_a_missing_product_enqueues_nothing(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery = await Bakery.open(client)

    result = await request_forecast(bakery, str(uuid.uuid4()))

    assert result.data["requestForecast"]["errors"] == [{"code": "NOT_FOUND", "field": "productId"}]
    assert await forecasts(bakery) == []
    assert await queued_jobs(app, bakery.id) == 0


async def test_request_forecast_of_another_tenants_product_is_not_found(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    theirs = await other.product()

    result = await request_forecast(bakery, theirs)

    assert result.data["requestForecast"]["errors"] == [{"code": "NOT_FOUND", "field": "productId"}]
    assert await queued_jobs(app, bakery.id) == 0


async def test_request_forecast_horizon_outside_1_to_90_is_refused(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()

    for horizon in (0, 91):
        result = await request_forecast(bakery, bread, horizon)
        assert result.data["requestForecast"]["errors"] == [
            {"code": "INVALID_INPUT", "field": "horizonDays"}
        ]
    assert await forecasts(bakery) == []
    assert await queued_jobs(app, bakery.id) == 0


async def test_request_forecast_is_for_members_not_viewers(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    member, viewer = await client.sign_up(), await client.sign_up()
    await client.add_member(bakery.id, member, "MEMBER", by=bakery.owner)
    await client.add_member(bakery.id, viewer, "VIEWER", by=bakery.owner)
    variables = {"tenantId": bakery.id, "productId": bread, "horizonDays": 7}
    query = """mutation($tenantId: ID!, $productId: ID!, $horizonDays: Int!) {
      requestForecast(tenantId: $tenantId, productId: $productId, horizonDays: $horizonDays) {
        forecast { status } errors { code } } }"""

    as_member = await client.execute(query, variables, as_=member)
    as_viewer = await client.execute(query, variables, as_=viewer)

    assert as_member.data["requestForecast"]["forecast"]["status"] == "QUEUED"
    assert as_viewer.codes == ["FORBIDDEN"]
