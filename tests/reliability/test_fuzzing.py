"""Queries and mutations generated from the schema (hypothesis-graphql), sent by the OWNER of a
populated bakery, and by a demo visitor of a demo bakery's copy: whatever they ask, the gateway
never answers INTERNAL_SERVER_ERROR or a 5xx.

IDs are drawn from the bakery's own objects (so generated operations reach real rows), mixed
with unknown and malformed ones. The run is bounded (`EXAMPLES` per test, no deadline per
example); under CI it is derandomized so a failure is reproducible.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Callable, Coroutine
from datetime import UTC
from typing import Any, TypeVar

import graphql
import httpx
import pytest
from graphql import GraphQLSchema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import mutations, nodes, queries
from starlette.applications import Starlette

from tests.reliability.populated import PopulatedBakery
from tests.reliability.schema_walk import ids_by_type, introspected
from tests.support import Account, Bakery, GraphQLClient, Result

T = TypeVar("T")

EXAMPLES = 100
# Not fuzzed: they end the account or the bakery the rest of the run acts in (the lifecycle
# tests cover them).
ENDING = {"deleteUser", "deleteTenant", "transferOwnership"}
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=list(HealthCheck),
)


def scalars(tenant_id: str, ids: list[str]) -> dict[str, st.SearchStrategy[graphql.ValueNode]]:
    """Values of the custom scalars and of ID: mostly valid, one branch in four not.

    A literal a scalar refuses fails the whole document's validation, so invalid values stay
    rare enough for most documents to reach the resolvers.
    """
    return {
        "ID": st.one_of(
            st.just(tenant_id),
            st.just(tenant_id),
            st.sampled_from(ids),
            st.one_of(st.builds(lambda: str(uuid.uuid4())), st.text(max_size=40)),
        ).map(nodes.String),
        "Decimal": st.one_of(
            st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
            st.decimals(allow_nan=False, allow_infinity=False).map(str),
            st.integers(min_value=-(10**30), max_value=10**30).map(str),
            st.sampled_from(["1e400", "-0", "0.0000001", "1E+30", "", "1,5", "NaN"]),
        ).map(nodes.String),
        "Date": st.one_of(
            st.dates().map(lambda day: day.isoformat()),
            st.dates().map(lambda day: day.isoformat()),
            st.dates().map(lambda day: day.isoformat()),
            st.text(max_size=12),
        ).map(nodes.String),
        "DateTime": st.one_of(
            st.datetimes(timezones=st.just(UTC)).map(lambda moment: moment.isoformat()),
            st.datetimes(timezones=st.just(UTC)).map(lambda moment: moment.isoformat()),
            st.datetimes().map(lambda moment: moment.isoformat()),
            st.text(max_size=30),
        ).map(nodes.String),
        "JSON": st.one_of(st.text(max_size=20).map(nodes.String), st.integers().map(nodes.Int)),
        "String": st.one_of(
            st.text(max_size=30),
            st.sampled_from(["", " ", "\x00", "a\x00b", "%_\\", "' OR 1=1 --", "ñandú 🥖"]),
        ).map(nodes.String),
    }


def run_in(loop: asyncio.AbstractEventLoop, make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine on the test's event loop from hypothesis' thread, and wait for it."""
    return asyncio.run_coroutine_threadsafe(make(), loop).result()


def failure(result: Result) -> str | None:
    """Why a response is a failure of the gateway, or None."""
    if result.status >= 500:
        return f"HTTP {result.status}"
    if "INTERNAL_SERVER_ERROR" in result.codes:
        return "INTERNAL_SERVER_ERROR"
    return None


@pytest.fixture(scope="module")
async def schema(client: GraphQLClient) -> GraphQLSchema:
    return await introspected(client)


@pytest.fixture(scope="module")
async def fuzzer(app: Starlette) -> AsyncIterator[GraphQLClient]:
    """A client of its own address: the fuzzer's failed logins throttle no other test."""
    transport = httpx.ASGITransport(app=app, client=("192.0.2.10", 4000))
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as http:
        yield GraphQLClient(http)


@pytest.fixture(scope="module")
async def bakery(fuzzer: GraphQLClient) -> PopulatedBakery:
    return await PopulatedBakery.create(fuzzer)


@pytest.fixture(scope="module")
async def visitor(fuzzer: GraphQLClient, schema: GraphQLSchema) -> Bakery:
    """A demo visitor and the copy of the demo bakery its session browses."""
    assert schema.mutation_type is not None
    if "createDemoSession" not in schema.mutation_type.fields:
        pytest.skip("demo sessions are not in the schema")
    result = await fuzzer.execute(
        """mutation { createDemoSession(accountType: INDIVIDUAL_BAKERY) {
             session { id virtualTenantId } errors { code message } } }"""
    )
    session = result.data["createDemoSession"]["session"]
    assert session is not None, result.body
    account = Account(id="", email="", token="")
    account.headers = {"X-Demo-Session-Id": session["id"]}
    return Bakery(fuzzer, account, session["virtualTenantId"])


@pytest.fixture(scope="module")
async def visitor_ids(visitor: Bakery, schema: GraphQLSchema) -> list[str]:
    found = await ids_by_type(visitor, schema, refusals=frozenset({"FORBIDDEN"}))
    return sorted({object_id for ids in found.values() for object_id in ids})


@pytest.fixture(scope="module")
async def owner_ids(bakery: PopulatedBakery, schema: GraphQLSchema) -> list[str]:
    found = await ids_by_type(bakery, schema)
    return sorted({object_id for ids in found.values() for object_id in ids})


async def fuzz(bakery: Bakery, strategy: st.SearchStrategy[str]) -> None:
    """Send every document `strategy` generates as the owner; hypothesis reports the smallest
    document that made the gateway fail."""
    loop = asyncio.get_running_loop()

    @FUZZ
    @given(document=strategy)
    def send(document: str) -> None:
        result = run_in(loop, lambda: bakery.client.execute(document, as_=bakery.owner))
        assert failure(result) is None, (failure(result), document, result.body)

    await asyncio.to_thread(send)


async def test_generated_queries_as_owner_never_fail_internally(
    bakery: PopulatedBakery, schema: GraphQLSchema, owner_ids: list[str]
) -> None:
    strategy = queries(schema, custom_scalars=scalars(bakery.id, owner_ids))

    await fuzz(bakery, strategy)


async def test_generated_mutations_as_owner_never_fail_internally(
    bakery: PopulatedBakery, schema: GraphQLSchema, owner_ids: list[str]
) -> None:
    assert schema.mutation_type is not None
    fields = [name for name in schema.mutation_type.fields if name not in ENDING]
    strategy = mutations(schema, fields=fields, custom_scalars=scalars(bakery.id, owner_ids))

    await fuzz(bakery, strategy)


async def test_generated_queries_as_demo_visitor_never_fail_internally(
    visitor: Bakery, schema: GraphQLSchema, visitor_ids: list[str]
) -> None:
    strategy = queries(schema, custom_scalars=scalars(visitor.id, visitor_ids))

    await fuzz(visitor, strategy)


async def test_generated_mutations_as_demo_visitor_never_fail_internally(
    visitor: Bakery, schema: GraphQLSchema, visitor_ids: list[str]
) -> None:
    assert schema.mutation_type is not None
    strategy = mutations(schema, custom_scalars=scalars(visitor.id, visitor_ids))

    await fuzz(visitor, strategy)
