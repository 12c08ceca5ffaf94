"""X-Request-ID on every response, and CORS for the configured origins only."""

from __future__ import annotations

import httpx

ALLOWED_ORIGIN = "https://app.example.com"  # settings.cors_origins in tests/conftest.py


async def test_request_id_is_generated_when_none_is_sent(http: httpx.AsyncClient) -> None:
    first = await http.get("/healthz")
    second = await http.get("/healthz")

    assert first.headers["x-request-id"]
    assert second.headers["x-request-id"]
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


async def test_request_id_valid_incoming_is_echoed(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/graphql",
        json={"query": "{ __typename }"},
        headers={"X-Request-ID": "client-42.retry:1_a"},
    )

    assert response.headers["x-request-id"] == "client-42.retry:1_a"


async def test_request_id_with_spaces_is_replaced(http: httpx.AsyncClient) -> None:
    response = await http.get("/healthz", headers={"X-Request-ID": "id with spaces"})

    assert response.headers["x-request-id"]
    assert response.headers["x-request-id"] != "id with spaces"
    assert " " not in response.headers["x-request-id"]


async def test_request_id_too_long_is_replaced(http: httpx.AsyncClient) -> None:
    too_long = "a" * 300

    response = await http.get("/healthz", headers={"X-Request-ID": too_long})

    assert response.headers["x-request-id"]
    assert response.headers["x-request-id"] != too_long
    assert len(response.headers["x-request-id"]) <= 128


async def test_cors_preflight_from_allowed_origin_allows_auth_headers(
    http: httpx.AsyncClient,
) -> None:
    response = await http.options(
        "/graphql",
        headers={
            "Origin": ALLOWED_ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type, x-demo-session-id",
        },
    )

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    allowed_headers = {
        header.strip().lower()
        for header in response.headers["access-control-allow-headers"].split(",")
    }
    assert {"authorization", "x-demo-session-id"} <= allowed_headers
    assert "POST" in response.headers["access-control-allow-methods"]


async def test_cors_preflight_from_other_origin_is_not_allowed(http: httpx.AsyncClient) -> None:
    response = await http.options(
        "/graphql",
        headers={
            "Origin": "https://evil.example.net",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization",
        },
    )

    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers


async def test_cors_simple_request_exposes_the_request_id(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Origin": ALLOWED_ORIGIN}
    )

    assert response.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert "x-request-id" in response.headers["access-control-expose-headers"].lower()


async def test_cors_preflight_allows_a_get_operation_with_its_csrf_header(
    http: httpx.AsyncClient,
) -> None:
    response = await http.options(
        "/graphql",
        headers={
            "Origin": ALLOWED_ORIGIN,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "apollo-require-preflight, x-apollo-operation-name",
        },
    )

    assert response.status_code == 200
    allowed_headers = {
        header.strip().lower()
        for header in response.headers["access-control-allow-headers"].split(",")
    }
    assert {"apollo-require-preflight", "x-apollo-operation-name"} <= allowed_headers
