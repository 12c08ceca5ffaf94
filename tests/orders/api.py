"""The orders API as the tests call it: operations and shortcuts that expect success."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.support import Account, Bakery, Result

TODAY = datetime.now(UTC).date()
TOMORROW = (TODAY + timedelta(days=1)).isoformat()
NEXT_WEEK = (TODAY + timedelta(days=7)).isoformat()
YESTERDAY = (TODAY - timedelta(days=1)).isoformat()

CUSTOMER_FIELDS = "id name email phone taxId notes"
ORDER_FIELDS = "id status customerId deliveryDate notes subtotal total"

CREATE_CUSTOMER = f"""
mutation($tenantId: ID!, $input: CreateCustomerInput!) {{
  createCustomer(tenantId: $tenantId, input: $input) {{
    customer {{ {CUSTOMER_FIELDS} }} errors {{ code message field }}
  }}
}}
"""
UPDATE_CUSTOMER = f"""
mutation($tenantId: ID!, $id: ID!, $input: UpdateCustomerInput!) {{
  updateCustomer(tenantId: $tenantId, id: $id, input: $input) {{
    customer {{ {CUSTOMER_FIELDS} }} errors {{ code message field }}
  }}
}}
"""
DELETE_CUSTOMER = """
mutation($tenantId: ID!, $id: ID!, $reason: String) {
  deleteCustomer(tenantId: $tenantId, id: $id, reason: $reason) {
    deletedIds batchId errors { code message field }
  }
}
"""
RESTORE_CUSTOMER = f"""
mutation($tenantId: ID!, $id: ID!) {{
  restoreCustomer(tenantId: $tenantId, id: $id) {{
    customer {{ {CUSTOMER_FIELDS} }} errors {{ code message field }}
  }}
}}
"""
CUSTOMERS = """
query($tenantId: ID!, $first: Int, $after: String, $search: String) {
  tenant(id: $tenantId) {
    customers(first: $first, after: $after, search: $search) {
      totalCount nodes { id name } pageInfo { hasNextPage endCursor }
    }
  }
}
"""
ORDER_DETAILS = f"""
  {ORDER_FIELDS}
  customer {{ id name }}
  items {{ productId quantity unitPrice lineTotal product {{ id name }} }}
  statusHistory {{ fromStatus toStatus changedBy changedAt note }}
"""
CREATE_ORDER = f"""
mutation($tenantId: ID!, $input: CreateOrderInput!) {{
  createOrder(tenantId: $tenantId, input: $input) {{
    order {{ {ORDER_DETAILS} }}
    errors {{ code message field }}
  }}
}}
"""
UPDATE_ORDER_STATUS = f"""
mutation($tenantId: ID!, $id: ID!, $status: OrderStatus!, $note: String) {{
  updateOrderStatus(tenantId: $tenantId, id: $id, status: $status, note: $note) {{
    order {{ {ORDER_DETAILS} }}
    errors {{ code message field }}
  }}
}}
"""
CANCEL_ORDER = f"""
mutation($tenantId: ID!, $id: ID!, $reason: String) {{
  cancelOrder(tenantId: $tenantId, id: $id, reason: $reason) {{
    order {{ {ORDER_DETAILS} }}
    errors {{ code message field }}
  }}
}}
"""
ORDERS = """
query($tenantId: ID!, $first: Int, $after: String, $status: OrderStatus, $from: Date,
      $to: Date, $customerId: ID) {
  tenant(id: $tenantId) {
    orders(first: $first, after: $after, status: $status, from: $from, to: $to,
           customerId: $customerId) {
      totalCount
      nodes { id status deliveryDate total customer { name } }
      pageInfo { hasNextPage endCursor }
    }
  }
}
"""
CREATE_PRODUCT = """
mutation($tenantId: ID!, $input: CreateProductInput!) {
  createProduct(tenantId: $tenantId, input: $input) { product { id } errors { code } }
}
"""
UPDATE_PRODUCT = """
mutation($tenantId: ID!, $id: ID!, $input: UpdateProductInput!) {
  updateProduct(tenantId: $tenantId, id: $id, input: $input) { errors { code } }
}
"""
DELETE_PRODUCT = """
mutation($tenantId: ID!, $id: ID!) {
  deleteProduct(tenantId: $tenantId, id: $id) { errors { code } }
}
"""


def item(product_id: str, quantity: str = "1") -> dict[str, Any]:
    """One item of an order input."""
    return {"productId": product_id, "quantity": quantity}


async def product(bakery: Bakery, sale_price: str, name: str | None = None) -> str:
    """A new finished product sold at `sale_price`; returns its id."""
    result = await bakery.run(
        CREATE_PRODUCT,
        {
            "input": {
                "name": name or f"Producto {uuid.uuid4().hex[:8]}",
                "kind": "FINISHED",
                "unit": "UNIT",
                "salePrice": sale_price,
            }
        },
    )
    payload = result.data["createProduct"]
    assert payload["errors"] == [], payload
    product_id: str = payload["product"]["id"]
    return product_id


async def create_customer(bakery: Bakery, name: str | None = None, **details: Any) -> str:
    """A new customer of the bakery; returns its id."""
    result = await bakery.run(
        CREATE_CUSTOMER,
        {"input": {"name": name or f"Cliente {uuid.uuid4().hex[:8]}", **details}},
    )
    payload = result.data["createCustomer"]
    assert payload["errors"] == [], payload
    customer_id: str = payload["customer"]["id"]
    return customer_id


async def create_order_result(
    bakery: Bakery,
    customer_id: str,
    items: list[dict[str, Any]],
    *,
    delivery_date: str = TOMORROW,
    notes: str = "",
    as_: Account | None = None,
) -> Result:
    """The response to `createOrder`, as the owner unless `as_` is given."""
    variables = {
        "tenantId": bakery.id,
        "input": {
            "customerId": customer_id,
            "deliveryDate": delivery_date,
            "notes": notes,
            "items": items,
        },
    }
    return await bakery.client.execute(CREATE_ORDER, variables, as_=as_ or bakery.owner)


async def create_order(
    bakery: Bakery,
    customer_id: str,
    items: list[dict[str, Any]],
    *,
    delivery_date: str = TOMORROW,
    notes: str = "",
) -> dict[str, Any]:
    """A new PENDING order; returns it as `CREATE_ORDER` selects it."""
    result = await create_order_result(
        bakery, customer_id, items, delivery_date=delivery_date, notes=notes
    )
    assert result.errors == [], result.body
    payload = result.data["createOrder"]
    assert payload["errors"] == [], payload
    order: dict[str, Any] = payload["order"]
    return order


async def new_order(bakery: Bakery, *, delivery_date: str = TOMORROW) -> dict[str, Any]:
    """An order of one product for a new customer."""
    customer_id = await create_customer(bakery)
    return await create_order(
        bakery, customer_id, [item(await bakery.product())], delivery_date=delivery_date
    )


async def move(
    bakery: Bakery,
    order_id: str,
    status: str,
    *,
    note: str | None = None,
    as_: Account | None = None,
) -> dict[str, Any]:
    """The payload of `updateOrderStatus` (top-level errors fail the test)."""
    result = await bakery.client.execute(
        UPDATE_ORDER_STATUS,
        {"tenantId": bakery.id, "id": order_id, "status": status, "note": note},
        as_=as_ or bakery.owner,
    )
    assert result.errors == [], result.body
    payload: dict[str, Any] = result.data["updateOrderStatus"]
    return payload


async def cancel(
    bakery: Bakery, order_id: str, *, reason: str | None = None, as_: Account | None = None
) -> dict[str, Any]:
    """The payload of `cancelOrder` (top-level errors fail the test)."""
    result = await bakery.client.execute(
        CANCEL_ORDER,
        {"tenantId": bakery.id, "id": order_id, "reason": reason},
        as_=as_ or bakery.owner,
    )
    assert result.errors == [], result.body
    payload: dict[str, Any] = result.data["cancelOrder"]
    return payload


async def member(bakery: Bakery, role: str) -> Account:
    """A new account with `role` in the bakery."""
    account = await bakery.client.sign_up()
    await bakery.client.add_member(bakery.id, account, role, by=bakery.owner)
    return account


def error_fields(payload: dict[str, Any]) -> list[tuple[str, str | None]]:
    """(code, field) of each error of a mutation payload."""
    return [(error["code"], error["field"]) for error in payload["errors"]]
