"""GraphQL over HTTP: the request parameters, methods, charsets and CSRF rules of the spec."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"
PREFLIGHTED = {"apollo-require-preflight": "true"}


def codes(response: httpx.Response) -> list[str]:
    """`extensions.code` of each error."""
    return [error["extensions"]["code"] for error in response.json()["errors"]]


@pytest.mark.parametrize(
    "body",
    [
        {"query": 123},
        {"query": ["{ __typename }"]},
        {"query": "{ __typename }", "operationName": 1},
        {"query": "{ __typename }", "operationName": {"name": "x"}},
        {"query": "{ __typename }", "variables": "{}"},
        {"query": "{ __typename }", "variables": [1]},
        {"query": "{ __typename }", "extensions": "{}"},
        {"query": "{ __typename }", "extensions": 7},
    ],
)
async def test_post_with_a_parameter_of_the_wrong_type_is_a_400(
    http: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    for accept in (JSON, GRAPHQL_RESPONSE_JSON):
        response = await http.post("/graphql", json=body, headers={"Accept": accept})

        assert response.status_code == 400
        assert response.headers["content-type"].startswith(accept)
        assert "data" not in response.json()
        assert codes(response) == ["BAD_REQUEST"]


@pytest.mark.parametrize(
    "body", [b"[]", b'[{"query": "{ __typename }"}]', b'"{ me { id } }"', b"3"]
)
async def test_post_whose_body_is_not_one_json_object_is_a_400(
    http: httpx.AsyncClient, body: bytes
) -> None:
    response = await http.post("/graphql", content=body, headers={"Content-Type": JSON})

    assert response.status_code == 400
    assert codes(response) == ["BAD_REQUEST"]


async def test_post_with_null_parameters_is_answered(http: httpx.AsyncClient) -> None:
    body = {"query": "{ __typename }", "operationName": None, "variables": None, "extensions": None}

    response = await http.post("/graphql", json=body, headers={"Accept": GRAPHQL_RESPONSE_JSON})

    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query"}


async def test_post_utf8_charset_is_answered_and_another_charset_is_a_415(
    http: httpx.AsyncClient,
) -> None:
    body = b'{"query": "{ __typename }"}'

    utf8 = await http.post(
        "/graphql", content=body, headers={"Content-Type": "application/json; charset=utf-8"}
    )
    latin1 = await http.post(
        "/graphql", content=body, headers={"Content-Type": "application/json; charset=latin1"}
    )

    assert utf8.status_code == 200
    assert latin1.status_code == 415
    assert codes(latin1) == ["UNSUPPORTED_MEDIA_TYPE"]


async def test_post_without_content_type_is_a_415(http: httpx.AsyncClient) -> None:
    request = http.build_request("POST", "/graphql", content=b'{"query": "{ __typename }"}')
    request.headers.pop("content-type", None)

    response = await http.send(request)

    assert response.status_code == 415


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
async def test_other_methods_are_a_405_that_allows_get_and_post(
    http: httpx.AsyncClient, method: str
) -> None:
    response = await http.request(method, "/graphql", json={"query": "{ __typename }"})

    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert codes(response) == ["METHOD_NOT_ALLOWED"]


async def test_get_with_url_encoded_variables_and_operation_name_is_answered(
    http: httpx.AsyncClient,
) -> None:
    params = {
        "query": "query A($id: ID!) { tenant(id: $id) { id } } query B { __typename }",
        "operationName": "B",
        "variables": '{"id": "x"}',
    }

    response = await http.get("/graphql", params=params, headers=PREFLIGHTED)

    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query"}


async def test_get_with_variables_that_are_not_json_is_a_400(http: httpx.AsyncClient) -> None:
    params = {"query": "{ __typename }", "variables": "{not json"}

    response = await http.get("/graphql", params=params, headers=PREFLIGHTED)

    assert response.status_code == 400
    assert codes(response) == ["BAD_REQUEST"]


async def test_get_operation_without_a_preflight_header_is_refused_as_csrf(
    http: httpx.AsyncClient,
) -> None:
    response = await http.get("/graphql", params={"query": "{ me { id } }"})

    assert response.status_code == 400
    assert codes(response) == ["CSRF_PREVENTION"]


@pytest.mark.parametrize(
    "headers",
    [
        {"apollo-require-preflight": "true"},
        {"x-apollo-operation-name": "Me"},
        {"Content-Type": JSON},
    ],
)
async def test_get_operation_with_a_header_no_form_can_send_is_answered(
    http: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    response = await http.get("/graphql", params={"query": "{ __typename }"}, headers=headers)

    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query"}


async def test_get_graphiql_page_needs_no_preflight_header(http: httpx.AsyncClient) -> None:
    response = await http.get("/graphql", headers={"Accept": "text/html"})

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
async def test_post_of_a_simple_content_type_runs_nothing(
    http: httpx.AsyncClient, content_type: str
) -> None:
    body = json.dumps(
        {"query": 'mutation { login(email: "a@example.com", password: "x") { user { id } } }'}
    ).encode()

    response = await http.post("/graphql", content=body, headers={"Content-Type": content_type})

    assert response.status_code == 415
    assert codes(response) == ["UNSUPPORTED_MEDIA_TYPE"]


async def test_request_error_with_graphql_response_json_is_answered_in_that_media_type(
    http: httpx.AsyncClient,
) -> None:
    response = await http.post(
        "/graphql", json={"variables": {}}, headers={"Accept": GRAPHQL_RESPONSE_JSON}
    )

    assert response.status_code == 400
    assert response.headers["content-type"] == f"{GRAPHQL_RESPONSE_JSON}; charset=utf-8"


async def test_get_with_an_empty_operation_name_runs_the_only_operation(
    http: httpx.AsyncClient,
) -> None:
    params = {"query": "{ __typename }", "operationName": "", "variables": ""}

    response = await http.get("/graphql", params=params, headers=PREFLIGHTED)

    assert response.status_code == 200
    assert response.json()["data"] == {"__typename": "Query"}
