"""`make soak`: many clients against `gateway serve --workers 2`, with PostgreSQL restarted midway.

`python -m bench.soak` starts the gateway as operators run it (two worker processes, the job
worker in-process) on a fresh database, fills a few bakeries through the API, then runs
`SOAK_CLIENTS` clients (default 100) for `SOAK_SECONDS` (default 60) mixing reads, writes
(orders, stock adjustments), demo sessions where the schema has them, and tenant deletions.

On the embedded PostgreSQL, the server is stopped a third of the way in and started again
`OUTAGE_SECONDS` later (long enough for a load balancer's probe to see it). While it is away,
requests must fail fast with SERVICE_UNAVAILABLE and `/readyz` must go red; once it is back,
`/readyz` turns green and requests succeed again, without restarting the gateway. At the end,
every order the gateway acknowledged must be in the database: nothing committed is lost.

Exit status 1 when any request failed outside the outage, or failed slowly or with another code
during it, or an acknowledged write is missing. Figures: requests, p50/p99 per action.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

from bench.environment import SECRET, server_url
from db.engine import create_engine
from db.provisioning import drop_database, ensure_database
from gateway.logging import configure_logging
from gateway.runtime import migrate

CLIENTS = int(os.environ.get("SOAK_CLIENTS", 100))
SECONDS = float(os.environ.get("SOAK_SECONDS", 60))
BAKERIES = 8
FAST_FAILURE_SECONDS = 7.0
OUTAGE_SECONDS = 3.0
"""A request during the outage must fail within this (the pool timeout is 5 s)."""

READ = """query($t: ID!) { tenant(id: $t) {
  ingredients(first: 20) { totalCount nodes { name onHand } }
  products(first: 20) { nodes { name salePrice } }
} }"""
ORDERS = """query($t: ID!) { tenant(id: $t) {
  orders(first: 20) { totalCount nodes { status total items { quantity product { name } } } }
} }"""
CREATE_ORDER = """mutation($t: ID!, $input: CreateOrderInput!) {
  createOrder(tenantId: $t, input: $input) { order { id } errors { code message } } }"""
ADJUST = """mutation($t: ID!, $input: AdjustStockInput!) {
  adjustStock(tenantId: $t, input: $input) { errors { code message } } }"""
SIGN_UP = """mutation($input: SignUpInput!) {
  signUp(input: $input) { accessToken user { id } errors { code } } }"""
CREATE_TENANT = """mutation($input: CreateTenantInput!) {
  createTenant(input: $input) { tenant { id } errors { code } } }"""
DELETE_TENANT = """mutation($t: ID!) {
  deleteTenant(tenantId: $t, reason: "soak", mode: IMMEDIATE) { job { id } errors { code } } }"""
CREATE_DEMO = """mutation { createDemoSession(accountType: INDIVIDUAL_BAKERY) {
  session { id virtualTenantId } errors { code } } }"""
DEMO_READ = """query($t: ID!) { tenant(id: $t) { products(first: 5) { nodes { name } } } }"""


@dataclass
class Bakery:
    """A bakery the clients work on: its owner's headers, products, customer, ingredients."""

    id: str
    headers: dict[str, str]
    products: list[str]
    ingredients: list[str]
    customer: str


@dataclass
class Tally:
    """What the clients saw."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    failures: list[tuple[float, str, str, float]] = field(default_factory=list)
    """(when the failing request went out, since the start; action; what went wrong; seconds
    that request took)."""
    acknowledged_orders: set[str] = field(default_factory=set)


class Failed(Exception):
    """A request that did not succeed; the message says how.

    `sent` is when that request (not the action it belongs to) went out, `took` how long it took
    to fail: an action of several requests may have spent seconds on the ones that succeeded.
    """

    def __init__(self, what: str, sent: float) -> None:
        super().__init__(what)
        self.sent = sent
        self.took = time.monotonic() - sent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def call(
    http: httpx.AsyncClient,
    document: str,
    variables: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The `data` of one operation; Failed with the error codes (or HTTP status) otherwise."""
    sent = time.monotonic()
    try:
        response = await http.post(
            "/graphql", json={"query": document, "variables": variables or {}}, headers=headers
        )
    except httpx.TransportError as error:
        raise Failed(f"transport:{type(error).__name__}", sent) from None
    try:
        body = response.json()
    except ValueError:
        raise Failed(f"http:{response.status_code}", sent) from None
    if response.status_code >= 500 and not body.get("errors"):
        raise Failed(f"http:{response.status_code}", sent)
    if body.get("errors"):
        codes = sorted({e.get("extensions", {}).get("code", "?") for e in body["errors"]})
        raise Failed(",".join(codes), sent)
    data: dict[str, Any] = body["data"]
    payload = next(iter(data.values()))
    if isinstance(payload, dict) and payload.get("errors"):
        raise Failed("payload:" + ",".join(e["code"] for e in payload["errors"]), sent)
    return data


async def account(http: httpx.AsyncClient) -> dict[str, str]:
    """A new account's headers."""
    email = f"soak-{uuid.uuid4().hex[:12]}@example.com"
    variables = {"input": {"email": email, "password": "soak password 123", "fullName": "Soak"}}
    data = await call(http, SIGN_UP, variables)
    return {"Authorization": f"Bearer {data['signUp']['accessToken']}"}


async def tenant(http: httpx.AsyncClient, headers: dict[str, str]) -> str:
    variables = {"input": {"name": "Soak Bakery", "businessModel": "INDIVIDUAL_BAKERY"}}
    tenant_id: str = (await call(http, CREATE_TENANT, variables, headers))["createTenant"][
        "tenant"
    ]["id"]
    return tenant_id


async def bakery(http: httpx.AsyncClient) -> Bakery:
    """A bakery with stocked ingredients, products and a customer, built through the API."""
    headers = await account(http)
    tenant_id = await tenant(http, headers)
    ingredients, products = [], []
    for index in range(5):
        made = await call(
            http,
            """mutation($t: ID!, $input: CreateIngredientInput!) {
                 createIngredient(tenantId: $t, input: $input) {
                   ingredient { id } errors { code } } }""",
            {"t": tenant_id, "input": {"name": f"Harina {index}", "category": "S", "unit": "KG"}},
            headers,
        )
        ingredients.append(made["createIngredient"]["ingredient"]["id"])
        made = await call(
            http,
            """mutation($t: ID!, $input: CreateProductInput!) {
                 createProduct(tenantId: $t, input: $input) { product { id } errors { code } } }""",
            {
                "t": tenant_id,
                "input": {
                    "name": f"Pan {index}",
                    "kind": "FINISHED",
                    "unit": "UNIT",
                    "salePrice": "1.10",
                },
            },
            headers,
        )
        products.append(made["createProduct"]["product"]["id"])
    made = await call(
        http,
        """mutation($t: ID!, $input: CreateCustomerInput!) {
             createCustomer(tenantId: $t, input: $input) { customer { id } errors { code } } }""",
        {"t": tenant_id, "input": {"name": "Cafetería Sol"}},
        headers,
    )
    customer = made["createCustomer"]["customer"]["id"]
    return Bakery(tenant_id, headers, products, ingredients, customer)


async def client(
    http: httpx.AsyncClient,
    bakeries: list[Bakery],
    tally: Tally,
    started: float,
    deadline: float,
    demo: bool,
    seed: int,
) -> None:
    """One client: actions picked at random until the deadline."""
    pick = random.Random(seed)
    tomorrow = (datetime.now(UTC).date() + timedelta(days=1)).isoformat()
    while time.monotonic() < deadline:
        shop = pick.choice(bakeries)
        roll = pick.random()
        began = time.monotonic()
        try:
            if roll < 0.45:
                action = "read catalog"
                await call(http, READ, {"t": shop.id}, shop.headers)
            elif roll < 0.65:
                action = "read orders"
                await call(http, ORDERS, {"t": shop.id}, shop.headers)
            elif roll < 0.85:
                action = "create order"
                items = [
                    {"productId": product, "quantity": str(pick.randint(1, 5))}
                    for product in pick.sample(shop.products, 2)
                ]
                created = await call(
                    http,
                    CREATE_ORDER,
                    {
                        "t": shop.id,
                        "input": {
                            "customerId": shop.customer,
                            "deliveryDate": tomorrow,
                            "items": items,
                        },
                    },
                    shop.headers,
                )
                tally.acknowledged_orders.add(created["createOrder"]["order"]["id"])
            elif roll < 0.95:
                action = "adjust stock"
                await call(
                    http,
                    ADJUST,
                    {
                        "t": shop.id,
                        "input": {
                            "ingredientId": pick.choice(shop.ingredients),
                            "quantity": "1",
                            "reason": "soak",
                        },
                    },
                    shop.headers,
                )
            elif roll < 0.98 and demo:
                action = "demo session"
                session = (await call(http, CREATE_DEMO))["createDemoSession"]["session"]
                await call(
                    http,
                    DEMO_READ,
                    {"t": session["virtualTenantId"]},
                    {"X-Demo-Session-Id": session["id"]},
                )
            else:
                action = "delete tenant"
                headers = await account(http)
                doomed = await tenant(http, headers)
                await call(http, DELETE_TENANT, {"t": doomed}, headers)
        except Failed as failure:
            tally.failures.append((failure.sent - started, action, str(failure), failure.took))
            continue
        tally.latencies[action].append(time.monotonic() - began)


async def watch_readiness(
    base_url: str, started: float, deadline: float, timeline: list[tuple[float, int]]
) -> None:
    """Record /readyz's status every 200 ms, keeping each change.

    On a connection of its own, as a load balancer's probe would be: not in line behind the
    clients' requests in their client's pool.
    """
    last = None
    async with httpx.AsyncClient(base_url=base_url, timeout=3) as probe:
        while time.monotonic() < deadline:
            try:
                status = (await probe.get("/readyz")).status_code
            except httpx.TransportError:
                status = 0
            if status != last:
                timeline.append((time.monotonic() - started, status))
                last = status
            await asyncio.sleep(0.2)


def restart_embedded_postgres(pgdata: Path) -> None:
    """Stop the embedded server (fast: open connections are cut), wait, start it again.

    pgserver runs PostgreSQL as its own system user when started by root; its `pg_ctl` wrapper
    (made at import, so looked up by name) runs the command as that user. `restart` of a stopped
    server starts it with the options it last ran with.
    """
    from pgserver.postgres_server import get_server

    commands = importlib.import_module("pgserver._commands")
    server: Any = get_server(pgdata, cleanup_mode=None)
    commands.pg_ctl(
        ["-w", "stop", "-m", "fast"], pgdata=pgdata, user=server.system_user, timeout=60
    )
    time.sleep(OUTAGE_SECONDS)
    commands.pg_ctl(["-w", "restart"], pgdata=pgdata, user=server.system_user, timeout=60)


async def soak() -> int:
    """The whole run; the process exit status."""
    server = server_url()
    embedded = "BENCH_DATABASE_URL" not in os.environ
    data_dir = await asyncio.to_thread(
        lambda: Path(os.environ.get("GATEWAY_DATA_DIR", ".data")).resolve()
    )
    name = f"soak_{secrets.token_hex(4)}"
    url = (await ensure_database(server, name)).render_as_string(hide_password=False)
    engine = create_engine(url)
    port = free_port()
    process: subprocess.Popen[bytes] | None = None
    try:
        await migrate(engine)
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "GATEWAY_JWT_SECRET": SECRET,
            "GATEWAY_ENVIRONMENT": "production",
            # Errors only: every request failing during the outage logs a warning.
            "GATEWAY_LOG_LEVEL": "ERROR",
            "GATEWAY_ARGON2_TIME_COST": "1",
            "GATEWAY_ARGON2_MEMORY_COST_KIB": "1024",
            "GATEWAY_ARGON2_PARALLELISM": "1",
            "GATEWAY_DATA_DIR": str(data_dir / name),
            # Every client comes from 127.0.0.1: the per-address demo limit would refuse them.
            "GATEWAY_DEMO_MAX_SESSIONS_PER_CLIENT": "1000000",
        }
        gateway = str(Path(sys.executable).parent / "gateway")
        process = subprocess.Popen(  # noqa: S603, ASYNC220 - our own command, started once
            [gateway, "serve", "--port", str(port), "--workers", "2", "--no-migrate"],
            env=env,
            stdout=subprocess.DEVNULL,
        )
        limits = httpx.Limits(max_connections=CLIENTS + 10, max_keepalive_connections=CLIENTS)
        async with httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{port}", timeout=30, limits=limits
        ) as http:
            await wait_ready(http)
            bakeries = [await bakery(http) for _ in range(BAKERIES)]
            schema = await http.post(
                "/graphql", json={"query": '{ __type(name: "Mutation") { fields { name } } }'}
            )
            fields = {f["name"] for f in schema.json()["data"]["__type"]["fields"]}
            demo = "createDemoSession" in fields
            return await run_load(http, bakeries, engine, data_dir if embedded else None, demo)
    finally:
        if process is not None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)
        await engine.dispose()
        await drop_database(server, name)


async def wait_ready(http: httpx.AsyncClient) -> None:
    for _ in range(300):
        try:
            if (await http.get("/readyz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.2)
    raise RuntimeError("the gateway did not become ready")


async def run_load(
    http: httpx.AsyncClient,
    bakeries: list[Bakery],
    engine: Any,
    embedded_data: Path | None,
    demo: bool,
) -> int:
    tally = Tally()
    timeline: list[tuple[float, int]] = []
    started = time.monotonic()
    deadline = started + SECONDS
    tasks = [
        asyncio.create_task(client(http, bakeries, tally, started, deadline, demo, seed))
        for seed in range(CLIENTS)
    ]
    tasks.append(
        asyncio.create_task(watch_readiness(str(http.base_url), started, deadline, timeline))
    )
    outage: tuple[float, float] | None = None
    if embedded_data is not None:
        await asyncio.sleep(SECONDS / 3)
        pgdata = embedded_data / "postgres"
        down = time.monotonic() - started
        await asyncio.to_thread(restart_embedded_postgres, pgdata)
        outage = (down, time.monotonic() - started)
    await asyncio.gather(*tasks)
    await engine.dispose()  # its pooled connections did not survive the restart
    return await report(tally, timeline, outage, engine, bakeries)


async def report(
    tally: Tally,
    timeline: list[tuple[float, int]],
    outage: tuple[float, float] | None,
    engine: Any,
    bakeries: list[Bakery],
) -> int:
    problems: list[str] = []
    recovery = 10.0  # seconds after the restart for pools to replace their dead connections
    in_outage, outside = [], []
    for failure in tally.failures:
        began, _, _, took = failure
        # An action of several requests may start before the outage and fail inside it.
        if outage and outage[0] - 1 <= began + took and began <= outage[1] + recovery:
            in_outage.append(failure)
        else:
            outside.append(failure)
    total = sum(len(values) for values in tally.latencies.values())
    print(f"soak: {CLIENTS} clients, {SECONDS:.0f} s, {total:,} requests succeeded", flush=True)
    every = [value for values in tally.latencies.values() for value in values]
    for action, values in [*sorted(tally.latencies.items()), ("all", every)]:
        if values:
            ordered = sorted(values)
            p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
            p50 = statistics.median(values)
            figures = f"p50 {p50 * 1000:7.1f} ms  p99 {p99 * 1000:7.1f} ms"
            print(f"  {action:<14} {len(values):>7,} ok  {figures}")
    if outside:
        kinds = Counter(f"{action}: {what}" for _, action, what, _ in outside)
        first = ", ".join(
            f"{what} in {action} at {moment:.1f} s" for moment, action, what, _ in outside[:5]
        )
        problems.append(f"{len(outside)} failures outside the outage: {dict(kinds)} ({first})")
    if outage:
        kinds = Counter(what for _, _, what, _ in in_outage)
        slowest = max((took for *_, took in in_outage), default=0.0)
        statuses = [status for _, status in timeline]
        print(
            f"  outage: PostgreSQL stopped at {outage[0]:.1f} s, back at {outage[1]:.1f} s; "
            f"{len(in_outage)} requests failed meanwhile {dict(kinds)}, slowest in "
            f"{slowest:.2f} s; /readyz: {[(round(t, 1), s) for t, s in timeline]}"
        )
        unexpected = {kind for kind in kinds if "SERVICE_UNAVAILABLE" not in kind}
        if unexpected:
            problems.append(f"failures during the outage other than SERVICE_UNAVAILABLE: {kinds}")
        if slowest > FAST_FAILURE_SECONDS:
            problems.append(f"a request took {slowest:.1f} s to fail during the outage")
        if 503 not in statuses or statuses[-1] != 200:
            problems.append(f"/readyz did not go red then green: {timeline}")
    async with engine.connect() as connection:
        stored = await connection.scalar(
            text("SELECT count(*) FROM orders.orders WHERE tenant_id = ANY(CAST(:ids AS uuid[]))"),
            {"ids": [shop.id for shop in bakeries]},
        )
    print(f"  orders acknowledged {len(tally.acknowledged_orders):,}, stored {stored:,}")
    if stored < len(tally.acknowledged_orders):
        problems.append("an acknowledged order is missing")
    for problem in problems:
        print(f"  FAILED: {problem}", flush=True)
    return 1 if problems else 0


def main() -> int:
    configure_logging("WARNING")
    return asyncio.run(soak())


if __name__ == "__main__":
    sys.exit(main())
