"""Mutations of the external domain.

The platform fetches data from providers and stores it here (the gateway itself makes no
network calls): services and the bakery's OWNER or ADMIN may store.
"""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry

from domains.external import service
from domains.external.types import ExternalData, ExternalDataPayload, StoreExternalDataInput
from domains.kernel.context import RequestContext
from domains.kernel.ids import parse_id
from domains.kernel.payloads import attempt
from domains.kernel.permissions import requires
from domains.tenants.permissions import TenantRole
from domains.tenants.roles import MemberRole

Info = strawberry.Info[RequestContext, None]
MANAGER = requires(TenantRole(MemberRole.ADMIN))


@strawberry.type
class ExternalMutation:
    @strawberry.mutation(
        description="Store a provider's answer: replaces the entry of the same kind, location "
        "and date, counts the call in today's usage (UTC) and logs it, all or nothing. "
        "Services, OWNER or ADMIN.",
        extensions=MANAGER,
    )
    async def store_external_data(
        self, info: Info, tenant_id: strawberry.ID, input: StoreExternalDataInput
    ) -> ExternalDataPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.store_data(
                connection,
                tenant_id=tenant,
                kind=input.kind,
                location=input.location,
                day=input.date,
                payload=input.payload,
                provider=input.provider,
                endpoint=input.endpoint,
                status_code=input.status_code,
                duration_ms=input.duration_ms,
                today=datetime.now(UTC).date(),
            ),
        )
        if isinstance(outcome, list):
            return ExternalDataPayload(errors=outcome)
        return ExternalDataPayload(data=ExternalData.from_record(outcome))
