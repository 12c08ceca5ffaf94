"""`deleteUser` and `deleteUserMemberships`: bakeries handed over or deleted, data erased."""

from __future__ import annotations

import uuid

from sqlalchemy import text
from starlette.applications import Starlette

from tests.lifecycle.api import AUDIT, DELETE_MEMBERSHIPS, DELETE_USER, OUTBOX, service
from tests.notifications.api import send
from tests.production.support import Kitchen
from tests.support import Bakery, GraphQLClient

ME = "query { me { id } }"


async def test_delete_user_memberships_removes_a_person_but_not_from_bakeries_they_own(
    client: GraphQLClient, service_token: str
) -> None:
    owned = await Bakery.open(client)
    other = await Bakery.open(client)
    await client.add_member(other.id, owned.owner, "MEMBER", by=other.owner)

    result = await client.execute(
        DELETE_MEMBERSHIPS, {"userId": owned.owner.id}, headers=service(service_token)
    )

    payload = result.data["deleteUserMemberships"]
    assert payload["removedFromTenantIds"] == [other.id]
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("OWNS_TENANT", "userId")]
    assert owned.id in payload["errors"][0]["message"]
    assert (await owned.run("query($tenantId: ID!) { tenant(id: $tenantId) { id } }")).errors == []
    audit = await client.execute(AUDIT, {"tenantId": other.id}, as_=other.owner)
    assert [e["action"] for e in audit.data["auditEvents"]["nodes"]] == ["tenant.member_removed"]


async def test_delete_user_memberships_is_for_services_only(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    result = await client.execute(DELETE_MEMBERSHIPS, {"userId": bakery.owner.id}, as_=bakery.owner)

    assert result.codes == ["FORBIDDEN"]


async def test_delete_user_hands_bakeries_over_deletes_the_rest_and_erases_the_person(
    client: GraphQLClient, app: Starlette, service_token: str
) -> None:
    with_admin = await Bakery.open(client)
    alone = await Bakery.open(client)
    person = with_admin.owner
    await client.add_member(alone.id, person, "ADMIN", by=alone.owner)
    alone_owner = alone.owner
    # `person` will own `alone` too: handed over by its owner, who has no other admin.
    first_admin, second_admin = await client.sign_up(), await client.sign_up()
    await client.add_member(with_admin.id, first_admin, "ADMIN", by=person)
    await client.add_member(with_admin.id, second_admin, "ADMIN", by=person)
    solo = await Bakery.open(client)
    await client.execute(
        "mutation($t: ID!, $u: ID!) { transferOwnership(tenantId: $t, newOwnerId: $u) "
        "{ errors { code } } }",
        {"t": alone.id, "u": person.id},
        as_=alone_owner,
    )
    await client.execute(
        "mutation($t: ID!, $u: ID!) { removeTenantMember(tenantId: $t, userId: $u) "
        "{ errors { code } } }",
        {"t": alone.id, "u": alone_owner.id},
        as_=person,
    )
    await send(app, with_admin, [person, first_admin], subject="Para todos")
    batch = await (await Kitchen.open(with_admin)).started()  # `person` is its operator

    result = await client.execute(DELETE_USER, {"userId": person.id, "reason": "RGPD"}, as_=person)

    payload = result.data["deleteUser"]
    assert payload["errors"] == [], payload
    assert payload["transferredTenants"] == [{"id": with_admin.id, "ownerId": first_admin.id}]
    assert [(j["tenantId"], j["status"], j["mode"]) for j in payload["deletionJobs"]] == [
        (alone.id, "SCHEDULED", "SCHEDULED")
    ]
    # The account no longer works, at once.
    assert (await client.execute(ME, as_=person)).codes == ["UNAUTHENTICATED"]
    async with app.state.resources.database.read() as connection:
        left = await connection.execute(
            text(
                "SELECT (SELECT count(*) FROM users.users WHERE id = :u), "
                "(SELECT count(*) FROM tenants.tenant_members WHERE user_id = :u), "
                "(SELECT count(*) FROM notifications.notifications WHERE recipient_id = :u), "
                "(SELECT count(*) FROM notifications.notifications WHERE recipient_id = :a), "
                "(SELECT count(*) FROM production.production_batches "
                "WHERE id = :b AND operator_id IS NULL)"
            ),
            {"u": uuid.UUID(person.id), "a": uuid.UUID(first_admin.id), "b": uuid.UUID(batch)},
        )
        # Rows that exist for the person go; the batch they ran stays, without their id.
        assert tuple(left.one()) == (0, 0, 0, 1, 1)
    events = await client.execute(OUTBOX, {"first": 100}, headers=service(service_token))
    deleted = [e for e in events.data["outboxEvents"]["nodes"] if e["event"] == "user.deleted"]
    assert any(e["payload"]["userId"] == person.id for e in deleted)
    assert solo.id  # an unrelated bakery is untouched
    assert (await solo.run("query($tenantId: ID!) { tenant(id: $tenantId) { id } }")).errors == []


async def test_delete_user_is_for_the_person_or_a_service(
    client: GraphQLClient, service_token: str
) -> None:
    person, other = await client.sign_up(), await client.sign_up()

    by_other = await client.execute(DELETE_USER, {"userId": person.id}, as_=other)
    by_service = await client.execute(
        DELETE_USER, {"userId": person.id}, headers=service(service_token)
    )
    missing = await client.execute(
        DELETE_USER, {"userId": person.id}, headers=service(service_token)
    )

    assert by_other.codes == ["FORBIDDEN"]
    assert by_service.data["deleteUser"]["errors"] == []
    assert missing.data["deleteUser"]["errors"][0]["code"] == "USER_NOT_FOUND"
