"""The operator commands (`jobs`, `delete-tenant`, `restore-tenant`, `purge`), as real processes."""

from __future__ import annotations

from sqlalchemy import text
from starlette.applications import Starlette

from domains.demo.accounts import TEMPLATE_TENANT_IDS
from gateway.settings import Settings
from tests.conftest import TEST_SECRET
from tests.gateway.test_cli import run
from tests.support import Bakery, GraphQLClient
from tests.trash.api import delete_items


def operator(settings: Settings, *args: str) -> tuple[int, str, str]:
    """Run `gateway ARGS` on the test database; exit code, stdout, stderr."""
    assert settings.database_url is not None
    result = run(
        *args,
        env={"DATABASE_URL": settings.database_url, "GATEWAY_JWT_SECRET": TEST_SECRET},
    )
    return result.returncode, result.stdout, result.stderr


async def test_delete_tenant_follows_the_purge_to_its_end_and_jobs_lists_it(
    client: GraphQLClient, settings: Settings
) -> None:
    bakery = await Bakery.open(client)
    await bakery.ingredient()

    code, out, err = operator(
        settings, "delete-tenant", bakery.id, "--reason", "cierre", "--immediate", "--follow"
    )

    assert code == 0, err
    job_id = out.strip().splitlines()[-1]
    assert "COMPLETED" in err
    code, listed, err = operator(settings, "jobs", "--tenant", bakery.id)
    assert code == 0, err
    assert job_id in listed
    assert "COMPLETED" in listed
    assert "service:gateway-cli" in listed


async def test_delete_tenant_scheduled_then_restore_tenant(
    client: GraphQLClient, settings: Settings
) -> None:
    bakery = await Bakery.open(client)

    deleted = operator(settings, "delete-tenant", bakery.id, "--reason", "prueba")
    restored = operator(settings, "restore-tenant", bakery.id)
    again = operator(settings, "restore-tenant", bakery.id)

    assert deleted[0] == 0, deleted[2]
    assert "SCHEDULED" in deleted[2]
    assert restored[0] == 0, restored[2]
    assert restored[1].startswith("Restored ")
    assert again[0] == 1
    assert "NOT_DELETED" in again[2]


async def test_purge_dry_run_counts_what_is_due_and_changes_nothing(
    client: GraphQLClient, settings: Settings, app: Starlette
) -> None:
    bakery = await Bakery.open(client)
    ingredient = await bakery.ingredient()
    await delete_items(bakery, "ingredient", [ingredient])
    async with app.state.resources.database.transaction() as connection:
        await connection.execute(
            text(
                "UPDATE inventory.ingredients SET deleted_at = now() - interval '400 days' "
                "WHERE id = CAST(:id AS uuid)"
            ),
            {"id": ingredient},
        )

    code, out, err = operator(settings, "purge", "--dry-run")

    assert code == 0, err
    assert "Would purge" in out
    assert "soft-deleted ingredient row(s)" in out
    async with app.state.resources.database.read() as connection:
        still = await connection.scalar(
            text("SELECT count(*) FROM inventory.ingredients WHERE id = CAST(:id AS uuid)"),
            {"id": ingredient},
        )
    assert still == 1


def test_operator_commands_refuse_a_malformed_id(settings: Settings) -> None:
    code, _, err = operator(settings, "delete-tenant", "not-an-id", "--reason", "x")

    assert code == 2
    assert "not an id" in err


def test_delete_tenant_refuses_a_demo_template(settings: Settings) -> None:
    template = str(next(iter(sorted(TEMPLATE_TENANT_IDS))))

    code, _, err = operator(settings, "delete-tenant", template, "--reason", "x", "--immediate")

    assert code == 1
    assert "DEMO_TEMPLATE" in err
