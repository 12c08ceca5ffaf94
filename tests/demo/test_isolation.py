"""Two live demo sessions never see each other's data, and the template never changes."""

from __future__ import annotations

import hashlib

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from domains.demo.accounts import template_tenant_id
from domains.demo.kinds import DemoAccountType
from domains.demo.templates import tenant_tables
from domains.registry import metadata
from tests.demo.conftest import Visitor, start
from tests.support import GraphQLClient

SALES = """query($id: ID!) { tenant(id: $id) { sales(first: 1) { totalCount } } }"""
TILL = """query($id: ID!) { tenant(id: $id) {
  posSessions(first: 1, status: OPEN) { nodes { id } }
  products(first: 1) { nodes { id } } } }"""
SALE = """mutation($tenant: ID!, $input: RecordSaleInput!) {
  recordSale(tenantId: $tenant, input: $input) {
    transaction { id total } errors { code message } } }"""


async def sales_count(client: GraphQLClient, visitor: Visitor) -> int:
    result = await client.execute(SALES, {"id": visitor.tenant_id}, headers=visitor.headers)
    assert result.errors == [], result.errors
    count: int = result.data["tenant"]["sales"]["totalCount"]
    return count


async def record_sale(client: GraphQLClient, visitor: Visitor) -> None:
    till = await client.execute(TILL, {"id": visitor.tenant_id}, headers=visitor.headers)
    tenant = till.data["tenant"]
    sale = await client.execute(
        SALE,
        {
            "tenant": visitor.tenant_id,
            "input": {
                "sessionId": tenant["posSessions"]["nodes"][0]["id"],
                "paymentMethod": "CARD",
                "lines": [{"productId": tenant["products"]["nodes"][0]["id"], "quantity": "1"}],
            },
        },
        headers=visitor.headers,
    )
    assert sale.data["recordSale"]["errors"] == [], sale.body


async def template_checksum(engine: AsyncEngine, account: DemoAccountType) -> str:
    """A digest of every row of the template, table by table, in key order."""
    tenant = template_tenant_id(account)
    digest = hashlib.sha256()
    async with engine.connect() as connection:
        for name, table in tenant_tables(metadata()).items():
            key = "id" if name == "tenants.tenants" else "tenant_id"
            rows = await connection.execute(
                text(
                    f"SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) "  # noqa: S608
                    f"FROM {table.schema}.{table.name} t WHERE t.{key} = :tenant"
                ),
                {"tenant": tenant},
            )
            digest.update(f"{name}:{rows.scalar()}".encode())
    return digest.hexdigest()


async def test_record_sale_in_one_session_is_invisible_in_another(demo: GraphQLClient) -> None:
    first, second = await start(demo), await start(demo)
    before = await sales_count(demo, second)

    await record_sale(demo, first)

    assert await sales_count(demo, first) == before + 1
    assert await sales_count(demo, second) == before


async def test_demo_visitor_reading_another_session_tenant_is_forbidden(
    demo: GraphQLClient,
) -> None:
    first, second = await start(demo), await start(demo)

    result = await demo.execute(SALES, {"id": second.tenant_id}, headers=first.headers)

    assert result.codes == ["FORBIDDEN"]
    assert result.data == {"tenant": None}


async def test_demo_visitor_reading_the_template_is_forbidden(demo: GraphQLClient) -> None:
    visitor = await start(demo)
    template = str(template_tenant_id(DemoAccountType.INDIVIDUAL_BAKERY))

    result = await demo.execute(SALES, {"id": template}, headers=visitor.headers)

    assert result.codes == ["FORBIDDEN"]


async def test_template_is_forbidden_to_services(demo: GraphQLClient, service_token: str) -> None:
    template = str(template_tenant_id(DemoAccountType.INDIVIDUAL_BAKERY))

    result = await demo.execute(
        SALES, {"id": template}, headers={"Authorization": f"Bearer {service_token}"}
    )

    assert result.codes == ["FORBIDDEN"]


async def test_create_demo_session_many_times_leaves_the_template_unchanged(
    demo: GraphQLClient, engine: AsyncEngine
) -> None:
    before = {account: await template_checksum(engine, account) for account in DemoAccountType}

    for n in range(6):
        account = list(DemoAccountType)[n % 2]
        visitor = await start(demo, account.value)
        await record_sale(demo, visitor)

    after = {account: await template_checksum(engine, account) for account in DemoAccountType}
    assert after == before
