"""Custom scalars."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry


def _serialize(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("refusing to serialize a datetime without a time zone")
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _parse(value: object) -> datetime:
    if not isinstance(value, str):
        raise ValueError("DateTime must be a string")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError("DateTime needs a time zone offset, e.g. 2026-01-31T09:00:00Z")
    return parsed


DateTime = strawberry.scalar(
    name="DateTime",
    description=(
        "An instant as RFC 3339 text with a time zone, returned in UTC: `2026-01-31T09:00:00Z`."
    ),
    serialize=_serialize,
    parse_value=_parse,
)
