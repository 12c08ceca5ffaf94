"""Plain resolvers for fields that need none of Strawberry's per-call machinery.

Strawberry resolves every field through its own wrapper: an attribute field goes through three
calls and two properties to reach `getattr`; a method field builds an `Info`, converts its
(absent) arguments and chains its (absent) field extensions before calling the method. On a
page of 100 recipes with 8 lines each, that is 3,500 wrapped calls per request and about a
third of the time graphql-core needs to execute the whole document.

Once the schema is built, `install` gives the fields where that machinery does nothing a direct
resolver with the very same result:
- a field without resolver, extensions or permissions reads the attribute of its Python name,
  as Strawberry's default resolver (`getattr`) does;
- a synchronous method that takes only `self` (no arguments, no `info`, no parent, no
  extensions or permissions) is called with the parent object, as Strawberry calls it.
Every other field keeps Strawberry's resolver untouched. The execution context reads these
fields itself (`attribute_read_by`, `reader_of`), without calling their resolver at all.
"""

from __future__ import annotations

import inspect
import operator
from collections.abc import Callable
from typing import Any

from graphql import GraphQLObjectType
from strawberry import Schema
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

Resolver = Callable[..., Any]

Reader = Callable[[Any], Any]

# The attribute each plain attribute resolver reads, and the reader of every plain resolver.
_ATTRIBUTES: dict[Resolver, str] = {}
_READERS: dict[Resolver, Reader] = {}


def install(schema: Schema) -> int:
    """Give every field that qualifies its plain resolver; returns how many were replaced."""
    if schema.config.default_resolver is not getattr:
        return 0  # a custom default resolver is the schema's choice: leave every field to it
    replaced = 0
    for graphql_type in schema._schema.type_map.values():
        if not isinstance(graphql_type, GraphQLObjectType) or graphql_type.name.startswith("__"):
            continue
        for graphql_field in graphql_type.fields.values():
            definition = (graphql_field.extensions or {}).get(
                GraphQLCoreConverter.DEFINITION_BACKREF
            )
            if not isinstance(definition, StrawberryField):
                continue
            resolver = plain_resolver(definition)
            if resolver is not None:
                graphql_field.resolve = resolver
                replaced += 1
    return replaced


def plain_resolver(field: StrawberryField) -> Resolver | None:
    """The direct resolver of `field`, or None when Strawberry's own must stay."""
    if field.extensions:  # permissions and field extensions run in Strawberry's wrapper
        return None
    method = field.base_resolver
    if method is None:
        return _attribute(field.python_name)
    takes_only_self = (
        method.self_parameter is not None
        and method.info_parameter is None
        and method.root_parameter is None
        and method.parent_parameter is None
        and not field.arguments
    )
    function = method.wrapped_func
    if method.is_async or not takes_only_self or not inspect.isfunction(function):
        return None  # static and class methods are Strawberry's to bind
    return _method(function)


def attribute_read_by(resolver: Resolver | None) -> str | None:
    """The attribute `resolver` returns, when it is a plain attribute read; None otherwise."""
    return _ATTRIBUTES.get(resolver) if resolver is not None else None


def reader_of(resolver: Resolver | None) -> Reader | None:
    """What `resolver` does to its parent, as a function of the parent alone; None when it is
    not a plain resolver."""
    return _READERS.get(resolver) if resolver is not None else None


def _attribute(name: str) -> Resolver:
    def resolve(source: Any, _info: Any) -> Any:
        return getattr(source, name)

    _ATTRIBUTES[resolve] = name
    _READERS[resolve] = operator.attrgetter(name)
    return resolve


def _method(function: Callable[[Any], Any]) -> Resolver:
    def resolve(source: Any, _info: Any) -> Any:
        return function(source)

    _READERS[resolve] = function
    return resolve
