"""The `externalData` list and `apiKeyUsage`: filters, pages and their bounds."""

from __future__ import annotations

from tests.external.api import EXTERNAL_DATA, TODAY, USAGE, entry, nodes, store
from tests.support import Bakery, GraphQLClient


async def test_external_data_by_date_then_id_in_pages(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    for day in ["2026-03-03", "2026-03-01", "2026-03-02"]:
        await store(bakery, entry(day))
    await store(bakery, entry("2026-03-01", kind="TRAFFIC"))

    first = (await bakery.run(EXTERNAL_DATA, {"first": 3})).data["tenant"]["externalData"]
    rest = await bakery.run(EXTERNAL_DATA, {"first": 3, "after": first["pageInfo"]["endCursor"]})

    dates = [node["date"] for node in first["nodes"]]
    assert dates == ["2026-03-01", "2026-03-01", "2026-03-02"]
    same_day = [node["id"] for node in first["nodes"][:2]]
    assert same_day == sorted(same_day)
    assert first["totalCount"] == 4
    assert first["pageInfo"]["hasNextPage"] is True
    rest_page = rest.data["tenant"]["externalData"]
    assert [node["date"] for node in rest_page["nodes"]] == ["2026-03-03"]
    assert rest_page["pageInfo"]["hasNextPage"] is False


async def test_external_data_filtered_by_kind_range_and_location(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    madrid = await store(bakery, entry("2026-03-01"))
    traffic = await store(bakery, entry("2026-03-05", kind="TRAFFIC"))
    barcelona = await store(bakery, entry("2026-03-09", location="Barcelona"))

    async def ids(**variables: str) -> list[str]:
        return [node["id"] for node in nodes(await bakery.run(EXTERNAL_DATA, variables))]

    assert await ids(kind="WEATHER") == [madrid["id"], barcelona["id"]]
    assert await ids(kind="HOLIDAYS") == []
    assert await ids(**{"from": "2026-03-02", "to": "2026-03-09"}) == [
        traffic["id"],
        barcelona["id"],
    ]
    assert await ids(to="2026-03-05") == [madrid["id"], traffic["id"]]
    assert await ids(location=" barcelona ") == [barcelona["id"]]
    assert await ids(
        location="Madrid", kind="WEATHER", **{"from": "2026-03-01", "to": "2026-03-01"}
    ) == [madrid["id"]]


async def test_external_data_refuses_reversed_or_too_long_ranges(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    reversed_days = await bakery.run(EXTERNAL_DATA, {"from": "2026-03-05", "to": "2026-03-01"})
    too_long = await bakery.run(EXTERNAL_DATA, {"from": "2026-01-01", "to": "2027-01-02"})
    a_year = await bakery.run(EXTERNAL_DATA, {"from": "2026-01-01", "to": "2027-01-01"})
    usage_too_long = await bakery.run(USAGE, {"from": "2025-01-01", "to": TODAY})
    usage_reversed = await bakery.run(USAGE, {"from": TODAY, "to": "2020-01-01"})

    assert reversed_days.codes == ["BAD_USER_INPUT"]
    assert too_long.codes == ["BAD_USER_INPUT"]
    assert "366 days" in too_long.errors[0]["message"]
    assert a_year.errors == []
    assert usage_too_long.codes == ["BAD_USER_INPUT"]
    assert usage_reversed.codes == ["BAD_USER_INPUT"]


async def test_api_key_usage_is_empty_outside_the_days_of_the_calls(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    await store(bakery, entry("2026-03-01"))

    result = await bakery.run(USAGE, {"from": "2020-01-01", "to": "2020-12-31"})

    assert result.errors == []
    assert result.data["tenant"]["apiKeyUsage"] == []
