"""Mutations of the point-of-sale domain. ADMIN sets up tills; MEMBER runs sessions and sells."""

from __future__ import annotations

import strawberry

from domains.kernel.context import RequestContext
from domains.kernel.demo_policy import demo_allowed
from domains.kernel.ids import parse_id
from domains.kernel.payloads import UserError, actor, attempt
from domains.kernel.permissions import requires
from domains.pos import selling, service
from domains.pos.records import PosDeviceRecord, PosSessionRecord, SaleLineInput
from domains.pos.types import (
    ClosePosSessionInput,
    ConfigurePosInput,
    CreatePosDeviceInput,
    OpenPosSessionInput,
    PosConfiguration,
    PosConfigurationPayload,
    PosDevice,
    PosDevicePayload,
    PosSession,
    PosSessionPayload,
    PosTransaction,
    PosTransactionPayload,
    RecordSaleInput,
)
from domains.tenants.permissions import TenantRole
from domains.tenants.roles import MemberRole

Info = strawberry.Info[RequestContext, None]
MANAGER = requires(TenantRole(MemberRole.ADMIN))
OPERATOR = requires(TenantRole(MemberRole.MEMBER))


def _device_payload(outcome: PosDeviceRecord | list[UserError]) -> PosDevicePayload:
    if isinstance(outcome, list):
        return PosDevicePayload(errors=outcome)
    return PosDevicePayload(device=PosDevice.from_record(outcome))


def _session_payload(outcome: PosSessionRecord | list[UserError]) -> PosSessionPayload:
    if isinstance(outcome, list):
        return PosSessionPayload(errors=outcome)
    return PosSessionPayload(session=PosSession.from_record(outcome))


@strawberry.type
class PosMutation:
    @strawberry.mutation(
        description="Set the currency, tax rate and receipt footer of the tills. OWNER or ADMIN.",
        extensions=MANAGER,
    )
    async def configure_pos(
        self, info: Info, tenant_id: strawberry.ID, input: ConfigurePosInput
    ) -> PosConfigurationPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.configure(
                connection,
                tenant_id=tenant,
                currency=input.currency,
                tax_rate=input.tax_rate,
                receipt_footer=input.receipt_footer,
            ),
        )
        if isinstance(outcome, list):
            return PosConfigurationPayload(errors=outcome)
        return PosConfigurationPayload(configuration=PosConfiguration.from_record(outcome))

    @strawberry.mutation(description="Add a till, active. OWNER or ADMIN.", extensions=MANAGER)
    async def create_pos_device(
        self, info: Info, tenant_id: strawberry.ID, input: CreatePosDeviceInput
    ) -> PosDevicePayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.create_device(
                connection, tenant_id=tenant, name=input.name, kind=input.kind
            ),
        )
        return _device_payload(outcome)

    @strawberry.mutation(
        description="Switch a till on or off; an inactive till opens no session. OWNER or ADMIN.",
        extensions=MANAGER,
    )
    async def set_pos_device_active(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID, active: bool
    ) -> PosDevicePayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        device_id = parse_id(id, argument="id")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.set_device_active(
                connection, tenant_id=tenant, device_id=device_id, active=active
            ),
        )
        return _device_payload(outcome)

    @strawberry.mutation(
        description="Open a session on a till with the cash in the drawer; one open session per "
        "till. MEMBER or above.",
        extensions=OPERATOR,
    )
    async def open_pos_session(
        self, info: Info, tenant_id: strawberry.ID, input: OpenPosSessionInput
    ) -> PosSessionPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        device_id = parse_id(input.device_id, argument="deviceId")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.open_session(
                connection,
                tenant_id=tenant,
                device_id=device_id,
                opening_cash=input.opening_cash,
                actor=actor(info.context.principal),
            ),
        )
        return _session_payload(outcome)

    @strawberry.mutation(
        description="Record a sale in an OPEN session: the transaction, a sales record per line "
        "and the stock taken (oldest expiry first), all or nothing. MEMBER or above.",
        extensions=[*OPERATOR, *demo_allowed()],
    )
    async def record_sale(
        self, info: Info, tenant_id: strawberry.ID, input: RecordSaleInput
    ) -> PosTransactionPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        session_id = parse_id(input.session_id, argument="sessionId")
        lines = [
            SaleLineInput(
                product_id=parse_id(line.product_id, argument=f"lines.{position}.productId"),
                quantity=line.quantity,
                unit_price=line.unit_price,
            )
            for position, line in enumerate(input.lines)
        ]
        outcome = await attempt(
            info.context.uow,
            lambda connection: selling.record_sale(
                connection,
                tenant_id=tenant,
                session_id=session_id,
                payment_method=input.payment_method,
                lines=lines,
                actor=actor(info.context.principal),
            ),
        )
        if isinstance(outcome, list):
            return PosTransactionPayload(errors=outcome)
        return PosTransactionPayload(transaction=PosTransaction.from_record(outcome))

    @strawberry.mutation(
        description="Close an OPEN session with the cash counted: expected cash is the opening "
        "cash plus the cash sales; the difference is counted minus expected. MEMBER or above.",
        extensions=OPERATOR,
    )
    async def close_pos_session(
        self, info: Info, tenant_id: strawberry.ID, input: ClosePosSessionInput
    ) -> PosSessionPayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        session_id = parse_id(input.session_id, argument="sessionId")
        outcome = await attempt(
            info.context.uow,
            lambda connection: service.close_session(
                connection,
                tenant_id=tenant,
                session_id=session_id,
                closing_cash=input.closing_cash,
                actor=actor(info.context.principal),
            ),
        )
        return _session_payload(outcome)
