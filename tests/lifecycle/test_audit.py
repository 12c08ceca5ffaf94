"""The audit log is append-only in the database itself; reading it pages like every list."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette

from tests.lifecycle.api import AUDIT, OUTBOX, delete, service, stocked_bakery
from tests.support import Bakery, GraphQLClient


async def test_audit_events_refuse_update_delete_and_truncate(
    client: GraphQLClient, app: Starlette, owner_engine: AsyncEngine
) -> None:
    bakery = await stocked_bakery(client, app)
    await delete(bakery, "SCHEDULED")

    for statement in (
        "UPDATE audit.audit_events SET reason = 'rewritten'",
        "DELETE FROM audit.audit_events",
        "TRUNCATE audit.audit_events",
    ):
        # Even the tables' owner, past the gateway role's narrower privileges.
        with pytest.raises(DBAPIError, match="append-only"):
            async with owner_engine.begin() as connection:
                await connection.execute(text(statement))


async def test_audit_events_record_deletion_and_purge_with_counts(
    client: GraphQLClient, app: Starlette, service_token: str
) -> None:
    bakery = await stocked_bakery(client, app)
    await delete(bakery, "IMMEDIATE")

    result = await client.execute(
        AUDIT, {"tenantId": bakery.id, "first": 1}, headers=service(service_token)
    )
    rest = await client.execute(
        AUDIT,
        {"tenantId": bakery.id, "after": result.data["auditEvents"]["pageInfo"]["endCursor"]},
        headers=service(service_token),
    )

    first = result.data["auditEvents"]["nodes"]
    events = first + rest.data["auditEvents"]["nodes"]
    assert [e["action"] for e in events] == ["tenant.deleted", "tenant.purged"]
    assert result.data["auditEvents"]["pageInfo"]["hasNextPage"] is True
    assert events[1]["counts"]["inventory"] >= 3
    assert events[1]["reason"] == "cierre"


async def test_audit_events_are_for_admins_and_services(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    member = await client.sign_up()
    await client.add_member(bakery.id, member, "MEMBER", by=bakery.owner)

    as_member = await client.execute(AUDIT, {"tenantId": bakery.id}, as_=member)
    outbox_as_owner = await client.execute(OUTBOX, {}, as_=bakery.owner)

    assert as_member.codes == ["FORBIDDEN"]
    assert outbox_as_owner.codes == ["FORBIDDEN"]
