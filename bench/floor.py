"""The floor: graphql-core executing a document on prebuilt Python data, with no I/O at all.

The document is parsed and validated once, as the gateway's parser and validation caches hold it,
so each iteration is execution, and the response's JSON: encoded as the gateway encodes it and
decoded as the benchmark's client decodes the gateway's (orjson both ways), so both sides hand
the caller the same decoded body. No server built on graphql-core answers faster; the gateway's
time over this is what HTTP, tokens, the database and Strawberry cost together.
"""

from __future__ import annotations

from typing import Any

import orjson
from graphql import DocumentNode, build_schema, execute_sync, parse, validate

# Decimals are strings on both sides; Date passes values through as the gateway's JSON has them.
SCHEMA = build_schema(
    """
    scalar Date
    enum AlertLifecycleStatus { OPEN, ACKNOWLEDGED, RESOLVED }
    enum AlertStatus { OPEN, RESOLVED }
    enum SummaryGrouping { DAY, PRODUCT }
    type Query { me: User, tenant(id: ID!): Tenant }
    type User { id: ID!, email: String! }
    type Tenant {
      members: [TenantMember!]!
      recipes(first: Int): RecipeConnection!
      orders(first: Int, from: Date, to: Date): OrderConnection!
      alerts(first: Int, status: AlertLifecycleStatus): AlertConnection!
      stockAlerts(first: Int, status: AlertStatus): StockAlertConnection!
      salesSummary(from: Date!, to: Date!, groupBy: SummaryGrouping!): SalesSummary!
    }
    type TenantMember { role: String!, user: User }
    type RecipeConnection { nodes: [Recipe!]! }
    type Recipe { ingredients: [RecipeIngredient!]!, product: Product }
    type RecipeIngredient { ingredient: Ingredient, quantity: String!, unit: String! }
    type Ingredient { name: String!, onHand: String! }
    type Product { name: String! }
    type OrderConnection { totalCount: Int!, nodes: [Order!]! }
    type Order {
      id: ID!, status: String!, total: String!, customer: Customer, items: [OrderItem!]!
    }
    type Customer { name: String! }
    type OrderItem { quantity: String!, product: Product }
    type AlertConnection { nodes: [Alert!]! }
    type Alert { message: String!, severity: String! }
    type StockAlertConnection { nodes: [StockAlert!]! }
    type StockAlert { onHand: String!, ingredient: Ingredient }
    type SalesSummary { total: String!, count: Int!, rows: [SalesSummaryRow!]! }
    type SalesSummaryRow { day: Date, quantity: String!, total: String!, count: Int! }
    """
)


def floor_root(
    *, me: dict[str, Any] | None = None, tenants: dict[str, dict[str, Any]] | None = None
) -> dict[str, Any]:
    """A root value that graphql-core's default resolvers read `me` and `tenant(id)` from."""
    by_id = tenants or {}

    # The default resolver calls a callable value with the field's arguments.
    def tenant(_info: object, id: str) -> dict[str, Any] | None:
        return by_id.get(id)

    return {"me": me, "tenant": tenant}


def prepare(document: str) -> DocumentNode:
    """`document` parsed and validated against the floor's schema."""
    node = parse(document)
    errors = validate(SCHEMA, node)
    if errors:
        raise ValueError(f"the floor cannot execute {document!r}: {errors}")
    return node


async def execute_on_floor(
    document: DocumentNode, variables: dict[str, Any], root: dict[str, Any]
) -> dict[str, Any]:
    """Execute a prepared document on `root` and return the response body, through JSON."""
    result = execute_sync(SCHEMA, document, root_value=root, variable_values=variables)
    body: dict[str, Any] = orjson.loads(orjson.dumps(result.formatted))
    return body
