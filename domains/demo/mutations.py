"""Mutations of the demo domain: no account needed, the session id is the secret."""

from __future__ import annotations

import strawberry

from domains.demo import service
from domains.demo.kinds import DemoAccountType
from domains.demo.policy import DemoPolicy
from domains.demo.types import DemoSession, DemoSessionPayload
from domains.kernel.context import RequestContext
from domains.kernel.demo_policy import demo_allowed
from domains.kernel.payloads import attempt

Info = strawberry.Info[RequestContext, None]


def _payload(outcome: object, policy: DemoPolicy) -> DemoSessionPayload:
    if isinstance(outcome, list):
        return DemoSessionPayload(errors=outcome)
    assert not isinstance(outcome, DemoSessionPayload)
    return DemoSessionPayload(session=DemoSession.from_record(outcome, policy))  # type: ignore[arg-type]


@strawberry.type
class DemoMutation:
    @strawberry.mutation(
        description=(
            "A private copy of a demo bakery, for 30 minutes, no account needed. Then send "
            "`X-Demo-Session-Id: <session.id>` and read `tenant(id: session.virtualTenantId)`. "
            "TOO_MANY_DEMO_SESSIONS when this address already has the most active sessions."
        )
    )
    async def create_demo_session(
        self, info: Info, account_type: DemoAccountType
    ) -> DemoSessionPayload:
        policy = info.context.dependency(DemoPolicy)
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.create_session(
                connection,
                policy=policy,
                account_type=account_type,
                client_address=info.context.client_address,
            ),
        )
        return _payload(outcome, policy)

    @strawberry.mutation(
        description=(
            "Thirty more minutes for an active session, at most `maxExtensions` times "
            "(MAX_EXTENSIONS_REACHED after that)."
        ),
        extensions=demo_allowed(),
    )
    async def extend_demo_session(self, info: Info, id: strawberry.ID) -> DemoSessionPayload:
        policy = info.context.dependency(DemoPolicy)
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.extend_session(
                connection, policy=policy, session_id=str(id)
            ),
        )
        return _payload(outcome, policy)

    @strawberry.mutation(
        description="End an active session now; its copy is deleted by the next clean-up.",
        extensions=demo_allowed(),
    )
    async def end_demo_session(self, info: Info, id: strawberry.ID) -> DemoSessionPayload:
        policy = info.context.dependency(DemoPolicy)
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.end_session(connection, policy=policy, session_id=str(id)),
        )
        return _payload(outcome, policy)
