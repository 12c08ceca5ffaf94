"""How demo sessions run, from the gateway's settings, and the in-process cache of lookups."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import timedelta

from domains.demo.cloner import TenantCloner
from domains.demo.records import DemoSessionRecord


class SessionCache:
    """Sessions by id, kept `ttl_seconds` so a browsing visitor costs no query per request.

    Only the stored row is cached; whether it has expired is decided on every request against
    its `expires_at`, so expiry is exact. Ending or extending a session replaces its entry in
    this process at once; other processes see it within `ttl_seconds`.
    """

    def __init__(self, ttl_seconds: float, max_entries: int = 10_000) -> None:
        self.ttl_seconds = ttl_seconds
        self.max_entries = max_entries
        self._entries: dict[str, tuple[float, DemoSessionRecord]] = {}

    def get(self, session_id: str) -> DemoSessionRecord | None:
        """The cached session, None when absent or stale."""
        entry = self._entries.get(session_id)
        if entry is None:
            return None
        stored_at, record = entry
        if time.monotonic() - stored_at > self.ttl_seconds:
            del self._entries[session_id]
            return None
        return record

    def put(self, record: DemoSessionRecord) -> None:
        """Remember `record` (the oldest entry makes room when full)."""
        if self.ttl_seconds <= 0:
            return
        if len(self._entries) >= self.max_entries:
            self._entries.pop(next(iter(self._entries)))
        self._entries[record.id] = (time.monotonic(), record)

    def forget(self, session_id: str) -> None:
        """Drop one session's entry."""
        self._entries.pop(session_id, None)


@dataclass(frozen=True)
class DemoPolicy:
    """What the gateway hands to resolvers and jobs (`context.dependency(DemoPolicy)`)."""

    cloner: TenantCloner
    session_ttl: timedelta = timedelta(minutes=30)
    max_extensions: int = 3
    max_sessions_per_client: int = 3
    cleanup_batch_size: int = 100
    cache: SessionCache = field(default_factory=lambda: SessionCache(5.0))
