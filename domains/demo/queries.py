"""Query fields of the demo domain."""

from __future__ import annotations

import strawberry

from domains.demo import service
from domains.demo.policy import DemoPolicy
from domains.demo.types import DemoAccount, DemoSession, DemoStats
from domains.kernel.context import RequestContext
from domains.kernel.permissions import IsService, requires

Info = strawberry.Info[RequestContext, None]


@strawberry.type
class DemoQuery:
    @strawberry.field(description="The demo bakeries a visitor can try, no account needed.")
    def demo_accounts(self) -> list[DemoAccount]:
        return [DemoAccount.from_account(account) for account in service.accounts()]

    @strawberry.field(
        description="A demo session by id (the id is its secret); null when there is none."
    )
    async def demo_session(self, info: Info, id: strawberry.ID) -> DemoSession | None:
        policy = info.context.dependency(DemoPolicy)
        async with info.context.uow.connection() as connection:
            found = await service.get_session(connection, policy=policy, session_id=str(id))
        return None if found is None else DemoSession.from_record(found, policy)

    @strawberry.field(
        description="Demo sessions by status and bakery, and the median copy time. Services.",
        extensions=requires(IsService()),
    )
    async def demo_stats(self, info: Info) -> DemoStats:
        async with info.context.uow.connection() as connection:
            return DemoStats.from_record(await service.stats(connection))
