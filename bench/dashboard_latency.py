"""The home-page dashboard of the performance issue, against the graphql-core floor.

One query: a page of today's orders with their customer and items, open alerts, ingredients
low on stock and the last 7 days' sales by day. Run on two bakeries, 50 and 200 orders for
today, so the SQL column shows that the statements do not grow with the orders.
"""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from bench.client import Account, GraphQLClient, SetupError
from bench.environment import Environment
from bench.floor import floor_root
from bench.graphql_latency import against_floor
from bench.harness import Comparison
from bench.recipes_latency import CREATE_INGREDIENT, CREATE_PRODUCT
from domains.sales import service as sales_service
from domains.sales.kinds import SalesChannel
from domains.sales.records import SaleLine

ORDERS_PER_DAY = (50, 200)
PRODUCTS = 30
CUSTOMERS = 40
INGREDIENTS = 20
LOW_EVERY = 3  # every third ingredient is wasted below its reorder point
SALES_DAYS = 7
SALES_PER_DAY = 150
DASHBOARD = """
query($id: ID!, $today: Date!, $weekAgo: Date!) {
  tenant(id: $id) {
    orders(from: $today, to: $today, first: 100) {
      totalCount
      nodes { id status total customer { name } items { quantity product { name } } }
    }
    alerts(status: OPEN, first: 100) { nodes { message severity } }
    stockAlerts(status: OPEN, first: 100) { nodes { onHand ingredient { name onHand } } }
    salesSummary(from: $weekAgo, to: $today, groupBy: DAY) {
      total count rows { day quantity total count }
    }
  }
}
"""
CREATE_CUSTOMER = """
mutation($t: ID!, $input: CreateCustomerInput!) {
  createCustomer(tenantId: $t, input: $input) { customer { id } errors { code message } }
}
"""
CREATE_ORDER = """
mutation($t: ID!, $input: CreateOrderInput!) {
  createOrder(tenantId: $t, input: $input) { order { id } errors { code message } }
}
"""
CREATE_ALERT_RULE = """
mutation($t: ID!, $input: CreateAlertRuleInput!) {
  createAlertRule(tenantId: $t, input: $input) { rule { id } errors { code message } }
}
"""
ADJUST_STOCK = """
mutation($t: ID!, $input: AdjustStockInput!) {
  adjustStock(tenantId: $t, input: $input) { errors { code message } }
}
"""
RECORD_WASTE = """
mutation($t: ID!, $input: RecordWasteInput!) {
  recordWaste(tenantId: $t, input: $input) { errors { code message } }
}
"""


async def dashboard_latency(environment: Environment, iterations: int) -> list[Comparison]:
    """The dashboard as the owner of a bakery with 50, then 200, orders for today."""
    today = datetime.now(UTC).date()
    variables = {"today": today.isoformat(), "weekAgo": (today - timedelta(days=6)).isoformat()}
    comparisons = []
    for orders in ORDERS_PER_DAY:
        owner, tenant_id = await _bakery_with_a_day_of_orders(environment, orders, today)
        comparisons.append(
            await _dashboard_against_floor(
                environment, owner, tenant_id, {"id": tenant_id, **variables}, orders, iterations
            )
        )
    return comparisons


async def _dashboard_against_floor(
    environment: Environment,
    owner: Account,
    tenant_id: str,
    variables: dict[str, Any],
    orders: int,
    iterations: int,
) -> Comparison:
    # The floor serves a deep copy of what the gateway serves: same objects, same order.
    served = await environment.client.execute(DASHBOARD, variables, as_=owner)
    tenant = copy.deepcopy(served["tenant"])
    if tenant["orders"]["totalCount"] != orders:
        raise SetupError(f"expected {orders} orders today, the gateway counted {tenant['orders']}")
    if not tenant["alerts"]["nodes"] or not tenant["stockAlerts"]["nodes"]:
        raise SetupError(f"expected open alerts, the gateway served {tenant!r}")
    if len(tenant["salesSummary"]["rows"]) != SALES_DAYS:
        raise SetupError(f"expected {SALES_DAYS} days of sales: {tenant['salesSummary']!r}")
    # The gateway already applied the arguments; each field hands back what it served.
    root = floor_root(tenants={tenant_id: {name: _served(value) for name, value in tenant.items()}})
    return await against_floor(
        environment,
        f"dashboard {orders} orders/day",
        DASHBOARD,
        variables,
        as_=owner,
        root=root,
        iterations=iterations,
    )


def _served(value: dict[str, Any]) -> Any:
    def field(_info: object, **_arguments: object) -> dict[str, Any]:
        return value

    return field


async def _bakery_with_a_day_of_orders(
    environment: Environment, orders: int, today: date
) -> tuple[Account, str]:
    """A bakery with `orders` orders of 3 to 5 items for today, open low-stock alerts on a third
    of its ingredients, and a week of sales."""
    client = environment.client
    owner = await client.sign_up()
    tenant_id = await client.create_tenant(owner)
    await _low_stock(client, owner, tenant_id)
    products = [
        await client.create(
            CREATE_PRODUCT,
            {
                "t": tenant_id,
                "input": {
                    "name": f"Producto {index:03}",
                    "kind": "FINISHED",
                    "unit": "UNIT",
                    "salePrice": f"{1 + index % 7}.20",
                },
            },
            as_=owner,
            field="product",
        )
        for index in range(PRODUCTS)
    ]
    customers = [
        await client.create(
            CREATE_CUSTOMER,
            {"t": tenant_id, "input": {"name": f"Cliente {i:03}"}},
            as_=owner,
            field="customer",
        )
        for i in range(CUSTOMERS)
    ]
    for index in range(orders):
        items = [
            {"productId": products[(index * 7 + k) % PRODUCTS], "quantity": str(1 + k)}
            for k in range(3 + index % 3)
        ]
        order = {
            "customerId": customers[index % CUSTOMERS],
            "deliveryDate": today.isoformat(),
            "items": items,
        }
        await client.create(
            CREATE_ORDER, {"t": tenant_id, "input": order}, as_=owner, field="order"
        )
    await _week_of_sales(environment, uuid.UUID(tenant_id), products, today)
    return owner, tenant_id


async def _low_stock(client: GraphQLClient, owner: Account, tenant_id: str) -> None:
    """Ingredients stocked at 10 with a reorder point of 5, every third wasted down to 3 under a
    rule that watches every ingredient: each of those has an open alert and stock alert."""
    await client.create(
        CREATE_ALERT_RULE, {"t": tenant_id, "input": {"kind": "LOW_STOCK"}}, as_=owner, field="rule"
    )
    for index in range(INGREDIENTS):
        ingredient = await client.create(
            CREATE_INGREDIENT,
            {
                "t": tenant_id,
                "input": {
                    "name": f"Ingrediente {index:02}",
                    "category": "Bench",
                    "unit": "KG",
                    "reorderPoint": "5",
                },
            },
            as_=owner,
            field="ingredient",
        )
        stock = {"ingredientId": ingredient, "quantity": "10", "unitCost": "1", "reason": "bench"}
        await client.mutate(ADJUST_STOCK, {"t": tenant_id, "input": stock}, as_=owner)
        if index % LOW_EVERY == 0:
            waste = {"ingredientId": ingredient, "quantity": "7", "reason": "bench"}
            await client.mutate(RECORD_WASTE, {"t": tenant_id, "input": waste}, as_=owner)


async def _week_of_sales(
    environment: Environment, tenant_id: uuid.UUID, products: list[str], today: date
) -> None:
    """150 sales a day for the last 7 days, through the sales service: the API records sales only
    at the time they are made."""
    async with environment.engine.begin() as connection:
        for days_ago in range(SALES_DAYS):
            lines = [
                SaleLine(uuid.UUID(products[i % PRODUCTS]), Decimal(1 + i % 4), Decimal("1.20"))
                for i in range(SALES_PER_DAY)
            ]
            await sales_service.record_sales(
                connection,
                tenant_id=tenant_id,
                lines=lines,
                channel=SalesChannel.POS,
                pos_transaction_id=None,
                sold_at=datetime.combine(today - timedelta(days=days_ago), time(), UTC),
            )
