"""Operations generated from the schema the gateway publishes (introspection over HTTP).

The reliability tests never list fields by hand: a field added later is walked, probed and
fuzzed like the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from graphql import (
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    Undefined,
    build_client_schema,
    get_introspection_query,
    get_named_type,
    is_leaf_type,
)

from tests.support import Bakery, GraphQLClient

IdPicker = Callable[[str], list[str]]
"""The ids to try for an ID argument or input field, from its name."""


async def introspected(client: GraphQLClient) -> GraphQLSchema:
    """The schema as a client sees it, through the introspection query."""
    result = await client.execute(get_introspection_query(descriptions=False))
    assert result.errors == [], result.errors
    return build_client_schema(result.data)


def unwrap(kind: GraphQLOutputType | GraphQLInputType) -> GraphQLNamedType:
    """The named type under lists and non-nulls."""
    return get_named_type(kind)


def selection(kind: GraphQLOutputType, depth: int = 3) -> str:
    """Every leaf field of `kind` and of the objects under it, `depth` levels down.

    Fields with required arguments are left out; lists of objects are walked like objects;
    every object selects `__typename` so a response tells which object each id belongs to.
    """
    named = unwrap(kind)
    if is_leaf_type(named):
        return ""
    assert isinstance(named, GraphQLObjectType), named
    parts = ["__typename"]
    for name, field in named.fields.items():
        if any(_required(argument) for argument in field.args.values()):
            continue
        target = unwrap(field.type)
        if is_leaf_type(target):
            parts.append(name)
        elif depth > 1:
            parts.append(f"{name} {{ {selection(field.type, depth - 1)} }}")
    return " ".join(parts)


def _required(argument: GraphQLArgument) -> bool:
    return isinstance(argument.type, GraphQLNonNull) and argument.default_value is Undefined


def has_id(kind: GraphQLInputType, seen: frozenset[str] = frozenset()) -> bool:
    """Whether a value of this input type can carry an ID, at any depth."""
    named = unwrap(kind)
    if isinstance(named, GraphQLScalarType):
        return named.name == "ID"
    if isinstance(named, GraphQLInputObjectType) and named.name not in seen:
        return any(has_id(f.type, seen | {named.name}) for f in named.fields.values())
    return False


def value_for(name: str, kind: GraphQLInputType, ids: IdPicker, focus: str | None = None) -> Any:
    """A valid JSON value of `kind`; IDs come from `ids` by the argument's or field's name.

    Input objects get their required fields and the optional ones that can carry an id: all of
    them, or with `focus` only the one of that name (services often refuse two at once, before
    looking any id up).
    """
    if isinstance(kind, GraphQLNonNull):
        return value_for(name, kind.of_type, ids, focus)
    if isinstance(kind, GraphQLList):
        return [value_for(name, kind.of_type, ids, focus)]
    if isinstance(kind, GraphQLEnumType):
        return next(iter(kind.values))
    if isinstance(kind, GraphQLInputObjectType):
        return {
            field_name: value_for(field_name, field.type, ids, focus)
            for field_name, field in kind.fields.items()
            if _required_field(field) or (has_id(field.type) and focus in (None, field_name))
        }
    assert isinstance(kind, GraphQLScalarType), kind
    return _scalar(name, kind.name, ids)


def _required_field(field: GraphQLInputField) -> bool:
    return isinstance(field.type, GraphQLNonNull) and field.default_value is Undefined


def optional_id_fields(kind: GraphQLInputType, seen: frozenset[str] = frozenset()) -> set[str]:
    """Names of the optional input fields that can carry an id, at any depth of `kind`."""
    named = unwrap(kind)
    if not isinstance(named, GraphQLInputObjectType) or named.name in seen:
        return set()
    found: set[str] = set()
    for field_name, field in named.fields.items():
        if not _required_field(field) and has_id(field.type):
            found.add(field_name)
        found |= optional_id_fields(field.type, seen | {named.name})
    return found


def _scalar(name: str, scalar: str, ids: IdPicker) -> Any:
    now = datetime.now(UTC)
    samples: dict[str, Any] = {
        "String": "sonda",
        "Int": 1,
        "Float": 1.0,
        "Boolean": True,
        "Decimal": "1",
        "Date": now.date().isoformat(),
        "DateTime": now.isoformat(),
        "JSON": {},
    }
    if scalar == "ID":
        return ids(name)[0]
    return samples.get(scalar, "sonda")


def variable_definitions(field: GraphQLField, names: list[str]) -> tuple[str, str]:
    """`($a: T, ...)` and `(a: $a, ...)` for the arguments `names` of `field`."""
    if not names:
        return "", ""
    declared = ", ".join(f"${name}: {field.args[name].type}" for name in names)
    passed = ", ".join(f"{name}: ${name}" for name in names)
    return f"({declared})", f"({passed})"


def arguments_to_send(field: GraphQLField, also: tuple[str, ...] = ()) -> list[str]:
    """The required arguments of `field`, and those of `also`."""
    return [name for name, argument in field.args.items() if _required(argument) or name in also]


def id_arguments(field: GraphQLField) -> list[str]:
    """The arguments of `field` that can carry an id."""
    return [name for name, argument in field.args.items() if has_id(argument.type)]


def walk_ids(data: Any) -> Iterator[tuple[str, str]]:
    """Every (`__typename`, `id`) pair in a response's data."""
    if isinstance(data, dict):
        if isinstance(data.get("id"), str) and isinstance(data.get("__typename"), str):
            yield data["__typename"], data["id"]
        for value in data.values():
            yield from walk_ids(value)
    elif isinstance(data, list):
        for value in data:
            yield from walk_ids(value)


def strings_in(data: Any) -> Iterator[str]:
    """Every string anywhere in a response's data."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings_in(value)


async def ids_by_type(
    bakery: Bakery, schema: GraphQLSchema, *, refusals: frozenset[str] = frozenset()
) -> dict[str, list[str]]:
    """Every object id the owner sees under `tenant(id)`, by GraphQL type (generated reads).

    A field may be refused only with one of `refusals` (a demo visitor's FORBIDDEN ones).
    """
    tenant_type = schema.get_type("Tenant")
    assert isinstance(tenant_type, GraphQLObjectType)
    found: dict[str, list[str]] = {"Tenant": [bakery.id]}
    if bakery.owner.id:
        found["User"] = [bakery.owner.id]
    for name, field in tenant_type.fields.items():
        result = await bakery.client.execute(
            *tenant_field_query(name, field, bakery.id, lambda _: [bakery.id]),
            as_=bakery.owner,
        )
        assert set(result.codes) <= refusals, (name, result.errors)
        for typename, object_id in walk_ids(result.data):
            if object_id not in found.setdefault(typename, []):
                found[typename].append(object_id)
    # The populated bakery has something of every domain: the probes have ammunition.
    assert len(found) >= 15, sorted(found)
    return found


def tenant_field_query(
    name: str, field: GraphQLField, tenant_id: str, ids: IdPicker, also: tuple[str, ...] = ()
) -> tuple[str, dict[str, Any]]:
    """`tenant(id: $tenantId) { <name>(<args>) { <everything> } }` and its variables.

    The arguments sent are the required ones and those named in `also`.
    """
    sent = [argument for argument in arguments_to_send(field, also) if argument != "tenantId"]
    declared, passed = variable_definitions(field, sent)
    declared = declared[1:-1]
    head = f"query($tenantId: ID!{', ' + declared if declared else ''})"
    inner = selection(field.type, depth=3)
    body = f"{name}{passed} {{ {inner} }}" if inner else f"{name}{passed}"
    variables = {argument: value_for(argument, field.args[argument].type, ids) for argument in sent}
    return f"{head} {{ tenant(id: $tenantId) {{ {body} }} }}", {"tenantId": tenant_id, **variables}


def root_field_operation(
    operation: str,
    name: str,
    field: GraphQLField,
    ids: IdPicker,
    also: tuple[str, ...] = (),
    focus: str | None = None,
) -> tuple[str, dict[str, Any]]:
    """`<operation>(<vars>) { <name>(<args>) { <everything> } }` and its variables.

    The arguments sent are the required ones and those named in `also`; `focus` as in
    `value_for`.
    """
    sent = arguments_to_send(field, also)
    declared, passed = variable_definitions(field, sent)
    inner = selection(field.type, depth=3)
    body = f"{name}{passed} {{ {inner} }}" if inner else f"{name}{passed}"
    variables = {
        argument: value_for(argument, field.args[argument].type, ids, focus) for argument in sent
    }
    return f"{operation}{declared} {{ {body} }}", variables
