"""SQL of the calls made to providers: per-day usage counters and the call log."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import insert, select
from sqlalchemy.dialects.postgresql import insert as upsert
from sqlalchemy.ext.asyncio import AsyncConnection

from db.records import record_reader
from domains.external.models import ApiKeyUsage, ExternalApiLog
from domains.external.records import ApiKeyUsageRecord, ProviderCall

USAGE = (ApiKeyUsage.provider, ApiKeyUsage.day, ApiKeyUsage.calls)

usage_record = record_reader(ApiKeyUsageRecord, USAGE)


async def count_call(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, provider: str, day: date
) -> ApiKeyUsageRecord:
    """Add one call to the provider's counter of the day, creating it if needed.

    One upsert: concurrent calls queue on the row instead of both reading the old count.
    """
    given = upsert(ApiKeyUsage).values(
        tenant_id=tenant_id, id=uuid.uuid4(), provider=provider, day=day, calls=1
    )
    statement = given.on_conflict_do_update(
        index_elements=[ApiKeyUsage.tenant_id, ApiKeyUsage.provider, ApiKeyUsage.day],
        set_={"calls": ApiKeyUsage.calls + 1},
    ).returning(*USAGE)
    return usage_record((await connection.execute(statement)).one())


async def log_call(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, call: ProviderCall
) -> None:
    """Append a call to the log."""
    statement = insert(ExternalApiLog).values(
        tenant_id=tenant_id,
        id=uuid.uuid4(),
        provider=call.provider,
        endpoint=call.endpoint,
        status_code=call.status_code,
        duration_ms=call.duration_ms,
    )
    await connection.execute(statement)


async def usage_between(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, day_from: date, day_to: date
) -> list[ApiKeyUsageRecord]:
    """Usage counters of [day_from, day_to], by day then provider."""
    statement = (
        select(*USAGE)
        .where(
            ApiKeyUsage.tenant_id == tenant_id,
            ApiKeyUsage.day >= day_from,
            ApiKeyUsage.day <= day_to,
        )
        .order_by(ApiKeyUsage.day, ApiKeyUsage.provider)
    )
    return [usage_record(row) for row in await connection.execute(statement)]
