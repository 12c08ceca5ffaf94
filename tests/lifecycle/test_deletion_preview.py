"""`deletionPreview`: every domain, counts per entity, one statement, for admins and services."""

from __future__ import annotations

from starlette.applications import Starlette

from domains.registry import DOMAINS
from tests.lifecycle.api import PREVIEW, rows_of, service, stocked_bakery
from tests.support import Bakery, GraphQLClient, counting_statements


async def test_deletion_preview_lists_every_domain_with_its_counts(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery = await stocked_bakery(client, app)

    result = await bakery.run(PREVIEW)

    preview = result.data["deletionPreview"]
    by_domain = {d["domain"]: d for d in preview["domains"]}
    assert [d["domain"] for d in preview["domains"]] == [d.name for d in DOMAINS]
    inventory = {e["entity"]: e["count"] for e in by_domain["inventory"]["entities"]}
    assert inventory["ingredients"] == 1
    assert inventory["products"] == 1
    assert inventory["stock_lots"] == 1
    assert {e["entity"]: e["count"] for e in by_domain["tenants"]["entities"]} == {
        "subscriptions": 1,
        "tenant_members": 1,
        "tenants": 1,
    }
    assert by_domain["recipes"]["total"] == 0  # zeros are listed too
    assert all(e["count"] == 0 for e in by_domain["recipes"]["entities"])
    assert by_domain["users"] == {"domain": "users", "total": 0, "entities": []}
    assert preview["totalItems"] == sum(d["total"] for d in preview["domains"])
    # What the catalog shows, table by table, is what the preview counts.
    counted = {
        f"{d['domain']}.{e['entity']}": e["count"]
        for d in preview["domains"]
        for e in d["entities"]
        if e["count"] and e["entity"] != "tenants"
    }
    assert counted == await rows_of(app, bakery.id)


async def test_deletion_preview_runs_one_statement_over_every_table(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery = await stocked_bakery(client, app)
    await bakery.run(PREVIEW)  # the role check's loaders are warmed up like any request

    with counting_statements(app) as statements:
        result = await bakery.run(PREVIEW)

    assert result.errors == []
    counting = [s for s in statements if "count(*)" in s]
    assert len(counting) == 1
    tables = sum(len(domain.deleter.tables) for domain in DOMAINS)
    assert counting[0].count("UNION ALL") == tables - 1


async def test_deletion_preview_is_for_admins_and_services(
    client: GraphQLClient, app: Starlette, service_token: str
) -> None:
    bakery = await Bakery.open(client)
    member = await client.sign_up()
    await client.add_member(bakery.id, member, "MEMBER", by=bakery.owner)

    as_member = await client.execute(PREVIEW, {"tenantId": bakery.id}, as_=member)
    as_service = await client.execute(
        PREVIEW, {"tenantId": bakery.id}, headers=service(service_token)
    )
    anonymous = await client.execute(PREVIEW, {"tenantId": bakery.id})
    malformed = await client.execute(PREVIEW, {"tenantId": "nope"}, headers=service(service_token))

    assert as_member.codes == ["FORBIDDEN"]
    assert as_service.data["deletionPreview"]["tenantId"] == bakery.id
    assert anonymous.codes == ["UNAUTHENTICATED"]
    assert malformed.codes == ["BAD_USER_INPUT"]
