"""login through the API."""

from __future__ import annotations

from tests.support import PASSWORD, GraphQLClient, unique_email

LOGIN = """
mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    accessToken user { id } errors { code message field }
  }
}
"""


async def test_login_with_the_right_password_in_any_email_case(client: GraphQLClient) -> None:
    account = await client.sign_up()
    result = await client.execute(LOGIN, {"email": account.email.upper(), "password": PASSWORD})
    payload = result.data["login"]
    assert payload["errors"] == []
    assert payload["user"]["id"] == account.id
    me = await client.execute(
        "{ me { id } }", headers={"Authorization": f"Bearer {payload['accessToken']}"}
    )
    assert me.data["me"]["id"] == account.id


async def test_login_wrong_password_and_unknown_email_look_the_same(
    client: GraphQLClient,
) -> None:
    account = await client.sign_up()
    wrong_password = await client.execute(LOGIN, {"email": account.email, "password": "nope!"})
    unknown_email = await client.execute(LOGIN, {"email": unique_email(), "password": PASSWORD})
    assert wrong_password.data["login"] == unknown_email.data["login"]
    assert wrong_password.data["login"] == {
        "accessToken": None,
        "user": None,
        "errors": [
            {"code": "INVALID_CREDENTIALS", "message": "Wrong email or password.", "field": None}
        ],
    }
