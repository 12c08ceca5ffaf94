"""The external data API as the tests call it: operations and shortcuts that expect success."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tests.support import Account, Bakery, Result

TODAY = datetime.now(UTC).date().isoformat()

STORE = """
mutation($tenantId: ID!, $input: StoreExternalDataInput!) {
  storeExternalData(tenantId: $tenantId, input: $input) {
    data { id kind location date provider payload fetchedAt }
    errors { code message field }
  }
}
"""
EXTERNAL_DATA = """
query($tenantId: ID!, $first: Int, $after: String, $kind: ExternalDataKind, $from: Date,
      $to: Date, $location: String) {
  tenant(id: $tenantId) {
    externalData(first: $first, after: $after, kind: $kind, from: $from, to: $to,
                 location: $location) {
      totalCount
      nodes { id kind location date provider payload }
      pageInfo { hasNextPage endCursor }
    }
  }
}
"""
USAGE = """
query($tenantId: ID!, $from: Date!, $to: Date!) {
  tenant(id: $tenantId) { apiKeyUsage(from: $from, to: $to) { provider day calls } }
}
"""


def entry(
    date: str,
    *,
    kind: str = "WEATHER",
    location: str = "Madrid",
    payload: Any = None,
    provider: str = "aemet",
) -> dict[str, Any]:
    """A `StoreExternalDataInput`."""
    return {
        "kind": kind,
        "location": location,
        "date": date,
        "payload": {"tempC": 21.5} if payload is None else payload,
        "provider": provider,
    }


async def store_result(
    bakery: Bakery,
    given: dict[str, Any],
    *,
    as_: Account | None = None,
    headers: dict[str, str] | None = None,
) -> Result:
    """The response to `storeExternalData`, as the owner unless `as_` or `headers` say otherwise."""
    return await bakery.client.execute(
        STORE,
        {"tenantId": bakery.id, "input": given},
        as_=None if headers else as_ or bakery.owner,
        headers=headers,
    )


async def store(bakery: Bakery, given: dict[str, Any]) -> dict[str, Any]:
    """Store an entry as the owner; returns it as `STORE` selects it."""
    result = await store_result(bakery, given)
    assert result.errors == [], result.body
    payload = result.data["storeExternalData"]
    assert payload["errors"] == [], payload
    data: dict[str, Any] = payload["data"]
    return data


def nodes(result: Result) -> list[dict[str, Any]]:
    """The listed entries, in order (top-level errors fail the test)."""
    assert result.errors == [], result.body
    listed: list[dict[str, Any]] = result.data["tenant"]["externalData"]["nodes"]
    return listed


def error_fields(result: Result) -> list[tuple[str, str | None]]:
    """(code, field) of each error of the `storeExternalData` payload."""
    assert result.errors == [], result.body
    errors = result.data["storeExternalData"]["errors"]
    return [(error["code"], error["field"]) for error in errors]
