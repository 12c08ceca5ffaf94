"""Login throttling: too many failed logins per account or per address are refused with
TOO_MANY_LOGIN_ATTEMPTS before any password is checked; a success forgives the account."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette

from tests.support import PASSWORD, GraphQLClient, unique_email

LOGIN = """
mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken errors { code } }
}
"""
WRONG = "wrong password"
_addresses = itertools.count(1)


@pytest.fixture
async def caller(app: Starlette) -> AsyncIterator[GraphQLClient]:
    """A client from an address of its own: other tests' failed logins do not count here."""
    transport = httpx.ASGITransport(app=app, client=(f"198.51.100.{next(_addresses)}", 4000))
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as http:
        yield GraphQLClient(http)


async def login(client: GraphQLClient, email: str, password: str = WRONG) -> list[str]:
    """The codes of a login attempt: its top-level errors, else its payload errors."""
    result = await client.execute(LOGIN, {"email": email, "password": password})
    if result.codes:
        return result.codes
    return [error["code"] for error in result.data["login"]["errors"]]


async def test_login_after_five_failures_for_an_account_is_throttled(
    caller: GraphQLClient,
) -> None:
    account = await caller.sign_up()
    failures = [await login(caller, account.email) for _ in range(5)]

    throttled = await caller.execute(LOGIN, {"email": account.email, "password": PASSWORD})

    assert failures == [["INVALID_CREDENTIALS"]] * 5
    assert throttled.codes == ["TOO_MANY_LOGIN_ATTEMPTS"]
    assert throttled.data is None
    assert 0 < throttled.errors[0]["extensions"]["retryAfter"] <= 900


async def test_login_throttled_account_is_throttled_in_any_case_of_its_email(
    caller: GraphQLClient,
) -> None:
    account = await caller.sign_up()
    for _ in range(5):
        await login(caller, account.email)

    assert await login(caller, f"  {account.email.upper()} ") == ["TOO_MANY_LOGIN_ATTEMPTS"]


async def test_login_success_forgives_the_accounts_failures(caller: GraphQLClient) -> None:
    account = await caller.sign_up()
    for _ in range(4):
        await login(caller, account.email)
    assert await login(caller, account.email, PASSWORD) == []

    failures_after = [await login(caller, account.email) for _ in range(4)]

    assert failures_after == [["INVALID_CREDENTIALS"]] * 4


async def test_login_after_twenty_failures_from_one_address_is_throttled_for_every_account(
    caller: GraphQLClient,
) -> None:
    account = await caller.sign_up()
    for _ in range(20):
        await login(caller, unique_email())  # a guess at another account each time

    assert await login(caller, account.email, PASSWORD) == ["TOO_MANY_LOGIN_ATTEMPTS"]


async def test_login_throttling_of_one_address_leaves_others_alone(
    app: Starlette, caller: GraphQLClient
) -> None:
    account = await caller.sign_up()
    for _ in range(20):
        await login(caller, unique_email())
    transport = httpx.ASGITransport(app=app, client=("203.0.113.77", 4000))
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as http:
        elsewhere = GraphQLClient(http)

        assert await login(elsewhere, account.email, PASSWORD) == []


async def test_login_aliased_many_times_in_one_request_counts_each(
    caller: GraphQLClient,
) -> None:
    account = await caller.sign_up()
    guesses = " ".join(
        f'g{n}: login(email: "{account.email}", password: "guess {n}") {{ accessToken }}'
        for n in range(5)
    )
    await caller.execute(f"mutation {{ {guesses} }}")

    assert await login(caller, account.email, PASSWORD) == ["TOO_MANY_LOGIN_ATTEMPTS"]


async def test_login_throttled_is_a_429_with_retry_after_in_graphql_response_json(
    caller: GraphQLClient,
) -> None:
    account = await caller.sign_up()
    for _ in range(5):
        await login(caller, account.email)

    response = await caller.http.post(
        "/graphql",
        json={"query": LOGIN, "variables": {"email": account.email, "password": PASSWORD}},
        headers={"Accept": "application/graphql-response+json"},
    )

    assert response.status_code == 429
    assert 0 < int(response.headers["retry-after"]) <= 900
    assert "data" not in response.json()
