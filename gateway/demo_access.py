"""Who is calling, when the request carries `X-Demo-Session-Id`: a demo visitor, or why not."""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.datastructures import Headers

from domains.demo import service
from domains.demo.kinds import DemoSessionStatus
from domains.kernel.principal import Anonymous, DemoVisitor, Principal
from gateway.resources import Resources

DEMO_HEADER = "x-demo-session-id"


async def demo_principal(headers: Headers, resources: Resources) -> Principal | None:
    """The demo visitor the header names; None without the header.

    Nothing is refused here (`createDemoSession` and `demoAccounts` need no principal): an
    unknown, expired or ended session, or a bearer token sent along, becomes an Anonymous whose
    code a field that needs a principal answers with. The session comes from the short
    in-process cache when there; whether it has expired is decided now, every time.
    """
    session_id = headers.get(DEMO_HEADER)
    if session_id is None:
        return None
    if headers.get("authorization") is not None:
        return Anonymous(
            "Send either `Authorization: Bearer <token>` or `X-Demo-Session-Id`, not both."
        )
    policy = resources.demo
    session = policy.cache.get(session_id.strip())
    if session is None:
        async with resources.database.read() as connection:
            session = await service.get_session(
                connection, policy=policy, session_id=session_id.strip()
            )
    if session is None:
        return Anonymous("No demo session has this id.", code="DEMO_SESSION_NOT_FOUND")
    if session.status_at(datetime.now(UTC)) is not DemoSessionStatus.ACTIVE:
        return Anonymous(
            "This demo session has expired or was ended: create a new one.",
            code="DEMO_SESSION_EXPIRED",
        )
    return DemoVisitor(session_id=session.id, tenant_id=session.virtual_tenant_id)
