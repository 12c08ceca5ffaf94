"""The cloner covers every tenant-scoped table, and a copy never points outside itself."""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from db.base import cross_domain_references, table_scope
from domains.demo.accounts import template_tenant_id
from domains.demo.cloner import TenantCloner
from domains.demo.kinds import DemoAccountType
from domains.registry import DOMAINS
from tests.demo.conftest import start
from tests.support import GraphQLClient

CLONER = TenantCloner(DOMAINS)
TABLES = {
    table.fullname: table
    for domain in DOMAINS
    for table in domain.metadata.tables.values()
    if table_scope(table) != "global"
}


def tenant_key(name: str) -> str:
    return "id" if table_scope(TABLES[name]) == "tenant_root" else "tenant_id"


async def counts(engine: AsyncEngine, tenant: uuid.UUID) -> dict[str, int]:
    async with engine.connect() as connection:
        return {
            name: int(
                await connection.scalar(
                    text(f"SELECT count(*) FROM {name} WHERE {tenant_key(name)} = :t"),  # noqa: S608
                    {"t": tenant},
                )
                or 0
            )
            for name in TABLES
        }


def test_cloner_covers_every_tenant_scoped_table_parents_first() -> None:
    assert set(CLONER.tables) == set(TABLES)
    assert len(CLONER.tables) == len(set(CLONER.tables))
    position = {name: n for n, name in enumerate(CLONER.tables)}
    for name, table in TABLES.items():
        for constraint in table.foreign_key_constraints:
            assert position[constraint.referred_table.fullname] < position[name], name


async def test_create_demo_session_copies_every_row_of_every_table(
    demo: GraphQLClient, engine: AsyncEngine
) -> None:
    for account in DemoAccountType:
        visitor = await start(demo, account.value)

        copied = await counts(engine, uuid.UUID(visitor.tenant_id))
        template = await counts(engine, template_tenant_id(account))

        assert copied == template
        empty = sorted(name for name, rows in template.items() if rows == 0)
        assert empty == ["tenants.tenant_members"]  # the template has no accounts


async def test_create_demo_session_references_point_into_the_copy(
    demo: GraphQLClient, engine: AsyncEngine
) -> None:
    visitor = await start(demo)
    tenant = uuid.UUID(visitor.tenant_id)
    template = template_tenant_id(DemoAccountType.INDIVIDUAL_BAKERY)
    outside: dict[str, int] = {}

    async with engine.connect() as connection:
        for name, table in TABLES.items():
            key = tenant_key(name)
            # No copied id is a template id.
            shared = await connection.scalar(
                text(
                    f"SELECT count(*) FROM {name} c JOIN {name} t ON t.id = c.id "  # noqa: S608
                    f"WHERE c.{key} = :copy AND t.{key} = :template"
                ),
                {"copy": tenant, "template": template},
            )
            if shared:
                outside[f"{name}.id"] = int(shared)
            for column, target in cross_domain_references(table).items():
                scope = table_scope(TABLES[target]) if target in TABLES else "global"
                if scope == "global":
                    continue
                target_key = "id" if scope == "tenant_root" else "tenant_id"
                dangling = await connection.scalar(
                    text(
                        f"SELECT count(*) FROM {name} c WHERE c.{key} = :copy "  # noqa: S608
                        f"AND c.{column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {target} r "
                        f"WHERE r.id = c.{column} AND r.{target_key} = :copy)"
                    ),
                    {"copy": tenant},
                )
                if dangling:
                    outside[f"{name}.{column}"] = int(dangling)

    assert outside == {}
