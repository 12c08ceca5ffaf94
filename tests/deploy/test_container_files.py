"""The container files: the entrypoint run as a plain process, the compose file and Dockerfile read.

No Docker engine runs here, so the image is not built; what decides its behaviour is checked
instead: the entrypoint's control flow against a stand-in `gateway` command, and the structure
of docker-compose.yml and the Dockerfile.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = ROOT / "docker" / "entrypoint.sh"

# Records its arguments; `gateway migrate` fails with the codes listed in MIGRATE_EXITS, in turn.
STAND_IN = """#!/bin/sh
echo "$*" >> "$CALLS"
if [ "$1" = migrate ] && [ -n "$MIGRATE_EXITS" ]; then
    count=$(grep -c '^migrate' "$CALLS")
    code=$(echo "$MIGRATE_EXITS" | cut -d' ' -f"$count")
    exit "${code:-0}"
fi
exit 0
"""


def run_entrypoint(
    tmp_path: Path, *arguments: str, **environment: str
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run the entrypoint with the stand-in first on PATH; its result and the calls made."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    stand_in = bin_dir / "gateway"
    stand_in.write_text(STAND_IN)
    stand_in.chmod(0o755)
    calls = tmp_path / "calls"
    calls.touch()
    env = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "CALLS": str(calls),
        "GATEWAY_MIGRATE_RETRY_SECONDS": "0",
        **environment,
    }
    result = subprocess.run(  # noqa: S603 - our own script, fixed arguments
        ["/bin/sh", str(ENTRYPOINT), *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return result, calls.read_text().splitlines()


def test_entrypoint_migrates_then_serves_by_default(tmp_path: Path) -> None:
    result, calls = run_entrypoint(tmp_path)

    assert result.returncode == 0, result.stderr
    assert calls == ["migrate", "serve"]


def test_entrypoint_passes_options_to_serve_and_other_commands_straight_through(
    tmp_path: Path,
) -> None:
    served, serve_calls = run_entrypoint(tmp_path / "a", "--workers", "2")
    token, token_calls = run_entrypoint(tmp_path / "b", "token", "--service", "ci")

    assert serve_calls == ["migrate", "serve --workers 2"]
    assert token_calls == ["token --service ci"]
    assert served.returncode == token.returncode == 0


def test_entrypoint_retries_migrations_while_the_database_starts(tmp_path: Path) -> None:
    result, calls = run_entrypoint(tmp_path, MIGRATE_EXITS="1 1 0")

    assert result.returncode == 0, result.stderr
    assert calls == ["migrate", "migrate", "migrate", "serve"]
    assert "retrying" in result.stderr


def test_entrypoint_stops_on_invalid_settings_and_after_its_attempts(tmp_path: Path) -> None:
    invalid, invalid_calls = run_entrypoint(tmp_path / "a", MIGRATE_EXITS="2")
    exhausted, exhausted_calls = run_entrypoint(
        tmp_path / "b", MIGRATE_EXITS="1 1 1", GATEWAY_MIGRATE_ATTEMPTS="3"
    )
    bad_setting, _ = run_entrypoint(tmp_path / "c", GATEWAY_MIGRATE_ATTEMPTS="many")

    assert (invalid.returncode, invalid_calls) == (2, ["migrate"])
    assert (exhausted.returncode, exhausted_calls) == (1, ["migrate"] * 3)
    assert bad_setting.returncode == 64


def test_entrypoint_can_leave_migrations_to_a_one_shot_service(tmp_path: Path) -> None:
    result, calls = run_entrypoint(tmp_path, GATEWAY_MIGRATE_ON_START="false")

    assert result.returncode == 0
    assert calls == ["serve"]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return loaded


def test_compose_migrates_once_before_the_gateway_and_the_worker_start(
    compose: dict[str, Any],
) -> None:
    services = compose["services"]

    assert services["postgres"]["image"] == "postgres:16"
    assert services["migrate"]["command"] == ["migrate"]
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("gateway", "worker"):
        assert services[name]["depends_on"] == {
            "migrate": {"condition": "service_completed_successfully"}
        }
    assert services["gateway"]["command"] == ["serve", "--workers", "2"]
    assert services["gateway"]["environment"]["GATEWAY_MIGRATE_ON_START"] == "false"
    assert services["gateway"]["environment"]["GATEWAY_RUN_WORKER"] == "false"
    assert services["worker"]["command"] == ["worker"]
    assert "healthcheck" in services["postgres"]


def test_compose_shares_one_database_url_and_requires_the_signing_secret(
    compose: dict[str, Any],
) -> None:
    for name in ("migrate", "gateway", "worker"):
        environment = compose["services"][name]["environment"]
        assert environment["DATABASE_URL"].endswith("@postgres:5432/bakery")
        assert environment["GATEWAY_JWT_SECRET"].startswith("${GATEWAY_JWT_SECRET:?")


def test_dockerfile_is_multi_stage_non_root_and_checks_its_health() -> None:
    lines = [
        line.strip()
        for line in (ROOT / "Dockerfile").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    stages = [line for line in lines if line.startswith("FROM ")]
    user = [line for line in lines if line.startswith("USER ")]

    assert len(stages) >= 2
    assert any(" AS builder" in stage for stage in stages)
    assert user
    assert user[-1] not in {"USER root", "USER 0", "USER 0:0"}
    assert any(line.startswith("HEALTHCHECK ") for line in lines)
    assert any(line.startswith("ENTRYPOINT ") and "entrypoint.sh" in line for line in lines)
    assert not any(line.startswith("ADD ") for line in lines)  # COPY only: no remote fetches
