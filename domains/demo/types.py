"""GraphQL types of the demo domain."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import strawberry

from domains.demo.accounts import Account
from domains.demo.kinds import DemoAccountType, DemoSessionStatus
from domains.demo.policy import DemoPolicy
from domains.demo.records import DemoSessionRecord, DemoStatsRecord
from domains.kernel.payloads import UserError

strawberry.enum(DemoAccountType, description="Which demo bakery a session copies.")
strawberry.enum(
    DemoSessionStatus,
    description="ACTIVE until it expires (EXPIRED) or the visitor ends it (ENDED).",
)


@strawberry.type(description="A demo bakery a visitor can try, without an account.")
class DemoAccount:
    account_type: DemoAccountType = strawberry.field(description="What `createDemoSession` takes.")
    name: str = strawberry.field(description="The bakery's name.")
    city: str = strawberry.field(description="Where it is.")
    business_model: str = strawberry.field(
        description="How it works: INDIVIDUAL_BAKERY or CENTRAL_BAKER_SATELLITE."
    )
    description: str = strawberry.field(description="The bakery in one sentence (Spanish).")
    features: list[str] = strawberry.field(description="What the demo shows (Spanish).")

    @classmethod
    def from_account(cls, account: Account) -> DemoAccount:
        """The GraphQL shape of a template bakery."""
        return cls(
            account_type=account.type,
            name=account.name,
            city=account.city,
            business_model=account.type.value,
            description=account.description,
            features=list(account.features),
        )


@strawberry.type(
    description=(
        "A visitor's private copy of a demo bakery. Send `X-Demo-Session-Id: <id>` to browse "
        "`tenant(id: virtualTenantId)`."
    )
)
class DemoSession:
    id: strawberry.ID = strawberry.field(description="The session id (`demo_...`), a secret.")
    account_type: DemoAccountType = strawberry.field(description="The bakery it copies.")
    virtual_tenant_id: strawberry.ID = strawberry.field(description="The copy's tenant id.")
    status: DemoSessionStatus = strawberry.field(description="Where the session stands now.")
    created_at: datetime = strawberry.field(description="When it was created.")
    expires_at: datetime = strawberry.field(description="When it expires unless extended.")
    extensions_used: int = strawberry.field(description="Times it has been extended.")
    max_extensions: int = strawberry.field(description="Times it may be extended in all.")

    @classmethod
    def from_record(cls, record: DemoSessionRecord, policy: DemoPolicy) -> DemoSession:
        """The GraphQL shape of a session, its status as of now."""
        return cls(
            id=strawberry.ID(record.id),
            account_type=record.account_type,
            virtual_tenant_id=strawberry.ID(str(record.virtual_tenant_id)),
            status=record.status_at(datetime.now(UTC)),
            created_at=record.created_at,
            expires_at=record.expires_at,
            extensions_used=record.extensions_used,
            max_extensions=policy.max_extensions,
        )


@strawberry.type(description="Result of creating, extending or ending a demo session.")
class DemoSessionPayload:
    session: DemoSession | None = strawberry.field(
        default=None, description="The session; null when refused."
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )


@strawberry.type(description="Sessions of one account type.")
class DemoAccountTypeCount:
    account_type: DemoAccountType = strawberry.field(description="The demo bakery.")
    sessions: int = strawberry.field(description="Sessions ever created for it.")


@strawberry.type(description="Demo sessions at a glance, for services.")
class DemoStats:
    active: int = strawberry.field(description="Sessions active now.")
    expired: int = strawberry.field(description="Sessions past their expiry.")
    ended: int = strawberry.field(description="Sessions their visitor ended.")
    by_account_type: list[DemoAccountTypeCount] = strawberry.field(
        description="Sessions ever created, per demo bakery."
    )
    clone_time_median_ms: Decimal | None = strawberry.field(
        description="Median time to copy a demo bakery, in milliseconds; null before any."
    )

    @classmethod
    def from_record(cls, record: DemoStatsRecord) -> DemoStats:
        """The GraphQL shape of the counts."""
        return cls(
            active=record.active,
            expired=record.expired,
            ended=record.ended,
            by_account_type=[
                DemoAccountTypeCount(
                    account_type=account, sessions=record.by_account_type.get(account, 0)
                )
                for account in DemoAccountType
            ],
            clone_time_median_ms=record.clone_ms_median,
        )
