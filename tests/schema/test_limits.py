"""Document limits (depth, aliases, tokens) refuse abuse but let GraphiQL introspect."""

from __future__ import annotations

from typing import Any

import httpx
from graphql import get_introspection_query

from tests.support import GraphQLClient

# Defaults of gateway/settings.py, which tests/conftest.py does not override.
MAX_DEPTH = 10
MAX_ALIASES = 15
MAX_TOKENS = 2000


def nested_query(depth: int) -> str:
    """A query whose selections nest `depth` fields deep under `me`."""
    return "{ me " + "{ nested " * (depth - 1) + "{ id" + " }" * depth + " }"


def aliased_query(aliases: int) -> str:
    """A query selecting `__typename` under `aliases` different aliases."""
    return "{ " + " ".join(f"a{n}: __typename" for n in range(aliases)) + " }"


def long_document(tokens: int) -> str:
    """A valid document of exactly `tokens` tokens (at least 5): operations Q0, Q1, ...

    Each `query Qn { __typename }` is 5 tokens; Q0 repeats `__typename` for the remainder.
    Many small operations, unlike one huge selection, stay cheap to validate.
    """
    operations, extra = divmod(tokens, 5)
    return " ".join(
        f"query Q{n} {{ {'__typename ' * (1 + (extra if n == 0 else 0))}}}"
        for n in range(operations)
    )


async def test_query_deeper_than_the_limit_is_too_complex(client: GraphQLClient) -> None:
    # No valid path in today's schema nests this deep; the limit is checked before field names.
    result = await client.execute(nested_query(MAX_DEPTH + 1))

    assert result.data is None
    assert result.codes[0] == "QUERY_TOO_COMPLEX"


async def test_query_at_the_depth_limit_is_not_too_complex(client: GraphQLClient) -> None:
    result = await client.execute(nested_query(MAX_DEPTH))

    assert result.codes
    assert "QUERY_TOO_COMPLEX" not in result.codes


async def test_query_with_too_many_aliases_is_too_complex(client: GraphQLClient) -> None:
    result = await client.execute(aliased_query(MAX_ALIASES + 1))

    assert result.data is None
    assert result.codes == ["QUERY_TOO_COMPLEX"]


async def test_query_with_as_many_aliases_as_allowed_runs(client: GraphQLClient) -> None:
    result = await client.execute(aliased_query(MAX_ALIASES))

    assert result.errors == []
    assert len(result.data) == MAX_ALIASES


async def test_document_with_too_many_tokens_is_too_complex(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/graphql", json={"query": long_document(MAX_TOKENS + 1), "operationName": "Q0"}
    )

    body = response.json()
    assert "data" not in body
    assert [error.get("extensions", {}).get("code") for error in body["errors"]] == [
        "QUERY_TOO_COMPLEX"
    ]


async def test_document_with_as_many_tokens_as_allowed_runs(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/graphql", json={"query": long_document(MAX_TOKENS), "operationName": "Q0"}
    )

    assert response.json()["data"] == {"__typename": "Query"}
    assert "errors" not in response.json()


async def test_graphiql_introspection_query_runs(client: GraphQLClient) -> None:
    result = await client.execute(get_introspection_query(descriptions=True))

    assert result.errors == []
    assert result.data["__schema"]["queryType"]["name"] == "Query"
    type_names = {graphql_type["name"] for graphql_type in result.data["__schema"]["types"]}
    assert {"Query", "Mutation", "Tenant", "User"} <= type_names


async def test_a_repeated_document_is_validated_once(client: GraphQLClient) -> None:
    from strawberry.extensions.validation_cache import _get_validate_cache

    from gateway.settings import Settings

    cache: Any = _get_validate_cache(Settings().validation_cache_size)  # an lru_cache
    document = "query RepeatedForTheCache { __typename }"
    await client.execute(document)
    hits = cache.cache_info().hits
    await client.execute(document)
    assert cache.cache_info().hits == hits + 1
