"""`storeExternalData`: round trip, replacement, usage counting and input checks."""

from __future__ import annotations

from typing import Any

from tests.external.api import (
    EXTERNAL_DATA,
    TODAY,
    USAGE,
    entry,
    error_fields,
    nodes,
    store,
    store_result,
)
from tests.support import Bakery, GraphQLClient


async def test_store_external_data_round_trips_the_payload(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    payload: dict[str, Any] = {
        "tempC": 21.5,
        "rainMm": 0,
        "hourly": [{"h": 9, "sky": "despejado"}, {"h": 10, "sky": "nubes"}],
        "alerts": None,
        "windy": False,
        "note": "Día soleado ☀",
        "nested": {"a": {"b": [1, 2.25, "x", None, True]}},
    }

    stored = await store(bakery, entry("2026-03-01", payload=payload, provider=" AEMET "))
    listed = nodes(await bakery.run(EXTERNAL_DATA))

    assert stored["payload"] == payload
    assert stored["provider"] == "aemet"
    assert (stored["kind"], stored["location"], stored["date"]) == (
        "WEATHER",
        "Madrid",
        "2026-03-01",
    )
    assert listed == [{key: stored[key] for key in listed[0]}]
    assert listed[0]["payload"] == payload


async def test_store_external_data_replaces_the_same_kind_location_and_date(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    first = await store(bakery, entry("2026-03-01", payload={"tempC": 10}))
    other_kind = await store(bakery, entry("2026-03-01", kind="TRAFFIC", payload={"level": 2}))

    second = await store(
        bakery, entry("2026-03-01", location="madrid", payload={"tempC": 12}, provider="meteo")
    )
    listed = nodes(await bakery.run(EXTERNAL_DATA))

    assert second["id"] == first["id"]
    assert second["payload"] == {"tempC": 12}
    assert second["provider"] == "meteo"
    assert second["fetchedAt"] >= first["fetchedAt"]
    assert sorted(node["id"] for node in listed) == sorted([first["id"], other_kind["id"]])
    weather = next(node for node in listed if node["kind"] == "WEATHER")
    assert weather["payload"] == {"tempC": 12}


async def test_store_external_data_counts_calls_per_provider_and_day(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    for day in ["2026-03-01", "2026-03-02", "2026-03-01"]:
        await store(bakery, entry(day, provider="aemet"))
    await store(bakery, entry("2026-03-01", kind="HOLIDAYS", provider="Calendarific"))

    result = await bakery.run(USAGE, {"from": TODAY, "to": TODAY})

    assert result.errors == [], result.body
    assert result.data["tenant"]["apiKeyUsage"] == [
        {"provider": "aemet", "day": TODAY, "calls": 3},
        {"provider": "calendarific", "day": TODAY, "calls": 1},
    ]


async def test_store_external_data_refuses_an_oversized_payload(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    too_big = {"blob": "x" * (64 * 1024)}
    just_fits = {"blob": "x" * (64 * 1024 - len('{"blob":""}'))}

    refused = await store_result(bakery, entry("2026-03-01", payload=too_big))
    accepted = await store_result(bakery, entry("2026-03-02", payload=just_fits))

    assert error_fields(refused) == [("INVALID_INPUT", "payload")]
    assert "64 KiB" in refused.data["storeExternalData"]["errors"][0]["message"]
    assert error_fields(accepted) == []
    usage = await bakery.run(USAGE, {"from": TODAY, "to": TODAY})
    assert usage.data["tenant"]["apiKeyUsage"] == [{"provider": "aemet", "day": TODAY, "calls": 1}]


async def test_store_external_data_refuses_bad_input_all_at_once(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    given = {
        **entry("2026-03-01", location="  ", provider="", payload="just text"),
        "statusCode": 42,
        "durationMs": -1,
    }

    refused = await store_result(bakery, given)
    nul = await store_result(bakery, entry("2026-03-01", payload={"text": "a\u0000b"}))
    listed = nodes(await bakery.run(EXTERNAL_DATA))

    assert sorted(error_fields(refused), key=str) == sorted(
        [
            ("INVALID_INPUT", "location"),
            ("INVALID_INPUT", "payload"),
            ("INVALID_INPUT", "provider"),
            ("INVALID_INPUT", "statusCode"),
            ("INVALID_INPUT", "durationMs"),
        ],
        key=str,
    )
    assert nul.codes == ["BAD_USER_INPUT"]  # NUL is refused in any text (schema.extensions)
    assert listed == []


async def test_store_external_data_refuses_a_malformed_date(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    result = await store_result(bakery, entry("2026-02-30"))

    assert result.data is None
    assert result.codes == ["BAD_USER_INPUT"]
