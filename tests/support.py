"""Helpers for tests that go through the public GraphQL API."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import event
from starlette.applications import Starlette

PASSWORD = "correct horse battery staple"


@dataclass
class Result:
    """A GraphQL response: `data`, `errors`, and the HTTP response it came in."""

    status: int
    body: dict[str, Any]
    response: httpx.Response

    @property
    def data(self) -> Any:
        return self.body.get("data")

    @property
    def errors(self) -> list[dict[str, Any]]:
        errors: list[dict[str, Any]] = self.body.get("errors") or []
        return errors

    @property
    def codes(self) -> list[str]:
        """`extensions.code` of each top-level error."""
        return [error.get("extensions", {}).get("code") for error in self.errors]


@dataclass
class Account:
    """A signed-up user."""

    id: str
    email: str
    token: str
    headers: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.headers = {"Authorization": f"Bearer {self.token}"}


class GraphQLClient:
    """Posts GraphQL operations to the app over ASGI."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def execute(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        as_: Account | None = None,
        headers: dict[str, str] | None = None,
    ) -> Result:
        """POST one operation, as `as_` when given."""
        all_headers = {**(as_.headers if as_ else {}), **(headers or {})}
        payload: dict[str, Any] = {"query": query}
        if variables is not None:
            payload["variables"] = variables
        response = await self.http.post("/graphql", json=payload, headers=all_headers)
        return Result(status=response.status_code, body=response.json(), response=response)

    async def sign_up(self, *, email: str | None = None, name: str = "Test Baker") -> Account:
        """A new account with a unique email."""
        email = email or unique_email()
        result = await self.execute(
            """mutation($input: SignUpInput!) {
                 signUp(input: $input) { accessToken user { id email } errors { code } }
               }""",
            {"input": {"email": email, "password": PASSWORD, "fullName": name}},
        )
        payload = result.data["signUp"]
        assert payload["errors"] == [], payload
        return Account(id=payload["user"]["id"], email=email, token=payload["accessToken"])

    async def create_tenant(self, owner: Account, name: str = "Panadería de prueba") -> str:
        """A new tenant owned by `owner`; returns its id."""
        result = await self.execute(
            """mutation($input: CreateTenantInput!) {
                 createTenant(input: $input) { tenant { id } errors { code } }
               }""",
            {"input": {"name": name, "businessModel": "INDIVIDUAL_BAKERY"}},
            as_=owner,
        )
        payload = result.data["createTenant"]
        assert payload["errors"] == [], payload
        tenant_id: str = payload["tenant"]["id"]
        return tenant_id

    async def add_member(self, tenant_id: str, member: Account, role: str, *, by: Account) -> None:
        """Add `member` to the tenant with `role`, acting as `by`."""
        result = await self.execute(
            """mutation($t: ID!, $e: String!, $r: MemberRole!) {
                 addTenantMember(tenantId: $t, email: $e, role: $r) { errors { code } }
               }""",
            {"t": tenant_id, "e": member.email, "r": role},
            as_=by,
        )
        assert result.data["addTenantMember"]["errors"] == [], result.body


def unique_email() -> str:
    """An email no other test uses."""
    return f"baker-{uuid.uuid4().hex[:12]}@example.com"


class Bakery:
    """A tenant with its owner, and shortcuts to fill its catalog and stock through the API."""

    def __init__(self, client: GraphQLClient, owner: Account, tenant_id: str) -> None:
        self.client = client
        self.owner = owner
        self.id = tenant_id

    @classmethod
    async def open(cls, client: GraphQLClient) -> Bakery:
        """A new tenant owned by a new account."""
        owner = await client.sign_up()
        return cls(client, owner, await client.create_tenant(owner))

    async def run(self, query: str, variables: dict[str, Any] | None = None) -> Result:
        """Execute as the owner, with `$tenantId` set."""
        return await self.client.execute(
            query, {"tenantId": self.id, **(variables or {})}, as_=self.owner
        )

    async def ingredient(
        self, name: str | None = None, unit: str = "KG", reorder_point: str = "0"
    ) -> str:
        """A new ingredient; returns its id."""
        result = await self.run(
            """mutation($tenantId: ID!, $input: CreateIngredientInput!) {
                 createIngredient(tenantId: $tenantId, input: $input) {
                   ingredient { id } errors { code message field } } }""",
            {
                "input": {
                    "name": name or f"Ingrediente {uuid.uuid4().hex[:8]}",
                    "category": "General",
                    "unit": unit,
                    "reorderPoint": reorder_point,
                }
            },
        )
        payload = result.data["createIngredient"]
        assert payload["errors"] == [], payload
        ingredient_id: str = payload["ingredient"]["id"]
        return ingredient_id

    async def product(
        self, name: str | None = None, unit: str = "UNIT", kind: str = "FINISHED"
    ) -> str:
        """A new product; returns its id."""
        result = await self.run(
            """mutation($tenantId: ID!, $input: CreateProductInput!) {
                 createProduct(tenantId: $tenantId, input: $input) {
                   product { id } errors { code message field } } }""",
            {
                "input": {
                    "name": name or f"Producto {uuid.uuid4().hex[:8]}",
                    "kind": kind,
                    "unit": unit,
                    "salePrice": "1.50",
                }
            },
        )
        payload = result.data["createProduct"]
        assert payload["errors"] == [], payload
        product_id: str = payload["product"]["id"]
        return product_id

    async def stock(
        self,
        *,
        ingredient_id: str | None = None,
        product_id: str | None = None,
        quantity: str,
        unit_cost: str = "1",
        expires_on: str | None = None,
    ) -> None:
        """Add stock to an item with an adjustment."""
        result = await self.run(
            """mutation($tenantId: ID!, $input: AdjustStockInput!) {
                 adjustStock(tenantId: $tenantId, input: $input) { errors { code message } } }""",
            {
                "input": {
                    "ingredientId": ingredient_id,
                    "productId": product_id,
                    "quantity": quantity,
                    "unitCost": unit_cost,
                    "expiresOn": expires_on,
                    "reason": "test stock",
                }
            },
        )
        assert result.data["adjustStock"]["errors"] == [], result.body

    async def on_hand(self, ingredient_id: str) -> str:
        """Stock left of an ingredient, as the API prints it."""
        result = await self.run(
            """query($tenantId: ID!, $search: String) {
                 tenant(id: $tenantId) { ingredients(first: 100, search: $search) {
                   nodes { id onHand } } } }"""
        )
        for node in result.data["tenant"]["ingredients"]["nodes"]:
            if node["id"] == ingredient_id:
                on_hand: str = node["onHand"]
                return on_hand
        raise AssertionError(f"ingredient {ingredient_id} not listed")


@contextmanager
def counting_statements(app: Starlette) -> Iterator[list[str]]:
    """The SQL statements the app runs inside the block."""
    engine = app.state.resources.database.engine.sync_engine
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)
