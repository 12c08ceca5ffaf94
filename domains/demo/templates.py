"""The template bakeries: written once, idempotently, by `gateway migrate` and `gateway seed-demo`.

The rows come from `dataset.build` and go into each domain's tables through their metadata, the
way the cloner copies them: one multi-row insert per table, parents first. A template that
exists is left as it is (its copies move its dates to the day they are made).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import structlog
from sqlalchemy import MetaData, Table
from sqlalchemy.ext.asyncio import AsyncConnection

from db.base import table_scope
from domains.demo import repository
from domains.demo.accounts import ACCOUNTS, Account
from domains.demo.dataset import build

log = structlog.get_logger()

TENANTS_TABLE = "tenants.tenants"


def tenant_tables(metadata: Sequence[MetaData]) -> dict[str, Table]:
    """Every tenant-scoped table by "schema.table", parents first within each schema."""
    return {
        table.fullname: table
        for each in metadata
        for table in each.sorted_tables
        if table_scope(table) != "global"
    }


async def seed_templates(
    connection: AsyncConnection, metadata: Sequence[MetaData], *, today: date | None = None
) -> list[Account]:
    """Write each template bakery that is not there yet; the ones written."""
    tables = tenant_tables(metadata)
    written: list[Account] = []
    for account in ACCOUNTS.values():
        if await repository.template_day(connection, tables[TENANTS_TABLE], account.tenant_id):
            continue
        rows = build(account, today or date.today())
        unknown = set(rows) - set(tables)
        if unknown:
            raise ValueError(f"demo rows for tables that do not exist: {sorted(unknown)}")
        # Parents first: the tenant row, then each schema in the order the cloner uses.
        ordered = sorted(rows, key=lambda name: (name != TENANTS_TABLE, list(tables).index(name)))
        for name in ordered:
            await repository.insert_rows(connection, tables[name], rows[name])
        written.append(account)
        log.info(
            "demo.template.seeded",
            account_type=account.type.value,
            tenant_id=str(account.tenant_id),
            rows=sum(len(batch) for batch in rows.values()),
        )
    return written
