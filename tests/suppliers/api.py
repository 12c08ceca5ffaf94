"""The suppliers API as the tests call it: operations and shortcuts that expect success."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.support import Account, Bakery, Result

TODAY = datetime.now(UTC).date()
TOMORROW = (TODAY + timedelta(days=1)).isoformat()
NEXT_MONTH = (TODAY + timedelta(days=30)).isoformat()

SUPPLIER_FIELDS = "id name taxId contactName email phone leadTimeDays"
ORDER_FIELDS = "id status supplierId expectedOn notes sentAt receivedAt cancelledAt"

CREATE_SUPPLIER = f"""
mutation($tenantId: ID!, $input: CreateSupplierInput!) {{
  createSupplier(tenantId: $tenantId, input: $input) {{
    supplier {{ {SUPPLIER_FIELDS} }} errors {{ code message field }}
  }}
}}
"""
UPDATE_SUPPLIER = f"""
mutation($tenantId: ID!, $id: ID!, $input: UpdateSupplierInput!) {{
  updateSupplier(tenantId: $tenantId, id: $id, input: $input) {{
    supplier {{ {SUPPLIER_FIELDS} }} errors {{ code message field }}
  }}
}}
"""
DELETE_SUPPLIER = """
mutation($tenantId: ID!, $id: ID!, $reason: String) {
  deleteSupplier(tenantId: $tenantId, id: $id, reason: $reason) {
    deletedIds batchId errors { code message field }
  }
}
"""
RESTORE_SUPPLIER = f"""
mutation($tenantId: ID!, $id: ID!) {{
  restoreSupplier(tenantId: $tenantId, id: $id) {{
    supplier {{ {SUPPLIER_FIELDS} }} errors {{ code message field }}
  }}
}}
"""
SUPPLIERS = """
query($tenantId: ID!, $first: Int, $after: String, $search: String) {
  tenant(id: $tenantId) {
    suppliers(first: $first, after: $after, search: $search) {
      totalCount nodes { id name } pageInfo { hasNextPage endCursor }
    }
  }
}
"""
CREATE_ORDER = f"""
mutation($tenantId: ID!, $input: CreatePurchaseOrderInput!) {{
  createPurchaseOrder(tenantId: $tenantId, input: $input) {{
    purchaseOrder {{
      {ORDER_FIELDS} total
      supplier {{ id name }}
      items {{ ingredientId productId quantity unitCost expiresOn lineTotal
               ingredient {{ id name }} product {{ id name }} }}
      delivery {{ id }}
    }}
    errors {{ code message field }}
  }}
}}
"""
ORDER_PAYLOAD = f"""
  purchaseOrder {{ {ORDER_FIELDS} delivery {{ receivedBy notes receivedAt }} }}
  errors {{ code message field }}
"""
SEND_ORDER = f"""
mutation($tenantId: ID!, $id: ID!) {{
  sendPurchaseOrder(tenantId: $tenantId, id: $id) {{ {ORDER_PAYLOAD} }}
}}
"""
CANCEL_ORDER = f"""
mutation($tenantId: ID!, $id: ID!) {{
  cancelPurchaseOrder(tenantId: $tenantId, id: $id) {{ {ORDER_PAYLOAD} }}
}}
"""
RECEIVE_ORDER = f"""
mutation($tenantId: ID!, $id: ID!, $notes: String! = "") {{
  receivePurchaseOrder(tenantId: $tenantId, id: $id, notes: $notes) {{ {ORDER_PAYLOAD} }}
}}
"""
PURCHASE_ORDERS = """
query($tenantId: ID!, $first: Int, $after: String, $status: PurchaseOrderStatus,
      $supplierId: ID, $from: Date, $to: Date) {
  tenant(id: $tenantId) {
    purchaseOrders(first: $first, after: $after, status: $status, supplierId: $supplierId,
                   from: $from, to: $to) {
      totalCount nodes { id status expectedOn supplier { name } } pageInfo { hasNextPage endCursor }
    }
  }
}
"""


def line(
    *,
    ingredient_id: str | None = None,
    product_id: str | None = None,
    quantity: str = "10",
    unit_cost: str = "1.25",
    expires_on: str | None = None,
) -> dict[str, Any]:
    """One item of a purchase order input."""
    return {
        "ingredientId": ingredient_id,
        "productId": product_id,
        "quantity": quantity,
        "unitCost": unit_cost,
        "expiresOn": expires_on,
    }


async def create_supplier(bakery: Bakery, name: str | None = None, **details: Any) -> str:
    """A new supplier of the bakery; returns its id."""
    result = await bakery.run(
        CREATE_SUPPLIER,
        {"input": {"name": name or f"Proveedor {uuid.uuid4().hex[:8]}", **details}},
    )
    payload = result.data["createSupplier"]
    assert payload["errors"] == [], payload
    supplier_id: str = payload["supplier"]["id"]
    return supplier_id


async def create_order(
    bakery: Bakery,
    supplier_id: str,
    items: list[dict[str, Any]],
    *,
    expected_on: str | None = None,
    notes: str = "",
) -> dict[str, Any]:
    """A new DRAFT purchase order; returns it as `CREATE_ORDER` selects it."""
    result = await create_order_result(
        bakery, supplier_id, items, expected_on=expected_on, notes=notes
    )
    payload = result.data["createPurchaseOrder"]
    assert payload["errors"] == [], payload
    order: dict[str, Any] = payload["purchaseOrder"]
    return order


async def create_order_result(
    bakery: Bakery,
    supplier_id: str,
    items: list[dict[str, Any]],
    *,
    expected_on: str | None = None,
    notes: str = "",
    as_: Account | None = None,
) -> Result:
    """The response to `createPurchaseOrder`, as the owner unless `as_` is given."""
    variables = {
        "tenantId": bakery.id,
        "input": {
            "supplierId": supplier_id,
            "expectedOn": expected_on,
            "notes": notes,
            "items": items,
        },
    }
    return await bakery.client.execute(CREATE_ORDER, variables, as_=as_ or bakery.owner)


async def transition(
    bakery: Bakery, operation: str, order_id: str, *, as_: Account | None = None
) -> dict[str, Any]:
    """The payload of a status change (`SEND_ORDER`, `CANCEL_ORDER`, `RECEIVE_ORDER`)."""
    result = await bakery.client.execute(
        operation, {"tenantId": bakery.id, "id": order_id}, as_=as_ or bakery.owner
    )
    assert result.errors == [], result.body
    payload: dict[str, Any] = next(iter(result.data.values()))
    return payload


async def sent_order(bakery: Bakery, supplier_id: str, items: list[dict[str, Any]]) -> str:
    """A purchase order created and sent; returns its id."""
    order = await create_order(bakery, supplier_id, items)
    sent = await transition(bakery, SEND_ORDER, order["id"])
    assert sent["errors"] == [], sent
    order_id: str = order["id"]
    return order_id


async def member(bakery: Bakery, role: str) -> Account:
    """A new account with `role` in the bakery."""
    account = await bakery.client.sign_up()
    await bakery.client.add_member(bakery.id, account, role, by=bakery.owner)
    return account


def error_fields(payload: dict[str, Any]) -> list[tuple[str, str | None]]:
    """(code, field) of each error of a mutation payload."""
    return [(error["code"], error["field"]) for error in payload["errors"]]
