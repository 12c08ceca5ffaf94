"""signUp through the API."""

from __future__ import annotations

from tests.support import PASSWORD, GraphQLClient, unique_email

SIGN_UP = """
mutation($input: SignUpInput!) {
  signUp(input: $input) { accessToken user { id email fullName } errors { code message field } }
}
"""


async def test_sign_up_returns_a_token_that_opens_me(client: GraphQLClient) -> None:
    email = unique_email()
    result = await client.execute(
        SIGN_UP, {"input": {"email": email, "password": PASSWORD, "fullName": "  Ana   García "}}
    )
    payload = result.data["signUp"]
    assert payload["errors"] == []
    assert payload["user"]["fullName"] == "Ana García"
    me = await client.execute(
        "{ me { id email } }", headers={"Authorization": f"Bearer {payload['accessToken']}"}
    )
    assert me.data["me"] == {"id": payload["user"]["id"], "email": email}


async def test_sign_up_duplicate_email_in_any_case_is_refused(client: GraphQLClient) -> None:
    account = await client.sign_up()
    result = await client.execute(
        SIGN_UP,
        {"input": {"email": account.email.upper(), "password": PASSWORD, "fullName": "Copy"}},
    )
    payload = result.data["signUp"]
    assert payload["accessToken"] is None
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("EMAIL_TAKEN", "email")]


async def test_sign_up_reports_every_input_problem_at_once(client: GraphQLClient) -> None:
    result = await client.execute(
        SIGN_UP, {"input": {"email": "not-an-email", "password": "short", "fullName": " "}}
    )
    payload = result.data["signUp"]
    assert payload["user"] is None
    assert {(e["code"], e["field"]) for e in payload["errors"]} == {
        ("INVALID_EMAIL", "email"),
        ("WEAK_PASSWORD", "password"),
        ("INVALID_NAME", "fullName"),
    }


async def test_sign_up_refuses_a_long_but_trivial_password(client: GraphQLClient) -> None:
    result = await client.execute(
        SIGN_UP, {"input": {"email": unique_email(), "password": "a" * 20, "fullName": "Ana"}}
    )
    assert [e["code"] for e in result.data["signUp"]["errors"]] == ["WEAK_PASSWORD"]


async def test_sign_up_refused_writes_nothing(client: GraphQLClient) -> None:
    email = unique_email()
    await client.execute(SIGN_UP, {"input": {"email": email, "password": "x", "fullName": "A"}})
    retry = await client.execute(
        SIGN_UP, {"input": {"email": email, "password": PASSWORD, "fullName": "Ana"}}
    )
    assert retry.data["signUp"]["errors"] == []
