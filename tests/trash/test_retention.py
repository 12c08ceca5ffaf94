"""The retention purge and the database health report."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from starlette.applications import Starlette

from domains.trash import service
from domains.trash.policy import TrashPolicy
from tests.suppliers.api import SEND_ORDER, create_order, create_supplier, line, transition
from tests.support import Bakery, GraphQLClient
from tests.trash.api import delete_items, trash

HEALTH = """
{ databaseHealth {
    tables { schema table liveRows deadRows totalBytes awaitingPurge hasTenantIndex }
    unindexedForeignKeys { schema table constraint columns }
    tablesWithoutTenantIndex
} }
"""


async def backdate(app: Starlette, table: str, ids: list[str], days: int) -> None:
    """Make soft-deleted rows look deleted `days` ago."""
    async with app.state.resources.database.transaction() as connection:
        await connection.execute(
            text(
                f"UPDATE {table} SET deleted_at = now() - make_interval(days => :days) "  # noqa: S608
                "WHERE id = ANY(CAST(:ids AS uuid[]))"
            ),
            {"days": days, "ids": ids},
        )


async def purge(app: Starlette, policy: TrashPolicy) -> dict[str, int]:
    """One run of the retention purge, committed."""
    async with app.state.resources.database.transaction() as connection:
        purged, _ = await service.purge_expired(connection, policy, now=datetime.now(UTC))
    return purged


async def test_purge_removes_rows_past_retention_only_and_audits_them(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery = await Bakery.open(client)
    old, recent = await bakery.ingredient("Vieja"), await bakery.ingredient("Reciente")
    await delete_items(bakery, "ingredient", [old, recent])
    await backdate(app, "inventory.ingredients", [old], days=91)
    policy: TrashPolicy = app.state.resources.trash

    purged = await purge(app, policy)

    assert purged.get("ingredient", 0) >= 1
    assert [item["id"] for item in await trash(bakery)] == [recent]
    async with app.state.resources.database.read() as connection:
        audited = await connection.execute(
            text(
                "SELECT action, target, counts FROM audit.audit_events "
                "WHERE tenant_id = :tenant AND action = 'trash.purged'"
            ),
            {"tenant": bakery.id},
        )
        assert [tuple(row) for row in audited] == [
            ("trash.purged", "ingredient", {"ingredient": 1})
        ]


async def test_purge_keeps_a_parent_that_live_rows_still_point_at(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery = await Bakery.open(client)
    ingredient = await bakery.ingredient()
    kept = await create_supplier(bakery, "Con pedidos")
    gone = await create_supplier(bakery, "Sin pedidos")
    sent = (await create_order(bakery, kept, [line(ingredient_id=ingredient)]))["id"]
    assert (await transition(bakery, SEND_ORDER, sent))["errors"] == []
    await delete_items(bakery, "supplier", [kept, gone])
    await backdate(app, "suppliers.suppliers", [kept, gone], days=100)

    await purge(app, app.state.resources.trash)

    assert [item["id"] for item in await trash(bakery, "supplier")] == [kept]


async def test_purge_takes_bounded_batches_and_says_more_is_due(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery = await Bakery.open(client)
    ids = [await bakery.ingredient() for _ in range(3)]
    await delete_items(bakery, "ingredient", ids)
    await backdate(app, "inventory.ingredients", ids, days=200)
    small = TrashPolicy.of(
        app.state.resources.trash.items, retention=timedelta(days=90), purge_batch_size=2
    )

    async with app.state.resources.database.transaction() as connection:
        first, more = await service.purge_expired(connection, small, now=datetime.now(UTC))
    async with app.state.resources.database.transaction() as connection:
        second, _ = await service.purge_expired(connection, small, now=datetime.now(UTC))

    assert (first["ingredient"], more) == (2, True)
    assert second.get("ingredient", 0) >= 1
    assert await trash(bakery) == []


async def test_database_health_reports_every_table_for_services_only(
    client: GraphQLClient, service_token: str
) -> None:
    bakery = await Bakery.open(client)
    ingredient = await bakery.ingredient()
    await delete_items(bakery, "ingredient", [ingredient])

    report = await client.execute(HEALTH, headers={"Authorization": f"Bearer {service_token}"})
    refused = await client.execute(HEALTH, as_=bakery.owner)

    assert report.errors == [], report.body
    health = report.data["databaseHealth"]
    tables = {(row["schema"], row["table"]): row for row in health["tables"]}
    assert tables[("inventory", "ingredients")]["awaitingPurge"] is not None
    assert tables[("inventory", "ingredients")]["hasTenantIndex"] is True
    assert tables[("users", "users")]["hasTenantIndex"] is None
    assert health["unindexedForeignKeys"] == []
    assert health["tablesWithoutTenantIndex"] == []
    assert refused.codes == ["FORBIDDEN"]
