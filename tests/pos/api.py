"""The point-of-sale API as the tests call it: operations and shortcuts that expect success."""

from __future__ import annotations

import uuid
from typing import Any

from tests.support import Account, Bakery, Result

SESSION_FIELDS = (
    "id status deviceId openedBy closedBy openedAt closedAt openingCash closingCash "
    "expectedCash cashDifference"
)
TRANSACTION_FIELDS = "id sessionId paymentMethod subtotal tax total createdBy"

CONFIGURE_POS = """
mutation($tenantId: ID!, $input: ConfigurePosInput!) {
  configurePos(tenantId: $tenantId, input: $input) {
    configuration { currency taxRate receiptFooter } errors { code message field }
  }
}
"""
CREATE_DEVICE = """
mutation($tenantId: ID!, $input: CreatePosDeviceInput!) {
  createPosDevice(tenantId: $tenantId, input: $input) {
    device { id name kind active } errors { code message field }
  }
}
"""
SET_DEVICE_ACTIVE = """
mutation($tenantId: ID!, $id: ID!, $active: Boolean!) {
  setPosDeviceActive(tenantId: $tenantId, id: $id, active: $active) {
    device { id active } errors { code message field }
  }
}
"""
OPEN_SESSION = f"""
mutation($tenantId: ID!, $input: OpenPosSessionInput!) {{
  openPosSession(tenantId: $tenantId, input: $input) {{
    session {{ {SESSION_FIELDS} device {{ name }} }} errors {{ code message field }}
  }}
}}
"""
CLOSE_SESSION = f"""
mutation($tenantId: ID!, $input: ClosePosSessionInput!) {{
  closePosSession(tenantId: $tenantId, input: $input) {{
    session {{ {SESSION_FIELDS} }} errors {{ code message field }}
  }}
}}
"""
RECORD_SALE = f"""
mutation($tenantId: ID!, $input: RecordSaleInput!) {{
  recordSale(tenantId: $tenantId, input: $input) {{
    transaction {{
      {TRANSACTION_FIELDS}
      lines {{ productId quantity unitPrice lineTotal product {{ name }} }}
    }}
    errors {{ code message field }}
  }}
}}
"""
SESSIONS = f"""
query($tenantId: ID!, $first: Int, $after: String, $status: PosSessionStatus) {{
  tenant(id: $tenantId) {{
    posSessions(first: $first, after: $after, status: $status) {{
      totalCount pageInfo {{ hasNextPage endCursor }}
      nodes {{
        {SESSION_FIELDS}
        transactions {{ {TRANSACTION_FIELDS} lines {{ productId quantity unitPrice lineTotal }} }}
      }}
    }}
  }}
}}
"""
# Everything a sale can change, in the three domains, as the API shows it.
EVERYTHING = f"""
query($tenantId: ID!) {{
  tenant(id: $tenantId) {{
    posSessions(first: 100) {{
      nodes {{
        {SESSION_FIELDS}
        transactions {{ {TRANSACTION_FIELDS} lines {{ productId quantity unitPrice lineTotal }} }}
      }}
    }}
    sales(first: 100) {{
      totalCount nodes {{ productId quantity unitPrice total channel posTransactionId }}
    }}
    products(first: 100) {{
      nodes {{ id onHand stockLots {{ quantity expiresOn }} }}
    }}
    stockMovements(first: 100) {{ totalCount nodes {{ kind quantity reason }} }}
  }}
}}
"""


def sale_line(product_id: str, quantity: str, unit_price: str | None = None) -> dict[str, Any]:
    """One line of a `RecordSaleInput`."""
    return {"productId": product_id, "quantity": quantity, "unitPrice": unit_price}


async def configure(bakery: Bakery, *, currency: str = "EUR", tax_rate: str = "0.10") -> None:
    """Set the bakery's till configuration."""
    result = await bakery.run(
        CONFIGURE_POS,
        {"input": {"currency": currency, "taxRate": tax_rate, "receiptFooter": "¡Gracias!"}},
    )
    assert result.data["configurePos"]["errors"] == [], result.body


async def device(bakery: Bakery, name: str | None = None) -> str:
    """A new active till; returns its id."""
    result = await bakery.run(
        CREATE_DEVICE, {"input": {"name": name or f"Caja {uuid.uuid4().hex[:6]}"}}
    )
    payload = result.data["createPosDevice"]
    assert payload["errors"] == [], payload
    device_id: str = payload["device"]["id"]
    return device_id


async def open_session_result(
    bakery: Bakery, device_id: str, opening_cash: str = "100.00", *, as_: Account | None = None
) -> Result:
    """The response to `openPosSession`, as the owner unless `as_` is given."""
    variables = {
        "tenantId": bakery.id,
        "input": {"deviceId": device_id, "openingCash": opening_cash},
    }
    return await bakery.client.execute(OPEN_SESSION, variables, as_=as_ or bakery.owner)


async def open_session(bakery: Bakery, opening_cash: str = "100.00") -> str:
    """An OPEN session on a new till; returns its id."""
    result = await open_session_result(bakery, await device(bakery), opening_cash)
    payload = result.data["openPosSession"]
    assert payload["errors"] == [], payload
    session_id: str = payload["session"]["id"]
    return session_id


async def record_sale_result(
    bakery: Bakery,
    session_id: str,
    lines: list[dict[str, Any]],
    *,
    payment_method: str = "CASH",
    as_: Account | None = None,
) -> Result:
    """The response to `recordSale`, as the owner unless `as_` is given."""
    variables = {
        "tenantId": bakery.id,
        "input": {"sessionId": session_id, "paymentMethod": payment_method, "lines": lines},
    }
    return await bakery.client.execute(RECORD_SALE, variables, as_=as_ or bakery.owner)


async def record_sale(
    bakery: Bakery, session_id: str, lines: list[dict[str, Any]], *, payment_method: str = "CASH"
) -> dict[str, Any]:
    """A sale recorded; returns the transaction as `RECORD_SALE` selects it."""
    result = await record_sale_result(bakery, session_id, lines, payment_method=payment_method)
    payload = result.data["recordSale"]
    assert payload["errors"] == [], payload
    transaction: dict[str, Any] = payload["transaction"]
    return transaction


async def close_session(bakery: Bakery, session_id: str, closing_cash: str) -> dict[str, Any]:
    """The payload of `closePosSession`."""
    result = await bakery.run(
        CLOSE_SESSION, {"input": {"sessionId": session_id, "closingCash": closing_cash}}
    )
    assert result.errors == [], result.body
    payload: dict[str, Any] = result.data["closePosSession"]
    return payload


async def everything(bakery: Bakery) -> dict[str, Any]:
    """What sales at the counter can change, in pos, sales and inventory."""
    result = await bakery.run(EVERYTHING)
    assert result.errors == [], result.body
    tenant: dict[str, Any] = result.data["tenant"]
    return tenant


async def member(bakery: Bakery, role: str) -> Account:
    """A new account with `role` in the bakery."""
    account = await bakery.client.sign_up()
    await bakery.client.add_member(bakery.id, account, role, by=bakery.owner)
    return account


def errors_of(payload: dict[str, Any]) -> list[tuple[str, str | None]]:
    """(code, field) of each error of a mutation payload."""
    return [(error["code"], error["field"]) for error in payload["errors"]]
