"""External data: stored by the platform, read by the bakery. Functions take a connection,
never commit."""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncConnection

from db.pagination import AnySelect
from domains.external.models import DataKind
from domains.external.records import ApiKeyUsageRecord, ExternalDataRecord, ProviderCall
from domains.external.repository import cache, calls
from domains.kernel.errors import BadUserInput
from domains.kernel.inputs import InputCheck

log = structlog.get_logger()

MAX_PAYLOAD_BYTES = 64 * 1024
MAX_RANGE_DAYS = 366
MAX_LOCATION_LENGTH = 120
MAX_PROVIDER_LENGTH = 60
MAX_ENDPOINT_LENGTH = 500
MAX_DURATION_MS = 3_600_000
DATA_ORDER = cache.DATA_ORDER


def check_range(day_from: date | None, day_to: date | None) -> None:
    """BAD_USER_INPUT when `from` is after `to` or they span more than 366 days."""
    if day_from is None or day_to is None:
        return
    if day_from > day_to:
        raise BadUserInput("`from` is after `to`.", field="from")
    if (day_to - day_from).days + 1 > MAX_RANGE_DAYS:
        raise BadUserInput(f"Ask for at most {MAX_RANGE_DAYS} days at once.", field="to")


def _has_nul(value: Any) -> bool:
    """Whether a string inside `value` (keys included) holds U+0000, which JSONB cannot store."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def _payload(check: InputCheck, payload: Any) -> Any:
    """A JSON object or array of at most 64 KiB serialized, storable as JSONB."""
    if not isinstance(payload, dict | list):
        check.refuse("payload", "Give a JSON object or array.")
        return payload
    try:
        serialized = json.dumps(payload, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except ValueError:
        check.refuse("payload", "Numbers must be finite.")
        return payload
    if len(serialized.encode()) > MAX_PAYLOAD_BYTES:
        check.refuse("payload", f"Give at most {MAX_PAYLOAD_BYTES // 1024} KiB of JSON.")
    elif _has_nul(payload):
        check.refuse("payload", "Text in the payload cannot contain the character U+0000.")
    return payload


def _call(
    check: InputCheck, *, provider: str, endpoint: str, status_code: int, duration_ms: int
) -> ProviderCall:
    """The call as reported, checked; provider names are case-insensitive (kept lower case)."""
    if not 100 <= status_code <= 599:
        check.refuse("statusCode", "Give an HTTP status code, 100 to 599.")
    if not 0 <= duration_ms <= MAX_DURATION_MS:
        check.refuse("durationMs", f"Give 0 to {MAX_DURATION_MS} milliseconds.")
    return ProviderCall(
        provider=check.text(provider, field="provider", max_length=MAX_PROVIDER_LENGTH).lower(),
        endpoint=check.text(endpoint, field="endpoint", max_length=MAX_ENDPOINT_LENGTH),
        status_code=status_code,
        duration_ms=duration_ms,
    )


async def store_data(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    kind: DataKind,
    location: str,
    day: date,
    payload: Any,
    provider: str,
    endpoint: str | None,
    status_code: int,
    duration_ms: int,
    today: date,
) -> ExternalDataRecord:
    """Store what a provider answered: the cached entry (replacing one of the same kind,
    location and date), one more call in today's usage, and a line in the call log."""
    check = InputCheck()
    cleaned_location = check.text(location, field="location", max_length=MAX_LOCATION_LENGTH)
    cleaned_payload = _payload(check, payload)
    call = _call(
        check,
        provider=provider,
        endpoint=kind.value.lower() if endpoint is None else endpoint,
        status_code=status_code,
        duration_ms=duration_ms,
    )
    check.done()
    stored = await cache.upsert_data(
        connection,
        tenant_id=tenant_id,
        kind=kind,
        location=cleaned_location,
        day=day,
        provider=call.provider,
        payload=cleaned_payload,
    )
    await calls.count_call(connection, tenant_id=tenant_id, provider=call.provider, day=today)
    await calls.log_call(connection, tenant_id=tenant_id, call=call)
    log.info(
        "external.data.stored",
        tenant_id=str(tenant_id),
        id=str(stored.id),
        kind=kind.value,
        provider=call.provider,
    )
    return stored


def data_query(
    tenant_id: uuid.UUID,
    *,
    kind: DataKind | None,
    location: str | None,
    day_from: date | None,
    day_to: date | None,
) -> AnySelect:
    """Cached data of a tenant, filtered; BAD_USER_INPUT on a reversed or too long range."""
    check_range(day_from, day_to)
    wanted = " ".join(location.split()) if location is not None else None
    return cache.data_query(
        tenant_id, kind=kind, location=wanted or None, day_from=day_from, day_to=day_to
    )


async def get_usage(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, day_from: date, day_to: date
) -> list[ApiKeyUsageRecord]:
    """Calls per provider and day within [day_from, day_to] (at most 366 days)."""
    check_range(day_from, day_to)
    return await calls.usage_between(
        connection, tenant_id=tenant_id, day_from=day_from, day_to=day_to
    )
