"""The template bakeries: the same rows everywhere, written once, in every tenant-scoped domain."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncEngine

from db.base import table_scope
from domains.demo.accounts import ACCOUNTS
from domains.demo.dataset import build
from domains.demo.kinds import DemoAccountType
from domains.demo.templates import seed_templates
from domains.registry import DOMAINS, metadata


def test_build_is_the_same_every_time() -> None:
    day = date(2026, 3, 2)
    for account in ACCOUNTS.values():
        assert build(account, day) == build(account, day)


def test_build_fills_every_tenant_scoped_domain() -> None:
    tenant_domains = {
        domain.name
        for domain in DOMAINS
        if any(table_scope(t) != "global" for t in domain.metadata.tables.values())
    }
    for account in ACCOUNTS.values():
        rows = build(account, date.today())

        filled = {name.split(".")[0] for name, batch in rows.items() if batch}
        assert filled == tenant_domains, account.type


def test_individual_bakery_is_realistic_but_small() -> None:
    rows = build(ACCOUNTS[DemoAccountType.INDIVIDUAL_BAKERY], date.today())

    assert len(rows["inventory.ingredients"]) >= 25
    assert len(rows["recipes.recipes"]) >= 5
    assert len({row["sold_at"].date() for row in rows["sales.sales_records"]}) >= 80
    assert 1_000 <= sum(len(batch) for batch in rows.values()) <= 5_000


async def test_seed_templates_again_writes_nothing(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        written = await seed_templates(connection, metadata())

    assert written == []
