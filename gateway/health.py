"""/healthz (the process is up) and /readyz (the database answers and is migrated)."""

from __future__ import annotations

import asyncio

import structlog
from starlette.requests import Request
from starlette.responses import JSONResponse

from db.migrate import current_revisions
from gateway.resources import Resources

log = structlog.get_logger()

READINESS_TIMEOUT_SECONDS = 2.0


async def healthz(request: Request) -> JSONResponse:
    """Liveness: answers while the process can serve HTTP at all."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    """Readiness: 200 when the database answers and its migrations are at this code's head."""
    resources: Resources = request.app.state.resources
    expected: frozenset[str] = request.app.state.migration_heads
    try:
        async with asyncio.timeout(READINESS_TIMEOUT_SECONDS):
            async with resources.database.read() as connection:
                applied = await current_revisions(connection)
    except Exception as error:  # any failure to reach the database means "not ready"
        log.warning("health.database_unreachable", error=type(error).__name__)
        return JSONResponse(
            {"status": "unavailable", "database": "unreachable", "migrations": "unknown"},
            status_code=503,
        )
    at_head = applied == expected
    return JSONResponse(
        {
            "status": "ready" if at_head else "unavailable",
            "database": "ok",
            "migrations": "at_head" if at_head else "pending",
        },
        status_code=200 if at_head else 503,
    )
