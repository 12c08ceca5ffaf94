"""What a demo visitor may change: the operations marked demo-allowed, in its own copy only."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pytest
from strawberry.permission import PermissionExtension
from strawberry.types.base import StrawberryObjectDefinition

from domains.kernel.demo_policy import NotForDemoVisitors
from schema.build import DEMO_ALLOWED_MUTATIONS, build_schema
from tests.demo.conftest import start
from tests.support import GraphQLClient

MESSAGE = "Esta operación no está permitida en cuentas demo."

REFUSED = {
    "createDemoSession": "createDemoSession(accountType: INDIVIDUAL_BAKERY) { errors { code } }",
    "deleteTenant": "deleteTenant(tenantId: $t, mode: IMMEDIATE) { errors { code } }",
    "createTenant": (
        'createTenant(input: {name: "X", businessModel: INDIVIDUAL_BAKERY}) { errors { code } }'
    ),
    "addTenantMember": (
        'addTenantMember(tenantId: $t, email: "a@example.com", role: ADMIN) { errors { code } }'
    ),
    "requestForecast": (
        "requestForecast(tenantId: $t, productId: $p, horizonDays: 7) { errors { code } }"
    ),
    "startTrainingJob": "startTrainingJob(tenantId: $t) { errors { code } }",
    "deleteItems": 'deleteItems(tenantId: $t, entity: "product", ids: [$p]) { errors { code } }',
}


def test_demo_allowed_mutations_are_exactly_the_issue_list() -> None:
    assert sorted(DEMO_ALLOWED_MUTATIONS) == sorted(
        [
            "acknowledge_alert",
            "adjust_stock",
            "create_order",
            "end_demo_session",
            "extend_demo_session",
            "mark_notification_read",
            "record_sale",
            "update_order_status",
        ]
    )


@pytest.mark.parametrize("name", sorted(REFUSED))
async def test_mutation_by_demo_visitor_is_demo_restricted(demo: GraphQLClient, name: str) -> None:
    visitor = await start(demo)
    product = await demo.execute(
        "query($id: ID!) { tenant(id: $id) { products(first: 1) { nodes { id } } } }",
        {"id": visitor.tenant_id},
        headers=visitor.headers,
    )
    variables = {"t": visitor.tenant_id, "p": product.data["tenant"]["products"]["nodes"][0]["id"]}
    field = REFUSED[name]
    used = {key: value for key, value in variables.items() if f"${key}" in field}
    declared = ", ".join(f"${key}: ID!" for key in used)
    document = f"mutation{f'({declared})' if used else ''} {{ {field} }}"

    result = await demo.execute(document, used or None, headers=visitor.headers)

    assert result.codes == ["DEMO_RESTRICTED"], result.body
    assert result.errors[0]["message"] == MESSAGE


async def test_adjust_stock_by_demo_visitor_changes_its_copy(demo: GraphQLClient) -> None:
    visitor = await start(demo)
    ingredient = await demo.execute(
        "query($id: ID!) { tenant(id: $id) { ingredients(first: 1) { nodes { id } } } }",
        {"id": visitor.tenant_id},
        headers=visitor.headers,
    )
    ingredient_id = ingredient.data["tenant"]["ingredients"]["nodes"][0]["id"]

    result = await demo.execute(
        """mutation($t: ID!, $i: ID!) { adjustStock(tenantId: $t,
          input: {ingredientId: $i, quantity: "2.5", reason: "Recuento"}) { errors { code } } }""",
        {"t": visitor.tenant_id, "i": ingredient_id},
        headers=visitor.headers,
    )

    assert result.errors == [], result.body
    assert result.data["adjustStock"]["errors"] == []


async def test_allowed_mutation_on_another_tenant_is_forbidden(demo: GraphQLClient) -> None:
    visitor, other = await start(demo), await start(demo)

    result = await demo.execute(
        """mutation($t: ID!) { acknowledgeAlert(tenantId: $t,
          id: "00000000-0000-0000-0000-000000000000") { errors { code } } }""",
        {"t": other.tenant_id},
        headers=visitor.headers,
    )

    assert result.codes == ["FORBIDDEN"]


async def test_me_for_demo_visitor_is_forbidden(demo: GraphQLClient) -> None:
    visitor = await start(demo)

    result = await demo.execute("{ myTenants { id } }", headers=visitor.headers)

    assert result.codes == ["FORBIDDEN"]


def test_every_other_mutation_refuses_demo_visitors_first() -> None:
    schema = build_schema()
    mutation = schema.get_type_by_name("Mutation")
    assert isinstance(mutation, StrawberryObjectDefinition)

    unguarded = [
        field.python_name
        for field in mutation.fields
        if field.python_name not in DEMO_ALLOWED_MUTATIONS
        and not _refuses_visitors_first(field.extensions)
    ]

    assert unguarded == []


def _refuses_visitors_first(extensions: Sequence[object]) -> bool:
    # Strawberry runs a field's extensions last to first: the demo check must be the last one.
    last = extensions[-1] if extensions else None
    return isinstance(last, PermissionExtension) and any(
        isinstance(permission, NotForDemoVisitors) for permission in last.permissions
    )


async def test_allowed_mutations_by_demo_visitor_work_on_its_copy(demo: GraphQLClient) -> None:
    visitor = await start(demo)
    found = await demo.execute(
        """query($id: ID!) { tenant(id: $id) {
          notifications(first: 1, unreadOnly: true) { nodes { id } }
          alerts(first: 1, status: OPEN) { nodes { id } }
          customers(first: 1) { nodes { id } }
          products(first: 1) { nodes { id } } } }""",
        {"id": visitor.tenant_id},
        headers=visitor.headers,
    )
    tenant = found.data["tenant"]
    first = {key: value["nodes"][0]["id"] for key, value in tenant.items()}
    t = visitor.tenant_id

    read = await demo.execute(
        """mutation($t: ID!, $n: ID!) {
          markNotificationRead(tenantId: $t, id: $n) { errors { code } } }""",
        {"t": t, "n": first["notifications"]},
        headers=visitor.headers,
    )
    acknowledged = await demo.execute(
        """mutation($t: ID!, $a: ID!) {
          acknowledgeAlert(tenantId: $t, id: $a) { errors { code } } }""",
        {"t": t, "a": first["alerts"]},
        headers=visitor.headers,
    )
    created = await demo.execute(
        """mutation($t: ID!, $c: ID!, $p: ID!, $d: Date!) { createOrder(tenantId: $t, input: {
          customerId: $c, deliveryDate: $d, items: [{productId: $p, quantity: "3"}]}) {
          order { id } errors { code } } }""",
        {"t": t, "c": first["customers"], "p": first["products"], "d": date.today().isoformat()},
        headers=visitor.headers,
    )
    order = created.data["createOrder"]["order"]["id"]
    confirmed = await demo.execute(
        """mutation($t: ID!, $o: ID!) { updateOrderStatus(tenantId: $t, id: $o, status: CONFIRMED) {
          errors { code } } }""",
        {"t": t, "o": order},
        headers=visitor.headers,
    )

    for result in (read, acknowledged, created, confirmed):
        assert result.errors == [], result.body
        [(_, payload)] = result.data.items()
        assert payload["errors"] == [], result.body
