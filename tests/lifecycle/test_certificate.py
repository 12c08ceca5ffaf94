"""A deletion certificate, saved to a file, checks out with `gateway verify-certificate`."""

from __future__ import annotations

import json
from pathlib import Path

from starlette.applications import Starlette

from tests.conftest import TEST_SECRET
from tests.gateway.test_cli import run
from tests.lifecycle.api import delete, stocked_bakery
from tests.support import GraphQLClient

ENV = {"GATEWAY_JWT_SECRET": TEST_SECRET}


async def test_verify_certificate_accepts_a_saved_certificate(
    client: GraphQLClient, app: Starlette, tmp_path: Path
) -> None:
    bakery = await stocked_bakery(client, app)
    job = (await delete(bakery, "IMMEDIATE")).data["deleteTenant"]["job"]
    saved = tmp_path / "certificate.json"
    saved.write_text(job["certificate"]["json"])

    result = run("verify-certificate", str(saved), env=ENV)

    assert result.returncode == 0, result.stderr
    assert f"Tenant {bakery.id}, job {job['id']}" in result.stdout


async def test_verify_certificate_refuses_an_altered_or_foreign_certificate(
    client: GraphQLClient, app: Starlette, tmp_path: Path
) -> None:
    bakery = await stocked_bakery(client, app)
    job = (await delete(bakery, "IMMEDIATE")).data["deleteTenant"]["job"]
    altered = json.loads(job["certificate"]["json"])
    altered["document"]["itemsDeleted"] += 1
    (tmp_path / "altered.json").write_text(json.dumps(altered))
    (tmp_path / "original.json").write_text(job["certificate"]["json"])
    (tmp_path / "garbage.json").write_text("not json")

    tampered = run("verify-certificate", str(tmp_path / "altered.json"), env=ENV)
    other_server = run(
        "verify-certificate",
        str(tmp_path / "original.json"),
        env={"GATEWAY_JWT_SECRET": "another-server-secret-" + "y" * 32},
    )
    garbage = run("verify-certificate", str(tmp_path / "garbage.json"), env=ENV)

    assert tampered.returncode == 1
    assert "NOT a valid certificate" in tampered.stderr
    assert other_server.returncode == 1
    assert garbage.returncode == 2
