"""What row-level security costs: the same reads through the gateway with and without it.

A second gateway on the same database connects as the tables' owner, whom the policies do not
apply to; everything else is the same. Both serve the nested recipes read, timed in
alternation: once for one caller (each pooled connection keeps its scope), and once with two
callers of two bakeries taking turns, so most checkouts change the connection's scope.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from itertools import cycle

import httpx
from asgi_lifespan import LifespanManager

from bench.client import Account, GraphQLClient, SetupError
from bench.environment import Environment, bench_settings
from bench.harness import Comparison
from bench.recipes_latency import NESTED_RECIPES, bakery_with_recipes
from bench.timing import measure_side_by_side
from gateway.app import create_app


@asynccontextmanager
async def gateway_without_row_security(environment: Environment) -> AsyncIterator[GraphQLClient]:
    """A gateway on the benchmark's database acting as the URL's user: policies bypassed."""
    url = environment.engine.url.render_as_string(hide_password=False)
    settings = bench_settings(url).model_copy(update={"database_role": "", "run_worker": False})
    app = create_app(settings, configure_logs=False)
    async with (
        LifespanManager(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as http,
    ):
        yield GraphQLClient(http)


async def row_security_cost(environment: Environment, iterations: int) -> list[Comparison]:
    """The nested recipes read with policies against without, for one caller and for two."""
    secured = environment.client
    bakeries = [await bakery_with_recipes(secured) for _ in range(2)]
    async with gateway_without_row_security(environment) as bypassing:
        for owner, tenant_id in bakeries:
            with_policies = await secured.execute(NESTED_RECIPES, {"id": tenant_id}, as_=owner)
            without = await bypassing.execute(NESTED_RECIPES, {"id": tenant_id}, as_=owner)
            if with_policies != without:
                raise SetupError("the two gateways served different data")
        return [
            await _compare(
                "recipes, RLS, 1 caller",
                _reads(secured, bakeries[:1]),
                _reads(bypassing, bakeries[:1]),
                iterations,
            ),
            await _compare(
                "recipes, RLS, 2 callers",
                _reads(secured, bakeries),
                _reads(bypassing, bakeries),
                iterations,
            ),
        ]


def _reads(
    client: GraphQLClient, bakeries: list[tuple[Account, str]]
) -> Callable[[], Awaitable[object]]:
    """The read, as each bakery's owner in turn."""
    turns = cycle(bakeries)

    def read() -> Awaitable[object]:
        owner, tenant_id = next(turns)
        return client.post(NESTED_RECIPES, {"id": tenant_id}, as_=owner)

    return read


async def _compare(
    name: str,
    subject: Callable[[], Awaitable[object]],
    baseline: Callable[[], Awaitable[object]],
    iterations: int,
) -> Comparison:
    secured, bypassing = await measure_side_by_side(subject, baseline, iterations=iterations)
    return Comparison(
        name=name,
        subject=secured,
        baseline_name="RLS bypassed",
        baseline=bypassing,
    )
