"""The `gateway` command, run as a real process."""

from __future__ import annotations

import os
import queue
import secrets
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import make_url

from db.provisioning import drop_database, ensure_database
from domains.users.tokens import TokenCodec
from tests.conftest import TEST_SECRET
from tests.support import PASSWORD

GATEWAY = str(Path(sys.executable).parent / "gateway")
STARTUP_SECONDS = 60
SIGN_UP = "mutation($i: SignUpInput!) { signUp(input: $i) { user { id } errors { code } } }"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `gateway ARGS` to completion."""
    return subprocess.run(  # noqa: S603 - our own command
        [GATEWAY, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("command", ["serve", "migrate", "token", "export-schema", "makemigration"])
def test_every_command_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage" in result.stdout


def test_token_prints_a_service_jwt_on_its_last_line() -> None:
    result = run(
        "token", "--service", "billing", "--ttl", "120", env={"GATEWAY_JWT_SECRET": TEST_SECRET}
    )
    assert result.returncode == 0, result.stderr
    token = result.stdout.strip().splitlines()[-1]
    codec = TokenCodec(
        secret=TEST_SECRET,
        issuer="bakery-gateway",
        audience="bakery-platform",
        user_ttl=timedelta(hours=1),
        service_ttl=timedelta(hours=1),
    )
    claims = codec.decode(token)
    assert (claims.type, claims.subject) == ("service", "billing")


def test_token_refuses_a_bad_service_name() -> None:
    result = run("token", "--service", "no spaces", env={"GATEWAY_JWT_SECRET": TEST_SECRET})
    assert result.returncode == 2
    assert "service name" in result.stderr


def test_settings_errors_are_clear_not_a_trace() -> None:
    result = run(
        "migrate", env={"DATABASE_URL": "postgresql://nowhere/db", "GATEWAY_JWT_SECRET": ""}
    )
    assert result.returncode == 2
    assert "GATEWAY_JWT_SECRET" in result.stderr
    assert "Traceback" not in result.stderr


async def test_migrate_is_idempotent_on_a_fresh_database(database_url: str) -> None:
    server = make_url(database_url).set(database="postgres")
    name = f"bakery_cli_{secrets.token_hex(4)}"
    url = (await ensure_database(server, name)).render_as_string(hide_password=False)
    env = {"DATABASE_URL": url, "GATEWAY_JWT_SECRET": TEST_SECRET}
    try:
        first, second = run("migrate", env=env), run("migrate", env=env)
    finally:
        await drop_database(server, name)
    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(env: dict[str, str], port: int) -> Iterator[str]:
    """`gateway serve` running until the block ends; yields its base URL."""
    process = subprocess.Popen(  # noqa: S603 - our own command
        [GATEWAY, "serve", "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stderr is not None
    lines: queue.Queue[str] = queue.Queue()
    stderr = process.stderr

    def read_lines() -> None:
        for line in stderr:
            lines.put(line)

    reader = threading.Thread(target=read_lines)
    reader.start()
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        output: list[str] = []
        while "Application startup complete" not in (output or [""])[-1]:
            try:
                output.append(lines.get(timeout=max(deadline - time.monotonic(), 0)))
            except queue.Empty:
                raise AssertionError("gateway serve did not start:\n" + "".join(output)) from None
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)
        reader.join(timeout=30)
        process.stderr.close()


def test_serve_on_embedded_postgres_from_an_empty_data_dir(tmp_path: Path) -> None:
    outside = {
        "DATABASE_URL",
        "GATEWAY_DATABASE_URL",
        "GATEWAY_JWT_SECRET",
        "GATEWAY_JWT_SECRET_FILE",
    }
    env = {key: value for key, value in os.environ.items() if key not in outside}
    env |= {
        "GATEWAY_DATA_DIR": str(tmp_path / "data"),
        "GATEWAY_ENVIRONMENT": "development",
        "GATEWAY_LOG_FORMAT": "json",
    }
    with serving(env, free_port()) as base:
        graphiql = httpx.get(f"{base}/graphql", headers={"Accept": "text/html"})
        signed_up = httpx.post(
            f"{base}/graphql",
            json={
                "query": SIGN_UP,
                "variables": {
                    "i": {"email": "a@example.com", "password": PASSWORD, "fullName": "A"}
                },
            },
        )
        ready = httpx.get(f"{base}/readyz")
    assert graphiql.status_code == 200
    assert "graphiql" in graphiql.text.lower()
    assert signed_up.json()["data"]["signUp"]["errors"] == []
    assert ready.status_code == 200
    assert (tmp_path / "data" / "jwt-secret").stat().st_mode & 0o777 == 0o600


def test_migrate_against_an_unreachable_database_says_so_in_one_line() -> None:
    result = run(
        "migrate",
        env={
            "DATABASE_URL": "postgresql://postgres@127.0.0.1:1/none",
            "GATEWAY_JWT_SECRET": TEST_SECRET,
        },
    )
    assert result.returncode == 1
    assert "Cannot use the database" in result.stderr
    assert "Traceback" not in result.stderr
