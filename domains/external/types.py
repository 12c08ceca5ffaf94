"""GraphQL types of the external domain."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.scalars import JSON

from domains.external.models import DataKind
from domains.external.records import ApiKeyUsageRecord, ExternalDataRecord
from domains.kernel.payloads import UserError

strawberry.enum(DataKind, name="ExternalDataKind", description="What cached external data is.")


@strawberry.type(description="A day of data from an outside provider for a location, as stored.")
class ExternalData:
    id: strawberry.ID = strawberry.field(description="The entry's id (kept when replaced).")
    kind: DataKind = strawberry.field(description="Weather, traffic or holidays.")
    location: str = strawberry.field(description='Where it applies, e.g. "Madrid".')
    date: date = strawberry.field(description="The day it describes.")
    provider: str = strawberry.field(description="Who it came from (lower case).")
    payload: JSON = strawberry.field(description="The data, exactly as stored.")
    fetched_at: datetime = strawberry.field(description="When it was last stored.")

    @classmethod
    def from_record(cls, record: ExternalDataRecord) -> ExternalData:
        """The GraphQL view of a cached entry."""
        return cls(
            id=strawberry.ID(str(record.id)),
            kind=record.kind,
            location=record.location,
            date=record.date,
            provider=record.provider,
            payload=record.payload,
            fetched_at=record.fetched_at,
        )


@strawberry.type(description="Calls the bakery's platform made to one provider on one day (UTC).")
class ApiKeyUsage:
    provider: str = strawberry.field(description="The provider (lower case).")
    day: date = strawberry.field(description="The day of the calls, in UTC.")
    calls: int = strawberry.field(description="How many calls were made.")

    @classmethod
    def from_record(cls, record: ApiKeyUsageRecord) -> ApiKeyUsage:
        """The GraphQL view of a usage counter."""
        return cls(provider=record.provider, day=record.day, calls=record.calls)


@strawberry.input(description="What a provider answered, to store for the bakery.")
class StoreExternalDataInput:
    kind: DataKind = strawberry.field(description="Weather, traffic or holidays.")
    location: str = strawberry.field(
        description="1 to 120 characters; one entry per location whatever its case."
    )
    date: date = strawberry.field(description="The day the data describes.")
    payload: JSON = strawberry.field(
        description="A JSON object or array, at most 64 KiB serialized; replaces what was "
        "stored for the same kind, location and date."
    )
    provider: str = strawberry.field(
        description="Who answered, 1 to 60 characters, case-insensitive (e.g. `aemet`)."
    )
    endpoint: str | None = strawberry.field(
        default=None,
        description="What was called, for the call log; the kind in lower case by default.",
    )
    status_code: int = strawberry.field(
        default=200, description="The provider's HTTP status code, for the call log."
    )
    duration_ms: int = strawberry.field(
        default=0, description="How long the call took, in milliseconds, for the call log."
    )


@strawberry.type(description="Result of storing external data.")
class ExternalDataPayload:
    data: ExternalData | None = strawberry.field(default=None, description="The stored entry.")
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )
