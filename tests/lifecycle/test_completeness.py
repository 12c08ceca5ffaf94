"""The completeness guard: no table of any domain schema can escape a tenant's deletion.

It reads the database catalog, not the models: a table added by a migration and forgotten in
the models, or added to the models without a deleter covering it, fails here.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette

from db.base import table_scope
from domains.kernel.deleter import covered_tables
from domains.registry import DOMAINS

CATALOG = text(
    """
    SELECT t.table_schema || '.' || t.table_name AS name,
           bool_or(c.column_name = 'tenant_id') AS has_tenant_id
    FROM information_schema.tables AS t
    JOIN information_schema.columns AS c
      ON c.table_schema = t.table_schema AND c.table_name = t.table_name
    WHERE t.table_type = 'BASE TABLE' AND t.table_schema = ANY(:schemas)
    GROUP BY 1
    ORDER BY 1
    """
)


async def catalog_tables(app: Starlette) -> dict[str, bool]:
    async with app.state.resources.database.read() as connection:
        rows = await connection.execute(CATALOG, {"schemas": [d.name for d in DOMAINS]})
    return {row.name: row.has_tenant_id for row in rows}


def declared_scopes() -> dict[str, str]:
    return {
        table.fullname: table_scope(table)
        for domain in DOMAINS
        for table in domain.metadata.tables.values()
    }


async def test_every_table_holding_a_tenant_id_is_covered_by_a_deleter_or_declared_global(
    app: Starlette,
) -> None:
    covered = covered_tables([domain.deleter for domain in DOMAINS])
    scopes = declared_scopes()

    escaping = [
        name
        for name, has_tenant_id in (await catalog_tables(app)).items()
        if has_tenant_id and name not in covered and scopes.get(name) != "global"
    ]

    assert escaping == []


async def test_every_table_without_a_tenant_id_is_declared_global_or_the_tenant_root(
    app: Starlette,
) -> None:
    scopes = declared_scopes()

    undeclared = [
        name
        for name, has_tenant_id in (await catalog_tables(app)).items()
        if not has_tenant_id and scopes.get(name) not in {"global", "tenant_root"}
    ]

    assert undeclared == []


async def test_the_guard_sees_a_table_added_behind_the_models_back(
    app: Starlette, owner_engine: AsyncEngine
) -> None:
    async with owner_engine.begin() as connection:
        await connection.execute(
            text("CREATE TABLE inventory.sneaky (tenant_id uuid NOT NULL, note text)")
        )
    try:
        tables = await catalog_tables(app)
        covered = covered_tables([domain.deleter for domain in DOMAINS])
        assert tables["inventory.sneaky"] is True
        assert "inventory.sneaky" not in covered
    finally:
        async with owner_engine.begin() as connection:
            await connection.execute(text("DROP TABLE inventory.sneaky"))


def test_deleters_put_children_before_their_parents() -> None:
    for domain in DOMAINS:
        order = [table.fullname for table in domain.deleter.tables]
        for position, table in enumerate(domain.deleter.tables):
            for key in table.foreign_keys:
                parent = key.column.table.fullname
                if parent != table.fullname:
                    assert order.index(parent) > position, f"{table.fullname} before {parent}"
