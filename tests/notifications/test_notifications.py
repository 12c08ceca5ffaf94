"""The `notifications` list and `markNotificationRead`: who sees and marks what."""

from __future__ import annotations

import uuid

from starlette.applications import Starlette

from domains.notifications.kinds import NotificationChannel
from tests.notifications.api import MARK_READ, NOTIFICATIONS, member, notifications_of, send
from tests.support import Bakery, GraphQLClient


async def test_notifications_a_member_sees_only_their_own(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery = await Bakery.open(client)
    baker, cashier = await member(bakery, "MEMBER"), await member(bakery, "VIEWER")
    await send(app, bakery, [baker], subject="Para el panadero")
    await send(app, bakery, [cashier], subject="Para la cajera")

    seen_by_baker = await notifications_of(bakery, baker)
    seen_by_cashier = await notifications_of(bakery, cashier)

    assert [(n["subject"], n["recipientId"]) for n in seen_by_baker] == [
        ("Para el panadero", baker.id)
    ]
    assert [n["subject"] for n in seen_by_cashier] == ["Para la cajera"]
    assert seen_by_baker[0]["recipient"] == {"id": baker.id}


async def test_notifications_an_admin_and_a_service_see_everyones(
    client: GraphQLClient, app: Starlette, service_token: str
) -> None:
    bakery = await Bakery.open(client)
    baker, admin = await member(bakery, "MEMBER"), await member(bakery, "ADMIN")
    await send(app, bakery, [baker], subject="Uno")
    await send(app, bakery, [bakery.owner], subject="Dos")

    seen_by_admin = await notifications_of(bakery, admin)
    seen_by_owner = await notifications_of(bakery, bakery.owner)
    as_service = await client.execute(
        NOTIFICATIONS,
        {"tenantId": bakery.id},
        headers={"Authorization": f"Bearer {service_token}"},
    )

    assert [n["subject"] for n in seen_by_admin] == ["Uno", "Dos"]
    assert [n["subject"] for n in seen_by_owner] == ["Uno", "Dos"]
    assert as_service.data["tenant"]["notifications"]["totalCount"] == 2


async def test_notifications_in_app_are_sent_email_and_sms_wait(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery = await Bakery.open(client)
    for channel in NotificationChannel:
        await send(app, bakery, [bakery.owner], channel=channel)

    nodes = await notifications_of(bakery, bakery.owner)

    assert {(n["channel"], n["status"]) for n in nodes} == {
        ("EMAIL", "PENDING"),
        ("SMS", "PENDING"),
        ("IN_APP", "SENT"),
    }
    assert all(n["readAt"] is None and n["event"] == "GENERAL" for n in nodes)


async def test_notifications_unread_only_leaves_out_the_read_ones(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery = await Bakery.open(client)
    first, second = await send(app, bakery, [bakery.owner]), await send(app, bakery, [bakery.owner])
    await bakery.run(MARK_READ, {"id": first[0]})

    unread = await notifications_of(bakery, bakery.owner, unread_only=True)

    assert [n["id"] for n in unread] == second


async def test_notifications_page_with_cursors(client: GraphQLClient, app: Starlette) -> None:
    bakery = await Bakery.open(client)
    ids = [(await send(app, bakery, [bakery.owner], subject=f"N{i}"))[0] for i in range(3)]

    first_page = await bakery.run(NOTIFICATIONS, {"first": 2})
    connection = first_page.data["tenant"]["notifications"]
    second_page = await bakery.run(
        NOTIFICATIONS, {"first": 2, "after": connection["pageInfo"]["endCursor"]}
    )

    assert [n["id"] for n in connection["nodes"]] == ids[:2]
    assert connection["pageInfo"]["hasNextPage"] is True
    assert [n["id"] for n in second_page.data["tenant"]["notifications"]["nodes"]] == ids[2:]


async def test_notifications_of_another_bakery_are_forbidden(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery, stranger = await Bakery.open(client), await Bakery.open(client)
    await send(app, bakery, [bakery.owner])

    result = await client.execute(NOTIFICATIONS, {"tenantId": bakery.id}, as_=stranger.owner)

    assert result.codes == ["FORBIDDEN"]
    assert result.data == {"tenant": None}


async def test_mark_notification_read_by_its_recipient(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery = await Bakery.open(client)
    baker = await member(bakery, "VIEWER")
    [notification_id] = await send(app, bakery, [baker])
    variables = {"tenantId": bakery.id, "id": notification_id}

    first = await client.execute(MARK_READ, variables, as_=baker)
    again = await client.execute(MARK_READ, variables, as_=baker)

    marked = first.data["markNotificationRead"]
    assert marked["errors"] == []
    assert marked["notification"]["status"] == "READ"
    assert marked["notification"]["readAt"] is not None
    assert again.data["markNotificationRead"]["notification"] == marked["notification"]


async def test_mark_notification_read_by_an_admin_for_someone_else(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery = await Bakery.open(client)
    baker, admin = await member(bakery, "MEMBER"), await member(bakery, "ADMIN")
    [notification_id] = await send(app, bakery, [baker])

    result = await client.execute(
        MARK_READ, {"tenantId": bakery.id, "id": notification_id}, as_=admin
    )

    assert result.data["markNotificationRead"]["notification"]["status"] == "READ"


async def test_mark_notification_read_by_another_member_is_forbidden(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery = await Bakery.open(client)
    baker, colleague = await member(bakery, "MEMBER"), await member(bakery, "MEMBER")
    [notification_id] = await send(app, bakery, [baker])

    result = await client.execute(
        MARK_READ, {"tenantId": bakery.id, "id": notification_id}, as_=colleague
    )

    assert result.codes == ["FORBIDDEN"]
    assert [n["status"] for n in await notifications_of(bakery, baker)] == ["SENT"]


async def test_mark_notification_read_of_another_bakery_is_not_found(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    [foreign] = await send(app, other, [other.owner])

    for notification_id in (foreign, str(uuid.uuid4())):
        result = await bakery.run(MARK_READ, {"id": notification_id})

        payload = result.data["markNotificationRead"]
        assert payload["notification"] is None
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [("NOT_FOUND", "id")]
    assert [n["status"] for n in await notifications_of(other, other.owner)] == ["SENT"]


async def test_mark_notification_read_in_another_bakery_is_forbidden(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery, stranger = await Bakery.open(client), await Bakery.open(client)
    [notification_id] = await send(app, bakery, [bakery.owner])

    result = await client.execute(
        MARK_READ, {"tenantId": bakery.id, "id": notification_id}, as_=stranger.owner
    )

    assert result.codes == ["FORBIDDEN"]


async def test_mark_notification_read_with_malformed_ids(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    bad_id = await bakery.run(MARK_READ, {"id": "not-a-uuid"})
    bad_tenant = await client.execute(
        MARK_READ, {"tenantId": "nope", "id": str(uuid.uuid4())}, as_=bakery.owner
    )

    assert bad_id.codes == ["BAD_USER_INPUT"]
    assert bad_tenant.codes == ["BAD_USER_INPUT"]


async def test_mark_notification_read_needs_authentication(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    result = await client.execute(MARK_READ, {"tenantId": bakery.id, "id": str(uuid.uuid4())})

    assert result.codes == ["UNAUTHENTICATED"]
