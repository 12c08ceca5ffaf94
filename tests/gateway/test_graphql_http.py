"""/graphql over HTTP: request parsing, methods, media types and status codes."""

from __future__ import annotations

from typing import Any

import httpx

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"


def error_codes(response: httpx.Response) -> list[str]:
    """`extensions.code` of each error in a JSON response body."""
    body: dict[str, Any] = response.json()
    return [error["extensions"]["code"] for error in body["errors"]]


def media_type(response: httpx.Response) -> str:
    """The response's content type without parameters."""
    return response.headers["content-type"].split(";")[0].strip()


async def test_post_malformed_json_is_a_400_with_a_json_error(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/graphql", content=b'{"query": "{ __typename }"', headers={"Content-Type": JSON}
    )

    assert response.status_code == 400
    assert media_type(response) == GRAPHQL_RESPONSE_JSON  # what `*/*` gets
    body = response.json()
    assert list(body) == ["errors"]
    assert body["errors"][0]["message"]
    assert error_codes(response) == ["BAD_REQUEST"]


async def test_post_without_query_is_a_400_with_a_json_error(http: httpx.AsyncClient) -> None:
    response = await http.post("/graphql", json={"variables": {}})

    assert response.status_code == 400
    assert media_type(response) == GRAPHQL_RESPONSE_JSON  # what `*/*` gets
    assert error_codes(response) == ["BAD_REQUEST"]


PREFLIGHTED = {"apollo-require-preflight": "true"}


async def test_get_query_is_answered(http: httpx.AsyncClient) -> None:
    response = await http.get("/graphql", params={"query": "{ __typename }"}, headers=PREFLIGHTED)

    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query"}


async def test_get_mutation_is_a_405_that_allows_post(http: httpx.AsyncClient) -> None:
    mutation = 'mutation { login(email: "a@example.com", password: "x") { accessToken } }'

    response = await http.get("/graphql", params={"query": mutation}, headers=PREFLIGHTED)

    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert error_codes(response) == ["METHOD_NOT_ALLOWED"]


async def test_post_text_plain_is_a_415(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/graphql", content=b"{ __typename }", headers={"Content-Type": "text/plain"}
    )

    assert response.status_code == 415
    assert error_codes(response) == ["UNSUPPORTED_MEDIA_TYPE"]


async def test_post_validation_error_with_graphql_response_json_is_a_400_without_data(
    http: httpx.AsyncClient,
) -> None:
    response = await http.post(
        "/graphql",
        json={"query": "{ noSuchField }"},
        headers={"Accept": GRAPHQL_RESPONSE_JSON},
    )

    assert response.status_code == 400
    assert media_type(response) == GRAPHQL_RESPONSE_JSON
    assert "data" not in response.json()
    assert error_codes(response) == ["GRAPHQL_VALIDATION_FAILED"]


async def test_post_validation_error_with_json_is_a_200_without_data(
    http: httpx.AsyncClient,
) -> None:
    response = await http.post(
        "/graphql", json={"query": "{ noSuchField }"}, headers={"Accept": JSON}
    )

    assert response.status_code == 200
    assert media_type(response) == JSON
    assert "data" not in response.json()
    assert error_codes(response) == ["GRAPHQL_VALIDATION_FAILED"]


async def test_post_without_accept_answers_graphql_response_json(
    http: httpx.AsyncClient,
) -> None:
    # The spec's legacy watershed (2025-01-01) made the modern media type the default.
    request = http.build_request("POST", "/graphql", json={"query": "{ __typename }"})
    del request.headers["accept"]

    response = await http.send(request)

    assert response.status_code == 200
    assert media_type(response) == GRAPHQL_RESPONSE_JSON
    assert response.json()["data"] == {"__typename": "Query"}


async def test_post_accepting_anything_answers_graphql_response_json(
    http: httpx.AsyncClient,
) -> None:
    response = await http.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Accept": "*/*"}
    )

    assert media_type(response) == GRAPHQL_RESPONSE_JSON


async def test_post_preferring_json_answers_json(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/graphql",
        json={"query": "{ __typename }"},
        headers={"Accept": f"{JSON}, {GRAPHQL_RESPONSE_JSON};q=0.5"},
    )

    assert media_type(response) == JSON


async def test_post_accepting_only_text_plain_is_a_406(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Accept": "text/plain"}
    )

    assert response.status_code == 406
    assert error_codes(response) == ["NOT_ACCEPTABLE"]


async def test_post_syntax_error_is_graphql_parse_failed(http: httpx.AsyncClient) -> None:
    response = await http.post("/graphql", json={"query": "{ me { id "})

    assert "data" not in response.json()
    assert error_codes(response) == ["GRAPHQL_PARSE_FAILED"]


async def test_post_variable_of_the_wrong_type_is_bad_user_input(
    http: httpx.AsyncClient,
) -> None:
    response = await http.post(
        "/graphql",
        json={
            "query": "mutation($email: String!, $password: String!) {"
            " login(email: $email, password: $password) { accessToken } }",
            "variables": {"email": ["not", "a", "string"], "password": "x"},
        },
    )

    assert "data" not in response.json()
    assert error_codes(response) == ["BAD_USER_INPUT"]


async def test_post_field_error_with_graphql_response_json_is_a_200_with_data(
    http: httpx.AsyncClient,
) -> None:
    response = await http.post(
        "/graphql", json={"query": "{ me { id } }"}, headers={"Accept": GRAPHQL_RESPONSE_JSON}
    )

    assert response.status_code == 200
    assert media_type(response) == GRAPHQL_RESPONSE_JSON
    assert response.json()["data"] == {"me": None}
    assert error_codes(response) == ["UNAUTHENTICATED"]
