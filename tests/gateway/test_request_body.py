"""A /graphql request body past GATEWAY_MAX_REQUEST_BYTES is a 413 with a code, read or not."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import orjson

from gateway.settings import Settings

LIMIT = Settings.model_fields["max_request_bytes"].default


def body_of(size: int) -> bytes:
    """A valid request of exactly `size` bytes: `{ __typename }` padded with a comment."""
    bare = orjson.dumps({"query": "{ __typename }#"})
    padded = orjson.dumps({"query": "{ __typename }#" + "x" * (size - len(bare))})
    assert len(padded) == size
    return padded


async def test_a_body_at_the_limit_is_answered(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/graphql", content=body_of(LIMIT), headers={"content-type": "application/json"}
    )

    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query"}


async def test_a_body_declared_over_the_limit_is_refused_unread(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/graphql", content=body_of(LIMIT + 1), headers={"content-type": "application/json"}
    )

    assert response.status_code == 413
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert "1,048,576 bytes" in error["message"]


async def test_a_body_streamed_past_the_limit_is_refused_once_it_passes(
    http: httpx.AsyncClient,
) -> None:
    sent = 0

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: chunked
        nonlocal sent
        yield b'{"query": "{ __typename }#'
        while sent < 4 * LIMIT:
            sent += 65_536
            yield b"x" * 65_536

    response = await http.post(
        "/graphql", content=chunks(), headers={"content-type": "application/json"}
    )

    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert sent <= LIMIT + 2 * 65_536  # it stopped reading right past the limit
