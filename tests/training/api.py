"""Shared by the forecasting and training tests: sales history, the API calls, a real worker."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import orjson
from pgqueuer.models import Job
from sqlalchemy import text
from starlette.applications import Starlette

from domains.forecasting.domain import DOMAIN as FORECASTING
from domains.kernel.jobs import JobHandler
from domains.sales import service as sales
from domains.sales.kinds import SalesChannel
from domains.sales.records import SaleLine
from domains.training.domain import DOMAIN as TRAINING
from gateway.jobs.worker import JobWorker, running_in_background
from tests.support import Bakery, Result

TODAY = datetime.now(UTC).date()
PLACES = Decimal("0.001")

REQUEST_FORECAST = """
mutation($tenantId: ID!, $productId: ID!, $horizonDays: Int!) {
  requestForecast(tenantId: $tenantId, productId: $productId, horizonDays: $horizonDays) {
    forecast { id status horizonDays modelId } errors { code field }
  }
}
"""
START_TRAINING = """
mutation($tenantId: ID!, $productIds: [ID!]) {
  startTrainingJob(tenantId: $tenantId, productIds: $productIds) {
    job { id status productIds } errors { code field }
  }
}
"""
FORECASTS = """
query($tenantId: ID!, $productId: ID) {
  tenant(id: $tenantId) {
    forecasts(first: 100, productId: $productId) {
      nodes { id status error horizonDays modelId model { version }
              points { date predicted lowerBound upperBound } }
    }
  }
}
"""
TRAINING_QUERY = """
query($tenantId: ID!, $productId: ID) {
  tenant(id: $tenantId) {
    trainingJobs(first: 100) {
      nodes { id status error startedAt finishedAt metrics { productId mae rmse } }
    }
    models(first: 100, productId: $productId) {
      nodes { id productId version active algorithm weekdayMeans residualStd mae rmse
              product { name } }
    }
  }
}
"""


def exact(value: Decimal) -> Decimal:
    return value.quantize(PLACES, rounding=ROUND_HALF_UP)


def monday_quantity(days_ago: int) -> int:
    """8 and 12 on alternate Mondays (so each pair of weeks averages 10)."""
    return 8 if (days_ago - 1) // 7 % 2 == 0 else 12


def crafted_quantity(day: date) -> int:
    """The crafted history: 8 or 12 on Mondays (mean 10), 4 on every other day."""
    return monday_quantity((TODAY - day).days) if day.weekday() == 0 else 4


async def sell_history(
    app: Starlette,
    bakery: Bakery,
    product_id: str,
    quantity: Callable[[date], int] = crafted_quantity,
    days: int = 56,
) -> None:
    """Sales of `product_id` at noon on each of the `days` days before today."""
    engine = app.state.resources.database.engine
    async with engine.begin() as connection:
        for days_ago in range(1, days + 1):
            day = TODAY - timedelta(days=days_ago)
            if (sold := quantity(day)) > 0:
                await sales.record_sales(
                    connection,
                    tenant_id=uuid.UUID(bakery.id),
                    lines=[SaleLine(uuid.UUID(product_id), Decimal(sold), Decimal("1.00"))],
                    channel=SalesChannel.ONLINE,
                    pos_transaction_id=None,
                    sold_at=datetime.combine(day, time(12), tzinfo=UTC),
                )


async def request_forecast(bakery: Bakery, product_id: str, horizon_days: int = 14) -> Result:
    return await bakery.run(
        REQUEST_FORECAST, {"productId": product_id, "horizonDays": horizon_days}
    )


async def forecast_id(bakery: Bakery, product_id: str, horizon_days: int = 14) -> str:
    result = await request_forecast(bakery, product_id, horizon_days)
    payload = result.data["requestForecast"]
    assert payload["errors"] == [], result.body
    found: str = payload["forecast"]["id"]
    return found


async def start_training(bakery: Bakery, product_ids: list[str] | None = None) -> Result:
    return await bakery.run(START_TRAINING, {"productIds": product_ids})


async def training_job_id(bakery: Bakery, product_ids: list[str] | None = None) -> str:
    result = await start_training(bakery, product_ids)
    payload = result.data["startTrainingJob"]
    assert payload["errors"] == [], result.body
    found: str = payload["job"]["id"]
    return found


async def forecasts(bakery: Bakery, product_id: str | None = None) -> list[dict[str, Any]]:
    result = await bakery.run(FORECASTS, {"productId": product_id})
    assert result.errors == [], result.body
    nodes: list[dict[str, Any]] = result.data["tenant"]["forecasts"]["nodes"]
    return nodes


async def training(bakery: Bakery, product_id: str | None = None) -> dict[str, Any]:
    result = await bakery.run(TRAINING_QUERY, {"productId": product_id})
    assert result.errors == [], result.body
    tenant: dict[str, Any] = result.data["tenant"]
    return tenant


async def queued_jobs(app: Starlette, tenant_id: str) -> int:
    """Jobs of this tenant in the queue, whatever their status."""
    async with app.state.resources.database.read() as connection:
        count = await connection.scalar(
            text(
                "SELECT count(*) FROM pgqueuer WHERE (entrypoint LIKE 'forecasting.%' OR "
                "entrypoint LIKE 'training.%') AND "
                "convert_from(payload, 'UTF8')::jsonb ->> 'tenant_id' = :tenant"
            ),
            {"tenant": tenant_id},
        )
    return int(count or 0)


# Jobs the test workers finished (committed), by the id in their payload; the condition is made
# per worker, as test modules may run on different event loops.
finished: Counter[str] = Counter()
_finished = asyncio.Condition()


class NotifyingWorker(JobWorker):
    """A real worker that also notes each job once its transaction has committed."""

    def _run_in_transaction(
        self, name: str, handler: JobHandler
    ) -> Callable[[Job], Awaitable[None]]:
        run = super()._run_in_transaction(name, handler)

        async def run_and_note(job: Job) -> None:
            await run(job)
            payload = orjson.loads(job.payload) if job.payload else {}
            async with _finished:
                finished[str(payload.get("forecast_id") or payload.get("job_id"))] += 1
                _finished.notify_all()

        return run_and_note


@asynccontextmanager
async def worker(app: Starlette, database_url: str) -> AsyncIterator[None]:
    """The forecasting and training jobs running beside the block."""
    global _finished
    _finished = asyncio.Condition()
    job_worker = NotifyingWorker(
        database_url=database_url,
        database=app.state.resources.database,
        domains=[FORECASTING, TRAINING],
        concurrency=2,
        poll_interval=timedelta(seconds=0.5),
    )
    async with running_in_background(job_worker):
        yield


async def wait_for(*ids: str, within: float = 30) -> None:
    """Wait until the jobs of these forecasts or training jobs have committed."""
    try:
        async with asyncio.timeout(within), _finished:
            await _finished.wait_for(lambda: all(finished[each] >= 1 for each in ids))
    except TimeoutError:
        raise AssertionError(f"not finished: {[i for i in ids if not finished[i]]}") from None


async def run_jobs(app: Starlette, database_url: str, *ids: str) -> None:
    """Run a worker until the jobs of these ids have committed."""
    async with worker(app, database_url):
        await wait_for(*ids)
