"""A database that cannot be reached is SERVICE_UNAVAILABLE, not a masked internal error."""

from __future__ import annotations

import pytest
from graphql import GraphQLError
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from schema.error_codes import database_unavailable, is_unexpected, present


class DriverError(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(f"sqlstate {sqlstate}")
        self.sqlstate = sqlstate


def wrapped(driver_error: BaseException, *, invalidated: bool = False) -> DBAPIError:
    return DBAPIError("SELECT 1", None, driver_error, connection_invalidated=invalidated)


@pytest.mark.parametrize(
    "error",
    [
        wrapped(DriverError("57P01")),  # admin shutdown: the server is restarting
        wrapped(DriverError("57P03")),  # cannot connect now: the server is starting
        wrapped(DriverError("08006")),  # connection failure
        wrapped(ValueError("closed"), invalidated=True),
        ConnectionRefusedError(111, "Connection refused"),
        PoolTimeout("QueuePool limit reached"),
    ],
)
def test_errors_of_an_unreachable_database_are_service_unavailable(error: Exception) -> None:
    graphql_error = GraphQLError("boom", path=["tenant"], original_error=error)

    shown = present(graphql_error, request_id="r1")

    assert database_unavailable(error)
    assert not is_unexpected(graphql_error)
    assert shown.extensions == {"code": "SERVICE_UNAVAILABLE", "requestId": "r1"}
    assert "boom" not in shown.message


@pytest.mark.parametrize(
    "error", [wrapped(DriverError("23505")), wrapped(DriverError("57014")), KeyError("x")]
)
def test_other_errors_stay_internal_and_masked(error: Exception) -> None:
    graphql_error = GraphQLError("boom", path=["tenant"], original_error=error)

    shown = present(graphql_error, request_id="r1")

    assert not database_unavailable(error)
    assert is_unexpected(graphql_error)
    assert shown.extensions == {"code": "INTERNAL_SERVER_ERROR", "requestId": "r1"}
