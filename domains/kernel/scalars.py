"""Custom scalars."""

from __future__ import annotations

import decimal
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


def _serialize_decimal(value: decimal.Decimal) -> str:
    return str(value)


def _parse_decimal(value: object) -> decimal.Decimal:
    # str() first: Decimal(1.1) would keep the binary float's error (1.1000000000000000888...).
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError("Decimal must be a number or a numeric string")
    try:
        parsed = decimal.Decimal(str(value).strip())
    except decimal.InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None
    if not parsed.is_finite():
        raise ValueError("Decimal must be finite")
    return parsed


Decimal = strawberry.scalar(
    name="Decimal",
    description='An exact decimal number, sent and returned as text: `"12.500"`.',
    serialize=_serialize_decimal,
    parse_value=_parse_decimal,
)
