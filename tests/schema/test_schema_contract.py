"""schema.graphql is committed, current, and documents every type and field."""

from __future__ import annotations

from pathlib import Path

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLObjectType,
)

from schema.build import build_schema

SCHEMA_FILE = Path(__file__).parents[2] / "schema.graphql"


def test_committed_schema_matches_the_code() -> None:
    assert SCHEMA_FILE.read_text() == build_schema().as_str() + "\n", (
        "schema.graphql drifted from the code: run `make schema` and review the diff"
    )


def test_every_type_and_field_has_a_description() -> None:
    graphql_schema = build_schema()._schema
    undocumented: list[str] = []
    for name, graphql_type in graphql_schema.type_map.items():
        if name.startswith("__") or name in {"Query", "Mutation"}:
            continue
        documented_kinds = GraphQLObjectType | GraphQLInputObjectType | GraphQLEnumType
        if isinstance(graphql_type, documented_kinds) and not graphql_type.description:
            undocumented.append(name)
        if isinstance(graphql_type, GraphQLObjectType | GraphQLInputObjectType):
            undocumented += [
                f"{name}.{field}"
                for field, definition in graphql_type.fields.items()
                if not definition.description
            ]
    for root in (graphql_schema.query_type, graphql_schema.mutation_type):
        assert root is not None
        undocumented += [
            f"{root.name}.{field}"
            for field, definition in root.fields.items()
            if not definition.description
        ]
    assert undocumented == []


def test_contract_names_are_present() -> None:
    sdl = build_schema().as_str()
    for line in (
        "me: User",
        "tenant(id: ID!): Tenant",
        "myTenants: [Tenant!]!",
        "tenantAdmins(tenantId: ID!): [TenantMember!]!",
        "signUp(input: SignUpInput!): AuthPayload!",
        "login(email: String!, password: String!): AuthPayload!",
        "createTenant(input: CreateTenantInput!): TenantPayload!",
        "addTenantMember(tenantId: ID!, email: String!, role: MemberRole!): TenantMemberPayload!",
    ):
        assert line in sdl, line
