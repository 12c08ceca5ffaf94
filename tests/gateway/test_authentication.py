"""Who the caller is, from `Authorization: Bearer <jwt>`: only valid tokens of live accounts."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from tests.conftest import TEST_SECRET
from tests.support import PASSWORD, GraphQLClient, unique_email

ISSUER = "bakery-gateway"
AUDIENCE = "bakery-platform"
ME = "{ me { id } }"


def make_token(
    subject: str,
    *,
    kind: str = "user",
    secret: str = TEST_SECRET,
    issuer: str = ISSUER,
    audience: str = AUDIENCE,
    expires_in: timedelta = timedelta(hours=1),
) -> str:
    """An HS256 token with every claim the gateway requires, each overridable."""
    now = datetime.now(UTC)
    claims: dict[str, Any] = {
        "iss": issuer,
        "aud": audience,
        "sub": subject,
        "type": kind,
        "iat": now,
        "exp": now + expires_in,
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, secret, algorithm="HS256")


def unsigned_token(subject: str) -> str:
    """A token with `alg: none` and no signature, claims otherwise valid."""
    signed = make_token(subject)
    claims = jwt.decode(signed, options={"verify_signature": False})

    def part(value: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_me_with_a_valid_token_is_the_user(client: GraphQLClient) -> None:
    account = await client.sign_up()

    result = await client.execute(ME, headers=bearer(make_token(account.id)))

    assert result.errors == []
    assert result.data == {"me": {"id": account.id}}


async def test_me_without_authorization_is_unauthenticated(client: GraphQLClient) -> None:
    result = await client.execute(ME)

    assert result.data == {"me": None}
    assert result.codes == ["UNAUTHENTICATED"]


async def test_me_with_basic_authorization_is_unauthenticated(client: GraphQLClient) -> None:
    result = await client.execute(ME, headers={"Authorization": "Basic xyz"})

    assert result.data == {"me": None}
    assert result.codes == ["UNAUTHENTICATED"]


async def test_me_with_an_expired_token_is_unauthenticated(client: GraphQLClient) -> None:
    account = await client.sign_up()
    expired = make_token(account.id, expires_in=timedelta(minutes=-5))

    result = await client.execute(ME, headers=bearer(expired))

    assert result.data == {"me": None}
    assert result.codes == ["UNAUTHENTICATED"]
    assert "expired" in result.errors[0]["message"]


async def test_me_with_a_token_signed_by_another_secret_is_unauthenticated(
    client: GraphQLClient,
) -> None:
    account = await client.sign_up()
    forged = make_token(account.id, secret="another-secret-" + "y" * 40)

    result = await client.execute(ME, headers=bearer(forged))

    assert result.data == {"me": None}
    assert result.codes == ["UNAUTHENTICATED"]


async def test_me_with_an_unsigned_alg_none_token_is_unauthenticated(
    client: GraphQLClient,
) -> None:
    account = await client.sign_up()

    result = await client.execute(ME, headers=bearer(unsigned_token(account.id)))

    assert result.data == {"me": None}
    assert result.codes == ["UNAUTHENTICATED"]


async def test_me_with_a_token_for_another_audience_is_unauthenticated(
    client: GraphQLClient,
) -> None:
    account = await client.sign_up()
    token = make_token(account.id, audience="another-platform")

    result = await client.execute(ME, headers=bearer(token))

    assert result.data == {"me": None}
    assert result.codes == ["UNAUTHENTICATED"]


async def test_me_with_a_token_from_another_issuer_is_unauthenticated(
    client: GraphQLClient,
) -> None:
    account = await client.sign_up()
    token = make_token(account.id, issuer="someone-else")

    result = await client.execute(ME, headers=bearer(token))

    assert result.data == {"me": None}
    assert result.codes == ["UNAUTHENTICATED"]


async def test_me_with_a_token_of_an_unknown_user_is_unauthenticated(
    client: GraphQLClient,
) -> None:
    token = make_token(str(uuid.uuid4()))

    result = await client.execute(ME, headers=bearer(token))

    assert result.data == {"me": None}
    assert result.codes == ["UNAUTHENTICATED"]


async def test_me_with_a_token_of_a_deleted_user_is_unauthenticated(
    client: GraphQLClient,
) -> None:
    account = await client.sign_up()
    deleted = await client.execute(
        "mutation($id: ID!) { deleteUser(userId: $id) { errors { code } } }",
        {"id": account.id},
        as_=account,
    )
    assert deleted.data["deleteUser"]["errors"] == [], deleted.body

    result = await client.execute(ME, as_=account)

    assert result.data == {"me": None}
    assert result.codes == ["UNAUTHENTICATED"]


async def test_me_with_a_service_token_is_null_without_error(client: GraphQLClient) -> None:
    token = make_token("billing-worker", kind="service")

    result = await client.execute(ME, headers=bearer(token))

    assert result.errors == []
    assert result.data == {"me": None}


async def test_sign_up_and_login_work_with_a_garbage_authorization_header(
    client: GraphQLClient,
) -> None:
    garbage = {"Authorization": "Bearer not.a.jwt"}
    email = unique_email()

    signed_up = await client.execute(
        """mutation($input: SignUpInput!) {
             signUp(input: $input) { accessToken user { id } errors { code } }
           }""",
        {"input": {"email": email, "password": PASSWORD, "fullName": "Ana"}},
        headers=garbage,
    )
    logged_in = await client.execute(
        """mutation($email: String!, $password: String!) {
             login(email: $email, password: $password) { accessToken user { id } errors { code } }
           }""",
        {"email": email, "password": PASSWORD},
        headers=garbage,
    )

    assert signed_up.errors == []
    assert signed_up.data["signUp"]["errors"] == []
    assert logged_in.errors == []
    assert logged_in.data["login"]["errors"] == []
    assert logged_in.data["login"]["user"]["id"] == signed_up.data["signUp"]["user"]["id"]
    assert logged_in.data["login"]["accessToken"]
