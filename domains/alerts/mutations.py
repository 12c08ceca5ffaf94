"""Mutations of the alerts domain. ADMIN manages rules; MEMBER acknowledges and resolves."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

import strawberry
from sqlalchemy.ext.asyncio import AsyncConnection

from domains.alerts import service
from domains.alerts.records import AlertRecord, AlertRuleRecord
from domains.alerts.types import (
    Alert,
    AlertPayload,
    AlertRule,
    AlertRulePayload,
    CreateAlertRuleInput,
    UpdateAlertRuleInput,
)
from domains.inventory import service as inventory
from domains.kernel.context import RequestContext
from domains.kernel.demo_policy import demo_allowed
from domains.kernel.ids import parse_id
from domains.kernel.payloads import UserError, actor, attempt
from domains.kernel.permissions import requires
from domains.tenants.permissions import TenantRole
from domains.tenants.roles import MemberRole

Info = strawberry.Info[RequestContext, None]
MANAGER = requires(TenantRole(MemberRole.ADMIN))
OPERATOR = requires(TenantRole(MemberRole.MEMBER))


async def _require_ingredient(
    connection: AsyncConnection, tenant_id: uuid.UUID, ingredient_id: object
) -> None:
    """A rule may name only a live ingredient of its own bakery (NOT_FOUND otherwise)."""
    if isinstance(ingredient_id, uuid.UUID):
        await inventory.require_ingredients(
            connection, tenant_id=tenant_id, ids=[ingredient_id], field="ingredientId"
        )


def _rule_payload(outcome: AlertRuleRecord | list[UserError]) -> AlertRulePayload:
    if isinstance(outcome, list):
        return AlertRulePayload(errors=outcome)
    return AlertRulePayload(rule=AlertRule.from_record(outcome))


async def _move(
    info: Info,
    move: Callable[..., Awaitable[AlertRecord]],
    tenant_id: strawberry.ID,
    id: strawberry.ID,
) -> AlertPayload:
    tenant = parse_id(tenant_id, argument="tenantId")
    alert_id = parse_id(id, argument="id")
    outcome = await attempt(
        info.context.uow,
        lambda connection: move(
            connection, tenant_id=tenant, alert_id=alert_id, actor=actor(info.context.principal)
        ),
    )
    if isinstance(outcome, list):
        return AlertPayload(errors=outcome)
    return AlertPayload(alert=Alert.from_record(outcome))


@strawberry.type
class AlertsMutation:
    @strawberry.mutation(description="Add an alert rule. OWNER or ADMIN.", extensions=MANAGER)
    async def create_alert_rule(
        self, info: Info, tenant_id: strawberry.ID, input: CreateAlertRuleInput
    ) -> AlertRulePayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        ingredient_id = (
            parse_id(input.ingredient_id, argument="ingredientId")
            if input.ingredient_id is not None
            else None
        )

        async def create(connection: AsyncConnection) -> AlertRuleRecord:
            await _require_ingredient(connection, tenant, ingredient_id)
            return await service.create_rule(
                connection,
                tenant_id=tenant,
                kind=input.kind,
                threshold=input.threshold,
                ingredient_id=ingredient_id,
                enabled=input.enabled,
            )

        outcome = await attempt(info.context.uow, create)
        return _rule_payload(outcome)

    @strawberry.mutation(description="Change an alert rule. OWNER or ADMIN.", extensions=MANAGER)
    async def update_alert_rule(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID, input: UpdateAlertRuleInput
    ) -> AlertRulePayload:
        tenant = parse_id(tenant_id, argument="tenantId")
        rule_id = parse_id(id, argument="id")
        ingredient_id = (
            service.UNCHANGED
            if input.ingredient_id is strawberry.UNSET
            else parse_id(input.ingredient_id, argument="ingredientId")
            if input.ingredient_id is not None
            else None
        )

        async def update(connection: AsyncConnection) -> AlertRuleRecord:
            await _require_ingredient(connection, tenant, ingredient_id)
            return await service.update_rule(
                connection,
                tenant_id=tenant,
                rule_id=rule_id,
                threshold=input.threshold,
                enabled=input.enabled,
                ingredient_id=ingredient_id,
            )

        outcome = await attempt(info.context.uow, update)
        return _rule_payload(outcome)

    @strawberry.mutation(
        description="OPEN -> ACKNOWLEDGED: someone is on it. MEMBER or above.",
        extensions=[*OPERATOR, *demo_allowed()],
    )
    async def acknowledge_alert(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID
    ) -> AlertPayload:
        return await _move(info, service.acknowledge, tenant_id, id)

    @strawberry.mutation(
        description="OPEN or ACKNOWLEDGED -> RESOLVED. MEMBER or above.", extensions=OPERATOR
    )
    async def resolve_alert(
        self, info: Info, tenant_id: strawberry.ID, id: strawberry.ID
    ) -> AlertPayload:
        return await _move(info, service.resolve, tenant_id, id)
