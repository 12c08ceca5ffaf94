"""SQL of the external data cache."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from db.pagination import AnySelect
from db.records import record_reader
from domains.external.models import DataKind, ExternalDataCache
from domains.external.records import ExternalDataRecord

DATA = (
    ExternalDataCache.id,
    ExternalDataCache.tenant_id,
    ExternalDataCache.kind,
    ExternalDataCache.location,
    ExternalDataCache.date,
    ExternalDataCache.provider,
    ExternalDataCache.payload,
    ExternalDataCache.fetched_at,
)
DATA_ORDER: tuple[Any, ...] = (ExternalDataCache.date, ExternalDataCache.id)

data_record = record_reader(ExternalDataRecord, DATA)


async def upsert_data(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    kind: DataKind,
    location: str,
    day: date,
    provider: str,
    payload: Any,
) -> ExternalDataRecord:
    """Store a day of data; an entry of the same kind, location and date is replaced."""
    given = insert(ExternalDataCache).values(
        tenant_id=tenant_id,
        id=uuid.uuid4(),
        kind=kind,
        location=location,
        date=day,
        provider=provider,
        payload=payload,
    )
    statement = given.on_conflict_do_update(
        index_elements=[
            ExternalDataCache.tenant_id,
            ExternalDataCache.kind,
            func.lower(ExternalDataCache.location),
            ExternalDataCache.date,
        ],
        set_={
            "location": given.excluded.location,
            "provider": given.excluded.provider,
            "payload": given.excluded.payload,
            "fetched_at": func.now(),
        },
    ).returning(*DATA)
    return data_record((await connection.execute(statement)).one())


def data_query(
    tenant_id: uuid.UUID,
    *,
    kind: DataKind | None,
    location: str | None,
    day_from: date | None,
    day_to: date | None,
) -> AnySelect:
    """Cached data of a tenant, optionally of one kind and location (any case), within
    [day_from, day_to] (both days included)."""
    statement: AnySelect = select(*DATA).where(ExternalDataCache.tenant_id == tenant_id)
    if kind is not None:
        statement = statement.where(ExternalDataCache.kind == kind)
    if location is not None:
        statement = statement.where(func.lower(ExternalDataCache.location) == location.lower())
    if day_from is not None:
        statement = statement.where(ExternalDataCache.date >= day_from)
    if day_to is not None:
        statement = statement.where(ExternalDataCache.date <= day_to)
    return statement
