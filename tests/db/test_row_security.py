"""Row-level security: a query that forgot its tenant filter sees the caller's tenants only."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette

from db import row_security
from db.base import table_scope
from db.database import Database
from db.pagination import AnySelect
from domains import registry
from domains.inventory import service as inventory
from domains.inventory.models import Ingredient
from domains.inventory.repository.catalog import INGREDIENT
from tests.support import Bakery, GraphQLClient

INGREDIENT_NAMES = """query($tenantId: ID!) {
  tenant(id: $tenantId) { ingredients(first: 100) { nodes { name } } } }"""

CREATE_DEMO = """mutation { createDemoSession(accountType: INDIVIDUAL_BAKERY) {
  session { id virtualTenantId } errors { code } } }"""


@pytest.fixture
def gateway_database(app: Starlette) -> Database:
    """The database handle the running gateway uses (as `bakery_gateway`)."""
    database: Database = app.state.resources.database
    return database


async def test_every_tenant_table_has_the_isolation_policy(owner_engine: AsyncEngine) -> None:
    """The completeness guard: a tenant table added later without its policies fails here.

    Both of them: without `platform_access`, the platform's paths (a tenant's deletion among
    them) would find nothing of the table to delete.
    """
    async with owner_engine.connect() as connection:
        rows = await connection.execute(
            text("""
                SELECT n.nspname || '.' || c.relname, c.relrowsecurity,
                       (SELECT count(*) FROM pg_policy AS p
                        WHERE p.polrelid = c.oid
                          AND p.polname IN ('tenant_isolation', 'platform_access')) = 2,
                       EXISTS (SELECT 1 FROM pg_attribute AS a WHERE a.attrelid = c.oid
                               AND a.attname = 'tenant_id' AND NOT a.attisdropped)
                FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY(:schemas)
            """),
            {"schemas": [domain.name for domain in registry.DOMAINS]},
        )
        catalog = {name: (secured, policy, keyed) for name, secured, policy, keyed in rows}
    scopes = {
        table.fullname: table_scope(table)
        for domain in registry.DOMAINS
        for table in domain.metadata.tables.values()
    }
    must_be_secured = {
        name
        for name, (_, _, keyed) in catalog.items()
        if scopes.get(name) == "tenant_root" or (keyed and scopes.get(name) != "global")
    }
    assert "tenants.tenants" in must_be_secured
    assert "inventory.ingredients" in must_be_secured
    unsecured = sorted(name for name in must_be_secured if catalog[name][:2] != (True, True))
    assert unsecured == [], f"tenant tables without row-level security: {unsecured}"


@pytest.mark.parametrize(
    ("scope", "role"),
    [
        (row_security.NOBODY, row_security.DEFAULT_ROLE),
        (row_security.user(uuid.uuid4()), row_security.DEFAULT_ROLE),
        (row_security.PLATFORM, row_security.PLATFORM_ROLE),
    ],
)
async def test_the_gateway_acts_as_a_role_that_does_not_bypass_policies(
    gateway_database: Database, scope: row_security.Scope, role: str
) -> None:
    with row_security.scoped(scope):
        async with gateway_database.read() as connection:
            acting, superuser, bypasses = (
                await connection.execute(
                    text(
                        "SELECT current_user, rolsuper, rolbypassrls FROM pg_roles"
                        " WHERE rolname = current_user"
                    )
                )
            ).one()
    assert (acting, superuser, bypasses) == (role, False, False)


async def test_the_tenant_policy_is_checked_in_the_index_scan_not_on_every_row(
    client: GraphQLClient, gateway_database: Database
) -> None:
    """No OR in the policy: PostgreSQL folds it into the index condition of a tenant's read."""
    bakery = await Bakery.open(client)
    await bakery.ingredient()
    tenant = uuid.UUID(bakery.id)  # a literal, so the plan shows the policy's own parameter
    query = f"SELECT count(*) FROM inventory.ingredients WHERE tenant_id = '{tenant}'"  # noqa: S608
    with row_security.scoped(row_security.user(uuid.UUID(bakery.owner.id))):
        async with gateway_database.read() as connection:
            await connection.execute(text("SET enable_seqscan = off"))  # a tiny table, else
            plan = "\n".join(
                (await connection.execute(text(f"EXPLAIN (COSTS OFF) {query}"))).scalars()
            )
            await connection.execute(text("RESET enable_seqscan"))
    conditions = [line for line in plan.splitlines() if "Index Cond" in line]
    assert len(conditions) == 1, plan
    assert "tenant_id = ANY ($0)" in conditions[0], plan  # the policy, in the index scan...
    assert "Filter" not in plan, plan  # ...and not as a condition on each row read


async def test_a_resolver_that_forgot_its_tenant_filter_shows_only_the_callers_tenant(
    client: GraphQLClient,
    owner_engine: AsyncEngine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mine, theirs = await Bakery.open(client), await Bakery.open(client)
    await mine.ingredient("Harina de la casa")
    await theirs.ingredient("Receta secreta")

    def forgot_the_tenant(tenant_id: uuid.UUID, **_: object) -> AnySelect:
        return select(*INGREDIENT).where(Ingredient.deleted_at.is_(None))  # no tenant filter

    monkeypatch.setattr(inventory, "ingredients_query", forgot_the_tenant)

    # Without the policy (as the tables' owner) the same statement leaks the other bakery...
    async with owner_engine.connect() as connection:
        leaked = {row.name for row in await connection.execute(forgot_the_tenant(uuid.uuid4()))}
    assert {"Harina de la casa", "Receta secreta"} <= leaked
    # ...through the gateway, the database shows the caller's own bakery only.
    result = await mine.run(INGREDIENT_NAMES)
    assert result.errors == []
    names = [node["name"] for node in result.data["tenant"]["ingredients"]["nodes"]]
    assert names == ["Harina de la casa"]


async def test_a_demo_visitor_sees_only_its_copy_through_an_unfiltered_query(
    client: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = await Bakery.open(client)
    await real.ingredient("Ingrediente real")
    created = (await client.execute(CREATE_DEMO)).data["createDemoSession"]
    assert created["errors"] == []
    session = created["session"]

    def forgot_the_tenant(tenant_id: uuid.UUID, **_: object) -> AnySelect:
        return select(*INGREDIENT).where(Ingredient.deleted_at.is_(None))

    monkeypatch.setattr(inventory, "ingredients_query", forgot_the_tenant)
    result = await client.execute(
        INGREDIENT_NAMES,
        {"tenantId": session["virtualTenantId"]},
        headers={"X-Demo-Session-Id": session["id"]},
    )
    assert result.errors == []
    names = {node["name"] for node in result.data["tenant"]["ingredients"]["nodes"]}
    assert names  # the copy of the Spanish demo bakery...
    assert "Ingrediente real" not in names  # ...and nothing of a real one


async def test_each_scope_sees_its_tenants_and_writes_only_there(
    client: GraphQLClient, gateway_database: Database
) -> None:
    first, second = await Bakery.open(client), await Bakery.open(client)
    await first.ingredient()
    await second.ingredient()
    owners = {first.id, second.id}
    unfiltered = text("SELECT DISTINCT tenant_id::text FROM inventory.ingredients")

    async def visible(scope: row_security.Scope) -> set[str]:
        with row_security.scoped(scope):
            async with gateway_database.read() as connection:
                return set((await connection.execute(unfiltered)).scalars())

    assert await visible(row_security.user(uuid.UUID(first.owner.id))) == {first.id}
    assert await visible(row_security.tenant(uuid.UUID(second.id))) == {second.id}
    assert owners <= await visible(row_security.PLATFORM)
    assert await visible(row_security.NOBODY) == set()

    with row_security.scoped(row_security.user(uuid.UUID(first.owner.id))):
        async with gateway_database.transaction() as connection:
            changed = await connection.execute(
                text("UPDATE inventory.ingredients SET name = name || '!' WHERE tenant_id = :t"),
                {"t": second.id},
            )
            assert changed.rowcount == 0  # the other bakery's rows are not there to change
        with pytest.raises(DBAPIError, match="row-level security"):
            async with gateway_database.transaction() as connection:
                await connection.execute(
                    text(
                        "INSERT INTO inventory.ingredients"
                        " (tenant_id, id, name, category, unit, reorder_point)"
                        " VALUES (:t, gen_random_uuid(), 'Intrusa', 'General', 'kg', 0)"
                    ),
                    {"t": second.id},
                )


async def test_a_pooled_connection_takes_the_scope_of_each_checkout(
    client: GraphQLClient, gateway_database: Database
) -> None:
    """The scope set for one caller never lingers on the connection for the next."""
    bakery = await Bakery.open(client)
    await bakery.ingredient()
    query = text("SELECT count(*) FROM inventory.ingredients WHERE tenant_id = :t")
    for _ in range(3):  # the pool hands the same idle connection back each time
        with row_security.scoped(row_security.tenant(uuid.UUID(bakery.id))):
            async with gateway_database.read() as connection:
                assert (await connection.execute(query, {"t": bakery.id})).scalar() == 1
        with row_security.scoped(row_security.NOBODY):
            async with gateway_database.read() as connection:
                assert (await connection.execute(query, {"t": bakery.id})).scalar() == 0


async def test_widened_changes_the_scope_for_one_block_of_a_transaction(
    client: GraphQLClient, gateway_database: Database
) -> None:
    bakery = await Bakery.open(client)
    await bakery.ingredient()
    query = text("SELECT count(*) FROM inventory.ingredients WHERE tenant_id = :t")
    with row_security.scoped(row_security.NOBODY):
        connection = await gateway_database.engine.connect()
        await connection.begin()
    try:
        assert (await connection.execute(query, {"t": bakery.id})).scalar() == 0
        async with row_security.widened(connection, row_security.PLATFORM, why="a test"):
            assert (await connection.execute(query, {"t": bakery.id})).scalar() == 1
            acting = await connection.scalar(text("SELECT current_user"))
            assert acting == row_security.PLATFORM_ROLE
        assert (await connection.execute(query, {"t": bakery.id})).scalar() == 0
        assert await connection.scalar(text("SELECT current_user")) == row_security.DEFAULT_ROLE
    finally:
        await connection.rollback()
        await connection.close()
