"""The gateway's public GraphQL API as the benchmarks use it: timed posts and setup mutations."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import orjson

PASSWORD = "correct horse battery staple"  # noqa: S105 - every benchmark account's password

SIGN_UP = """mutation($input: SignUpInput!) {
  signUp(input: $input) { accessToken user { id email } errors { code } }
}"""
CREATE_TENANT = """mutation($input: CreateTenantInput!) {
  createTenant(input: $input) { tenant { id } errors { code } }
}"""
ADD_TENANT_MEMBER = """mutation($t: ID!, $e: String!, $r: MemberRole!) {
  addTenantMember(tenantId: $t, email: $e, role: $r) { errors { code } }
}"""


class SetupError(RuntimeError):
    """The gateway refused or failed a request a benchmark needs; its figures would be wrong."""


@dataclass(frozen=True, slots=True)
class Account:
    """A signed-up user and the headers that act as them."""

    id: str
    email: str
    headers: dict[str, str]


class GraphQLClient:
    """Posts GraphQL documents to the gateway over ASGI, as a frontend sends them."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def post(
        self, document: str, variables: dict[str, Any], *, as_: Account | None = None
    ) -> dict[str, Any]:
        """POST one operation and decode the JSON body; this is the round trip being timed.

        Decoded with orjson, as the gateway encodes: the harness's own work should not weigh
        on the gateway's figure (the standard library's decoder took about 1 ms on 100 recipes).
        """
        response = await self.http.post(
            "/graphql",
            json={"query": document, "variables": variables},
            headers=as_.headers if as_ else None,
        )
        body: dict[str, Any] = orjson.loads(response.content)
        return body

    async def execute(
        self, document: str, variables: dict[str, Any], *, as_: Account | None = None
    ) -> dict[str, Any]:
        """The `data` of one operation; raises SetupError on any GraphQL error."""
        body = await self.post(document, variables, as_=as_)
        if body.get("errors") or not body.get("data"):
            raise SetupError(f"the gateway answered {body!r}")
        data: dict[str, Any] = body["data"]
        return data

    async def mutate(
        self, document: str, variables: dict[str, Any], *, as_: Account
    ) -> dict[str, Any]:
        """The payload of a one-mutation `document`; raises SetupError on its `errors`."""
        data = await self.execute(document, variables, as_=as_)
        [(mutation, payload)] = data.items()
        if payload["errors"]:
            raise SetupError(f"{mutation}: {payload['errors']!r}")
        checked: dict[str, Any] = payload
        return checked

    async def create(
        self, document: str, variables: dict[str, Any], *, as_: Account, field: str
    ) -> str:
        """The id of `field` in the payload of a one-mutation `document` that creates it."""
        created: str = (await self.mutate(document, variables, as_=as_))[field]["id"]
        return created

    async def sign_up(self) -> Account:
        """A new account with a unique email."""
        email = f"bench-{uuid.uuid4().hex[:12]}@example.com"
        variables = {"input": {"email": email, "password": PASSWORD, "fullName": "Bench Baker"}}
        payload = _succeeded((await self.execute(SIGN_UP, variables))["signUp"])
        headers = {"Authorization": f"Bearer {payload['accessToken']}"}
        return Account(id=payload["user"]["id"], email=email, headers=headers)

    async def create_tenant(self, owner: Account) -> str:
        """A new bakery owned by `owner`; returns its id."""
        variables = {"input": {"name": "Bench Bakery", "businessModel": "INDIVIDUAL_BAKERY"}}
        data = await self.execute(CREATE_TENANT, variables, as_=owner)
        tenant_id: str = _succeeded(data["createTenant"])["tenant"]["id"]
        return tenant_id

    async def add_member(self, tenant_id: str, member: Account, role: str, *, by: Account) -> None:
        """Add `member` to the bakery with `role`, acting as `by`."""
        variables = {"t": tenant_id, "e": member.email, "r": role}
        _succeeded((await self.execute(ADD_TENANT_MEMBER, variables, as_=by))["addTenantMember"])


def _succeeded(payload: dict[str, Any]) -> dict[str, Any]:
    if payload["errors"]:
        raise SetupError(f"the mutation failed: {payload!r}")
    return payload
