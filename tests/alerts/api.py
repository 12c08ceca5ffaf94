"""The alerts API as the tests call it: operations and shortcuts that expect success."""

from __future__ import annotations

from typing import Any

from tests.support import Account, Bakery, Result

RULE_FIELDS = "id kind threshold ingredientId enabled"
ALERT_FIELDS = """
  id severity status message ingredientId acknowledgedBy acknowledgedAt resolvedBy resolvedAt
  rule { id kind } history { status actor changedAt }
"""

CREATE_RULE = f"""
mutation($tenantId: ID!, $input: CreateAlertRuleInput!) {{
  createAlertRule(tenantId: $tenantId, input: $input) {{
    rule {{ {RULE_FIELDS} }} errors {{ code message field }}
  }}
}}
"""
UPDATE_RULE = f"""
mutation($tenantId: ID!, $id: ID!, $input: UpdateAlertRuleInput!) {{
  updateAlertRule(tenantId: $tenantId, id: $id, input: $input) {{
    rule {{ {RULE_FIELDS} }} errors {{ code message field }}
  }}
}}
"""
RULES = f"""
query($tenantId: ID!, $first: Int, $after: String) {{
  tenant(id: $tenantId) {{
    alertRules(first: $first, after: $after) {{
      totalCount nodes {{ {RULE_FIELDS} }} pageInfo {{ hasNextPage endCursor }}
    }}
  }}
}}
"""
ACKNOWLEDGE = f"""
mutation($tenantId: ID!, $id: ID!) {{
  acknowledgeAlert(tenantId: $tenantId, id: $id) {{
    alert {{ {ALERT_FIELDS} }} errors {{ code message field }}
  }}
}}
"""
RESOLVE = f"""
mutation($tenantId: ID!, $id: ID!) {{
  resolveAlert(tenantId: $tenantId, id: $id) {{
    alert {{ {ALERT_FIELDS} }} errors {{ code message field }}
  }}
}}
"""
ALERTS = f"""
query($tenantId: ID!, $status: AlertLifecycleStatus) {{
  tenant(id: $tenantId) {{
    alerts(first: 100, status: $status) {{ totalCount nodes {{ {ALERT_FIELDS} }} }}
  }}
}}
"""
WASTE = """
mutation($tenantId: ID!, $input: RecordWasteInput!) {
  recordWaste(tenantId: $tenantId, input: $input) {
    movements { kind quantity } errors { code message field }
  }
}
"""
IN_APP = """
query($tenantId: ID!) {
  tenant(id: $tenantId) {
    notifications(first: 100) { nodes { recipientId channel event subject body status } }
  }
}
"""


async def create_rule(bakery: Bakery, **given: Any) -> dict[str, Any]:
    """A new rule (LOW_STOCK unless `kind` is given); returns it as `CREATE_RULE` selects it."""
    result = await bakery.run(CREATE_RULE, {"input": {"kind": "LOW_STOCK", **given}})
    payload = result.data["createAlertRule"]
    assert payload["errors"] == [], payload
    rule: dict[str, Any] = payload["rule"]
    return rule


async def waste(bakery: Bakery, ingredient_id: str, quantity: str) -> Result:
    """Record waste of an ingredient, as the owner."""
    return await bakery.run(
        WASTE, {"input": {"ingredientId": ingredient_id, "quantity": quantity, "reason": "roto"}}
    )


async def wasted(bakery: Bakery, ingredient_id: str, quantity: str) -> None:
    """Record waste that must succeed."""
    result = await waste(bakery, ingredient_id, quantity)
    assert result.errors == [], result.body
    assert result.data["recordWaste"]["errors"] == [], result.body


async def alerts(bakery: Bakery, status: str | None = None) -> list[dict[str, Any]]:
    """The bakery's alerts, oldest first."""
    result = await bakery.run(ALERTS, {"status": status})
    assert result.errors == [], result.body
    nodes: list[dict[str, Any]] = result.data["tenant"]["alerts"]["nodes"]
    return nodes


async def notifications(bakery: Bakery) -> list[dict[str, Any]]:
    """Every notification of the bakery, as its owner sees them."""
    result = await bakery.run(IN_APP)
    assert result.errors == [], result.body
    nodes: list[dict[str, Any]] = result.data["tenant"]["notifications"]["nodes"]
    return nodes


async def member(bakery: Bakery, role: str) -> Account:
    """A new account with `role` in the bakery."""
    account = await bakery.client.sign_up()
    await bakery.client.add_member(bakery.id, account, role, by=bakery.owner)
    return account


async def low_stock_alert(bakery: Bakery) -> dict[str, Any]:
    """An ingredient with a rule at 5, stocked with 10, wasted down to 4: its one OPEN alert."""
    flour = await bakery.ingredient()
    await create_rule(bakery, threshold="5", ingredientId=flour)
    await bakery.stock(ingredient_id=flour, quantity="10")
    await wasted(bakery, flour, "6")
    [alert] = [a for a in await alerts(bakery) if a["ingredientId"] == flour]
    return alert


def error_fields(payload: dict[str, Any]) -> list[tuple[str, str | None]]:
    """(code, field) of each error of a mutation payload."""
    return [(error["code"], error["field"]) for error in payload["errors"]]
