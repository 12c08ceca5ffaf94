"""`updateNotificationPreferences`, `notificationPreferences`, and `notify` respecting them."""

from __future__ import annotations

import uuid

from starlette.applications import Starlette

from domains.notifications import service
from domains.notifications.kinds import NotificationChannel, NotificationEvent
from tests.notifications.api import (
    PREFERENCES,
    UPDATE_PREFERENCES,
    member,
    notifications_of,
    preference,
    send,
)
from tests.support import Bakery, GraphQLClient, counting_statements


async def test_update_notification_preferences_returns_every_event_and_channel(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    changes = [preference("LOW_STOCK", "EMAIL", False), preference("GENERAL", "SMS", False)]

    result = await bakery.run(UPDATE_PREFERENCES, {"input": {"preferences": changes}})
    read_back = await bakery.run(PREFERENCES)

    payload = result.data["updateNotificationPreferences"]
    assert payload["errors"] == []
    turned_off = [p for p in payload["preferences"] if not p["enabled"]]
    assert turned_off == [
        {"event": "GENERAL", "channel": "SMS", "enabled": False},
        {"event": "LOW_STOCK", "channel": "EMAIL", "enabled": False},
    ]
    assert len(payload["preferences"]) == len(NotificationEvent) * len(NotificationChannel)
    assert read_back.data["tenant"]["notificationPreferences"] == payload["preferences"]


async def test_update_notification_preferences_turns_back_on(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    off = {"preferences": [preference("EXPIRY", "IN_APP", False)]}
    on = {"preferences": [preference("EXPIRY", "IN_APP", True)]}

    await bakery.run(UPDATE_PREFERENCES, {"input": off})
    result = await bakery.run(UPDATE_PREFERENCES, {"input": on})

    preferences = result.data["updateNotificationPreferences"]["preferences"]
    assert all(p["enabled"] for p in preferences)


async def test_update_notification_preferences_are_each_members_own(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    viewer = await member(bakery, "VIEWER")

    by_viewer = await client.execute(
        UPDATE_PREFERENCES,
        {
            "tenantId": bakery.id,
            "input": {"preferences": [preference("GENERAL", "IN_APP", False)]},
        },
        as_=viewer,
    )
    owners = await bakery.run(PREFERENCES)

    assert by_viewer.data["updateNotificationPreferences"]["errors"] == []
    assert all(p["enabled"] for p in owners.data["tenant"]["notificationPreferences"])


async def test_update_notification_preferences_refuses_bad_input(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    twice = [preference("GENERAL", "SMS", False), preference("GENERAL", "SMS", True)]

    empty = await bakery.run(UPDATE_PREFERENCES, {"input": {"preferences": []}})
    duplicated = await bakery.run(UPDATE_PREFERENCES, {"input": {"preferences": twice}})

    for result in (empty, duplicated):
        payload = result.data["updateNotificationPreferences"]
        assert payload["preferences"] == []
        assert [(e["code"], e["field"]) for e in payload["errors"]] == [
            ("INVALID_INPUT", "preferences")
        ]


async def test_update_notification_preferences_refuses_services_and_strangers(
    client: GraphQLClient, service_token: str
) -> None:
    bakery, stranger = await Bakery.open(client), await Bakery.open(client)
    variables = {
        "tenantId": bakery.id,
        "input": {"preferences": [preference("GENERAL", "SMS", False)]},
    }

    as_service = await client.execute(
        UPDATE_PREFERENCES, variables, headers={"Authorization": f"Bearer {service_token}"}
    )
    as_stranger = await client.execute(UPDATE_PREFERENCES, variables, as_=stranger.owner)
    malformed = await client.execute(
        UPDATE_PREFERENCES, {**variables, "tenantId": "x"}, as_=bakery.owner
    )

    assert as_service.codes == ["FORBIDDEN"]
    assert as_stranger.codes == ["FORBIDDEN"]
    assert malformed.codes == ["BAD_USER_INPUT"]


async def test_notify_skips_members_who_turned_the_channel_off(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery = await Bakery.open(client)
    quiet, chatty = await member(bakery, "MEMBER"), await member(bakery, "MEMBER")
    await client.execute(
        UPDATE_PREFERENCES,
        {
            "tenantId": bakery.id,
            "input": {"preferences": [preference("LOW_STOCK", "EMAIL", False)]},
        },
        as_=quiet,
    )

    emailed = await send(
        app,
        bakery,
        [quiet, chatty],
        channel=NotificationChannel.EMAIL,
        event=NotificationEvent.LOW_STOCK,
    )
    in_app = await send(
        app, bakery, [quiet], channel=NotificationChannel.IN_APP, event=NotificationEvent.LOW_STOCK
    )
    general = await send(
        app, bakery, [quiet], channel=NotificationChannel.EMAIL, event=NotificationEvent.GENERAL
    )

    assert len(emailed) == 1
    assert [n["channel"] for n in await notifications_of(bakery, chatty)] == ["EMAIL"]
    assert len(in_app) == 1  # only email was turned off
    assert len(general) == 1  # only for low stock
    assert {n["channel"] for n in await notifications_of(bakery, quiet)} == {"IN_APP", "EMAIL"}


async def test_notify_writes_every_recipient_in_one_insert(
    client: GraphQLClient, app: Starlette
) -> None:
    bakery = await Bakery.open(client)
    members = [await member(bakery, "MEMBER") for _ in range(5)]

    with counting_statements(app) as statements:
        written = await send(app, bakery, members)

    assert len(written) == 5
    assert [s for s in statements if "notifications" in s] == [
        s for s in statements if s.lstrip().startswith("INSERT")
    ]
    assert len([s for s in statements if s.lstrip().startswith("INSERT")]) == 1


async def test_notify_without_recipients_writes_nothing(app: Starlette) -> None:
    async with app.state.resources.database.engine.begin() as connection:
        written = await service.notify(
            connection,
            tenant_id=uuid.uuid4(),
            recipients=[],
            channel=NotificationChannel.IN_APP,
            subject="Nada",
            body="",
        )

    assert written == []
