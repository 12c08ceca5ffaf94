"""Unexpected errors reach the client masked, with the request id; the trace goes to the log."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import pytest
from sqlalchemy.ext.asyncio import AsyncConnection
from structlog.testing import capture_logs

from domains.users import service as users_service
from domains.users.records import UserRecord
from tests.support import GraphQLClient


async def _fail_unexpectedly(
    connection: AsyncConnection, ids: Sequence[uuid.UUID]
) -> list[UserRecord]:
    raise RuntimeError("secret detail")


async def test_me_unexpected_error_is_masked_with_the_request_id(
    client: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = await client.sign_up()
    monkeypatch.setattr(users_service, "get_many", _fail_unexpectedly)

    result = await client.execute("{ me { id } }", as_=account)

    assert result.data == {"me": None}
    assert result.codes == ["INTERNAL_SERVER_ERROR"]
    error = result.errors[0]
    assert error["extensions"]["requestId"] == result.response.headers["x-request-id"]
    assert "secret detail" not in error["message"]
    assert "RuntimeError" not in error["message"]
    assert "secret detail" not in result.response.text
    assert "Traceback" not in result.response.text
    assert 'File "' not in result.response.text


async def test_me_unexpected_error_is_logged_with_its_trace(
    client: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = await client.sign_up()
    monkeypatch.setattr(users_service, "get_many", _fail_unexpectedly)

    with capture_logs() as logs:
        result = await client.execute("{ me { id } }", as_=account)

    assert result.codes == ["INTERNAL_SERVER_ERROR"]
    [entry] = [log for log in logs if log["event"] == "graphql.unexpected_error"]
    assert entry["log_level"] == "error"
    assert entry["path"] == ["me"]
    assert isinstance(entry["exc_info"], RuntimeError)
    assert str(entry["exc_info"]) == "secret detail"
    assert entry["exc_info"].__traceback__ is not None


async def test_tenant_malformed_id_is_bad_user_input(client: GraphQLClient) -> None:
    account = await client.sign_up()

    result = await client.execute('{ tenant(id: "not-a-uuid") { id } }', as_=account)

    assert result.data == {"tenant": None}
    assert result.codes == ["BAD_USER_INPUT"]
    assert "Traceback" not in result.response.text
