"""`transferOwnership`: to an ADMIN only, atomic, and safe when raced with other transfers."""

from __future__ import annotations

import asyncio
import uuid

from sqlalchemy import text
from starlette.applications import Starlette

from tests.lifecycle.api import AUDIT, OUTBOX, TRANSFER, delete, service
from tests.support import Account, Bakery, GraphQLClient

ROLES = "query($tenantId: ID!) { tenant(id: $tenantId) { ownerId members { userId role } } }"


async def with_admins(client: GraphQLClient, count: int) -> tuple[Bakery, list[Account]]:
    bakery = await Bakery.open(client)
    admins = [await client.sign_up() for _ in range(count)]
    for admin in admins:
        await client.add_member(bakery.id, admin, "ADMIN", by=bakery.owner)
    return bakery, admins


async def test_transfer_ownership_makes_the_admin_owner_and_the_owner_admin(
    client: GraphQLClient, service_token: str
) -> None:
    bakery, (admin,) = await with_admins(client, 1)

    result = await bakery.run(TRANSFER, {"newOwnerId": admin.id})

    assert result.data["transferOwnership"] == {
        "tenant": {"id": bakery.id, "ownerId": admin.id},
        "errors": [],
    }
    roles = (await client.execute(ROLES, {"tenantId": bakery.id}, as_=admin)).data["tenant"]
    assert {m["userId"]: m["role"] for m in roles["members"]} == {
        bakery.owner.id: "ADMIN",
        admin.id: "OWNER",
    }
    audit = await client.execute(AUDIT, {"tenantId": bakery.id}, as_=admin)
    assert [(e["action"], e["actor"], e["target"]) for e in audit.data["auditEvents"]["nodes"]] == [
        ("tenant.ownership_transferred", f"user:{bakery.owner.id}", f"user:{admin.id}")
    ]
    events = await client.execute(OUTBOX, {"first": 100}, headers=service(service_token))
    mine = [e for e in events.data["outboxEvents"]["nodes"] if e["tenantId"] == bakery.id]
    assert [(e["event"], e["payload"]["newOwnerId"]) for e in mine] == [
        ("tenant.ownership_transferred", admin.id)
    ]


async def test_transfer_ownership_to_a_non_admin_is_refused_and_changes_nothing(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    member, stranger = await client.sign_up(), await client.sign_up()
    await client.add_member(bakery.id, member, "MEMBER", by=bakery.owner)

    to_member = await bakery.run(TRANSFER, {"newOwnerId": member.id})
    to_stranger = await bakery.run(TRANSFER, {"newOwnerId": stranger.id})
    malformed = await bakery.run(TRANSFER, {"newOwnerId": "nope"})

    for result in (to_member, to_stranger):
        assert result.data["transferOwnership"]["errors"] == [
            {
                "code": "NEW_OWNER_NOT_ADMIN",
                "message": "The new owner must already be an ADMIN member of the bakery.",
                "field": "newOwnerId",
            }
        ]
    assert malformed.codes == ["BAD_USER_INPUT"]
    roles = (await bakery.run(ROLES)).data["tenant"]
    assert roles["ownerId"] == bakery.owner.id


async def test_transfer_ownership_is_for_the_owner_or_a_service(
    client: GraphQLClient, service_token: str
) -> None:
    bakery, (first, second) = await with_admins(client, 2)

    by_admin = await client.execute(
        TRANSFER, {"tenantId": bakery.id, "newOwnerId": second.id}, as_=first
    )
    by_service = await client.execute(
        TRANSFER, {"tenantId": bakery.id, "newOwnerId": second.id}, headers=service(service_token)
    )

    assert by_admin.codes == ["FORBIDDEN"]
    assert by_service.data["transferOwnership"]["tenant"]["ownerId"] == second.id


async def test_transfer_ownership_raced_with_transfers_and_deletions_leaves_one_owner(
    client: GraphQLClient, app: Starlette, service_token: str
) -> None:
    bakeries = [await with_admins(client, 3) for _ in range(4)]
    operations, by_owner = [], []
    for index, (bakery, admins) in enumerate(bakeries):
        for admin in admins:  # the owner hands the bakery to three people at once
            operations.append(bakery.run(TRANSFER, {"newOwnerId": admin.id}))
            operations.append(
                client.execute(
                    TRANSFER,
                    {"tenantId": bakery.id, "newOwnerId": admin.id},
                    headers=service(service_token),
                )
            )
            by_owner += [True, False]
        if index % 2 == 0:
            operations.append(delete(bakery, "IMMEDIATE", headers=service(service_token)))
            by_owner.append(False)

    results = await asyncio.gather(*operations)

    # Once the bakery has changed hands (or gone), the owner's next transfer is no longer
    # theirs to make; whatever the order, nothing else fails.
    for result, owners_own in zip(results, by_owner, strict=True):
        assert set(result.codes) <= ({"FORBIDDEN"} if owners_own else set()), result.errors
    async with app.state.resources.database.read() as connection:
        rows = await connection.execute(
            text(
                "SELECT t.id, t.owner_id, t.deleted_at IS NULL AS live, "
                "array_agg(m.user_id) FILTER (WHERE m.role = 'OWNER') AS owners "
                "FROM tenants.tenants t LEFT JOIN tenants.tenant_members m ON m.tenant_id = t.id "
                "WHERE t.id = ANY(:ids) GROUP BY t.id"
            ),
            {"ids": [uuid.UUID(bakery.id) for bakery, _ in bakeries]},
        )
        found = {str(row.id): row for row in rows}
    for index, (bakery, _) in enumerate(bakeries):
        if index % 2 == 0:
            assert bakery.id not in found  # deleted, whichever order things ran in
            continue
        tenant = found[bakery.id]
        assert tenant.live
        assert tenant.owners == [tenant.owner_id]
