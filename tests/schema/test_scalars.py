"""The DateTime scalar: RFC 3339 in UTC out, a time zone required in."""

from __future__ import annotations

from datetime import datetime, timedelta

import strawberry

from domains.kernel.scalars import DateTime


@strawberry.type
class Query:
    @strawberry.field
    def shifted(self, at: datetime) -> datetime:
        return at + timedelta(hours=1)

    @strawberry.field
    def naive(self) -> datetime:
        return datetime(2026, 1, 1, 9, 0)  # naive on purpose: the mistake under test


schema = strawberry.Schema(query=Query, scalar_overrides={datetime: DateTime})


def test_datetime_round_trips_in_utc() -> None:
    result = schema.execute_sync(
        "query($at: DateTime!) { shifted(at: $at) }", {"at": "2026-03-01T10:30:00+01:00"}
    )
    assert result.errors is None
    assert result.data == {"shifted": "2026-03-01T10:30:00Z"}


def test_datetime_without_a_time_zone_is_refused_as_input() -> None:
    result = schema.execute_sync(
        "query($at: DateTime!) { shifted(at: $at) }", {"at": "2026-03-01T10:30:00"}
    )
    assert result.errors is not None
    assert "time zone" in result.errors[0].message


def test_naive_datetime_output_is_an_error_not_a_guess() -> None:
    result = schema.execute_sync("{ naive }")
    assert result.errors is not None
