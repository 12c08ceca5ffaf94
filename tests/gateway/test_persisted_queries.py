"""Automatic persisted queries (Apollo's protocol): by hash once known, refused when unknown or
mismatched; with an allow-list, only its operations run."""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager

from gateway.app import create_app
from gateway.settings import Settings

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
PREFLIGHTED = {"apollo-require-preflight": "true"}


def persisted(query: str) -> dict[str, Any]:
    """The `extensions` of a persisted query."""
    digest = hashlib.sha256(query.encode()).hexdigest()
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


def codes(response: httpx.Response) -> list[str]:
    return [error["extensions"]["code"] for error in response.json().get("errors", [])]


async def test_persisted_query_unknown_hash_is_persisted_query_not_found(
    http: httpx.AsyncClient,
) -> None:
    query = "query NeverSeen { __typename }"

    response = await http.post(
        "/graphql", json={"extensions": persisted(query)}, headers={"Accept": "application/json"}
    )

    assert response.status_code == 200
    assert codes(response) == ["PERSISTED_QUERY_NOT_FOUND"]
    assert response.json()["errors"][0]["message"] == "PersistedQueryNotFound"


async def test_persisted_query_not_found_with_graphql_response_json_is_a_400(
    http: httpx.AsyncClient,
) -> None:
    query = "query NeverSeenEither { __typename }"

    response = await http.post(
        "/graphql",
        json={"extensions": persisted(query)},
        headers={"Accept": GRAPHQL_RESPONSE_JSON},
    )

    assert response.status_code == 400
    assert codes(response) == ["PERSISTED_QUERY_NOT_FOUND"]


async def test_persisted_query_registered_once_runs_by_hash_over_post_and_get(
    http: httpx.AsyncClient,
) -> None:
    query = "query Registered { __typename }"
    extensions = persisted(query)

    registered = await http.post("/graphql", json={"query": query, "extensions": extensions})
    by_post = await http.post("/graphql", json={"extensions": extensions})
    by_get = await http.get(
        "/graphql", params={"extensions": json.dumps(extensions)}, headers=PREFLIGHTED
    )

    for response in (registered, by_post, by_get):
        assert response.status_code == 200
        assert response.json()["data"] == {"__typename": "Query"}


async def test_persisted_query_whose_hash_does_not_match_is_refused(
    http: httpx.AsyncClient,
) -> None:
    extensions = persisted("query Other { __typename }")

    response = await http.post(
        "/graphql", json={"query": "query Mine { __typename }", "extensions": extensions}
    )

    assert response.status_code == 400
    assert codes(response) == ["PERSISTED_QUERY_HASH_MISMATCH"]


@pytest.mark.parametrize(
    "extension",
    [{"version": 2, "sha256Hash": "0" * 64}, {"version": 1, "sha256Hash": "abc"}, "yes"],
)
async def test_persisted_query_malformed_extension_is_a_400(
    http: httpx.AsyncClient, extension: object
) -> None:
    response = await http.post("/graphql", json={"extensions": {"persistedQuery": extension}})

    assert response.status_code == 400
    assert codes(response) in (["PERSISTED_QUERY_NOT_SUPPORTED"], ["BAD_REQUEST"])


ALLOWED = "query Allowed { __typename }"


@pytest.fixture(scope="module")
async def allow_listed(
    settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[httpx.AsyncClient]:
    """A gateway that runs only `ALLOWED`."""
    manifest = tmp_path_factory.mktemp("allow-list") / "manifest.json"
    manifest.write_text(
        json.dumps(
            {
                "format": "apollo-persisted-query-manifest",
                "version": 1,
                "operations": [
                    {"id": "allowed", "name": "Allowed", "type": "query", "body": ALLOWED}
                ],
            }
        )
    )
    app = create_app(
        settings.model_copy(update={"persisted_queries_allow_list": Path(manifest)}),
        configure_logs=False,
    )
    async with LifespanManager(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as http:
            yield http


async def test_allow_list_runs_its_operations_by_hash_or_in_full(
    allow_listed: httpx.AsyncClient,
) -> None:
    by_hash = await allow_listed.post("/graphql", json={"extensions": persisted(ALLOWED)})
    in_full = await allow_listed.post("/graphql", json={"query": ALLOWED})

    assert by_hash.json()["data"] == {"__typename": "Query"}
    assert in_full.json()["data"] == {"__typename": "Query"}


async def test_allow_list_refuses_any_other_operation(allow_listed: httpx.AsyncClient) -> None:
    other = "query Other { __typename }"

    in_full = await allow_listed.post("/graphql", json={"query": other})
    registering = await allow_listed.post(
        "/graphql", json={"query": other, "extensions": persisted(other)}
    )
    by_hash = await allow_listed.post("/graphql", json={"extensions": persisted(other)})

    assert codes(in_full) == ["PERSISTED_QUERY_NOT_IN_LIST"]
    assert codes(registering) == ["PERSISTED_QUERY_NOT_IN_LIST"]
    assert codes(by_hash) == ["PERSISTED_QUERY_NOT_FOUND"]
