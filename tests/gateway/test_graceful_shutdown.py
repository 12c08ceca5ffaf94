"""SIGTERM lets in-flight requests finish; several workers' metrics add up."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import threading
import time
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette

from gateway.settings import Settings
from tests.conftest import TEST_SECRET
from tests.gateway.test_cli import GATEWAY, STARTUP_SECONDS, free_port
from tests.support import Bakery, GraphQLClient

DELETE = """mutation($t: ID!) { deleteTenant(tenantId: $t, reason: "cierre") {
  job { status } errors { code } } }"""


def start(settings: Settings, port: int, data_dir: str) -> subprocess.Popen[str]:
    """`gateway serve --workers 2` on the test database, without its job worker."""
    assert settings.database_url is not None
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "GATEWAY_JWT_SECRET": TEST_SECRET,
        "GATEWAY_RUN_WORKER": "false",
        "GATEWAY_DATA_DIR": data_dir,
        "GATEWAY_ENVIRONMENT": "production",
    }
    return subprocess.Popen(  # noqa: S603 - our own command
        [GATEWAY, "serve", "--port", str(port), "--workers", "2", "--no-migrate"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )


def wait_until_ready(base: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)  # polling a starting process, not timing the code under test
    raise AssertionError("gateway serve did not become ready")


async def test_sigterm_lets_an_in_flight_mutation_finish(
    client: GraphQLClient,
    settings: Settings,
    app: Starlette,
    owner_engine: AsyncEngine,
    tmp_path: Any,
) -> None:
    bakery = await Bakery.open(client)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start(settings, port, str(tmp_path / "data"))
    answer: dict[str, Any] = {}
    try:
        wait_until_ready(base)
        async with app.state.resources.database.transaction() as connection:
            # Hold the tenant's row: deleteTenant locks it first, so the request waits here.
            await connection.execute(
                text("SELECT 1 FROM tenants.tenants WHERE id = CAST(:t AS uuid) FOR UPDATE"),
                {"t": bakery.id},
            )

            def send() -> None:
                answer["response"] = httpx.post(
                    f"{base}/graphql",
                    json={"query": DELETE, "variables": {"t": bakery.id}},
                    headers=bakery.owner.headers,
                    timeout=60,
                )

            sender = threading.Thread(target=send)
            sender.start()
            waiting = text(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND query LIKE '%tenants.tenants%' AND pid <> pg_backend_pid()"
            )
            deadline = time.monotonic() + 30
            # Activity is read on a connection of its own, in autocommit: inside a transaction,
            # PostgreSQL shows the same snapshot of it every time. As the owner: the gateway's
            # role does not see other sessions' queries.
            autocommit = owner_engine.execution_options(isolation_level="AUTOCOMMIT")
            async with autocommit.connect() as observer:
                while not await observer.scalar(waiting):
                    assert time.monotonic() < deadline, f"the request never waited: {answer}"
                    await asyncio.sleep(0.05)  # polling the server's state, not timing code
            server.send_signal(signal.SIGTERM)
        sender.join(timeout=60)
        exit_code = server.wait(timeout=60)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=60)

    response = answer["response"]
    assert response.status_code == 200
    payload = response.json()["data"]["deleteTenant"]
    assert payload == {"job": {"status": "SCHEDULED"}, "errors": []}
    assert exit_code == 0


async def test_metrics_of_several_workers_add_up(settings: Settings, tmp_path: Any) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start(settings, port, str(tmp_path / "data"))
    try:
        wait_until_ready(base)
        async with httpx.AsyncClient(base_url=base) as http:
            for _ in range(6):
                await http.post("/graphql", json={"query": "query Ping { __typename }"})
            page = (await http.get("/metrics")).text
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)

    line = next(
        row
        for row in page.splitlines()
        if row.startswith("gateway_requests_total{") and 'operation="Ping"' in row
    )
    assert float(line.rsplit(" ", 1)[1]) == 6
    assert (tmp_path / "data" / "metrics").is_dir()
