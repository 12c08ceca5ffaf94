"""Which fields of a selection the execution context resolves in place, and how.

A field qualifies when its resolver is a plain read of its parent (`schema.plain_resolvers`),
it takes no arguments and carries no directive, and what it returns is completed the same way
for every value:

- a leaf read from an attribute (a name, a quantity): read and coerced on the spot;
- a leaf computed by a self-only method (an id made a string from its record): computed and
  coerced on the spot, so a view can leave for later what a query may not ask for;
- an object, or a list of objects, read from an attribute or a self-only method (a line's
  product, a recipe's lines): its value goes straight to the completion of its sub-fields,
  without the resolve info and the levels of `complete_value` in between.

Everything else is left to graphql-core, and so is any value out of the ordinary (see
`schema.execution`).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, NamedTuple, TypeGuard

from graphql import (
    GraphQLField,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    Undefined,
    is_leaf_type,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from strawberry.schema.schema_converter import CustomGraphQLEnumType

from schema.plain_resolvers import attribute_read_by, reader_of

Coercer = Callable[[Any], Any]


class Leaf(NamedTuple):
    """A leaf read from an attribute: its coercion, and whether null is an error."""

    attribute: str
    coerce: Coercer
    non_null: bool


class ComputedLeaf(NamedTuple):
    """A leaf computed by a self-only method: its coercion, and the field as declared."""

    read: Callable[[Any], Any]
    coerce: Coercer
    field_def: GraphQLField
    declared: GraphQLOutputType


class ObjectField(NamedTuple):
    """An object, or a list of objects (`item_declared` set), read from its parent."""

    read: Callable[[Any], Any]
    field_def: GraphQLField
    field_name: str
    declared: GraphQLOutputType
    object_type: GraphQLObjectType
    non_null: bool
    item_declared: GraphQLOutputType | None = None
    """For a list: the type of its items as declared (non-null or not)."""


class Step(NamedTuple):
    """One field of a selection, and how it is resolved in place (None: by graphql-core)."""

    response_name: str
    field_details_list: FieldDetailsList
    how: Leaf | ComputedLeaf | ObjectField | None


class Planner:
    """Plans of the selections of one operation, made once per selection."""

    def __init__(self, schema: GraphQLSchema) -> None:
        self.schema = schema
        # By the identity of a memoized grouped field set, kept alive with its plan.
        self._plans: dict[int, tuple[GroupedFieldSet, list[Step] | None]] = {}

    def plan(
        self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet
    ) -> list[Step] | None:
        """The steps of a selection on `parent_type`; None when no field qualifies."""
        key = id(grouped_field_set)
        cached = self._plans.get(key)
        if cached is not None and cached[0] is grouped_field_set:
            return cached[1]
        steps = [
            Step(name, details, self._how(parent_type, details))
            for name, details in grouped_field_set.items()
        ]
        plan = steps if any(step.how is not None for step in steps) else None
        self._plans[key] = (grouped_field_set, plan)
        return plan

    def _how(
        self, parent_type: GraphQLObjectType, field_details_list: FieldDetailsList
    ) -> Leaf | ComputedLeaf | ObjectField | None:
        node = field_details_list[0].node
        field_def = self.schema.get_field(parent_type, node.name.value)
        if field_def is None or field_def.args or node.arguments:
            return None
        if any(details.node.directives for details in field_details_list):
            return None  # @stream and the like: graphql-core's to handle
        declared = field_def.type
        non_null = isinstance(declared, GraphQLNonNull)
        kind = declared.of_type if isinstance(declared, GraphQLNonNull) else declared
        read = reader_of(field_def.resolve)
        if read is None:
            return None
        if is_leaf_type(kind):
            attribute = attribute_read_by(field_def.resolve)
            if attribute is None:
                return ComputedLeaf(read, leaf_coercer(kind), field_def, declared)
            return Leaf(attribute, leaf_coercer(kind), non_null)
        if _is_plain_object_type(kind):
            return ObjectField(read, field_def, node.name.value, declared, kind, non_null)
        if isinstance(kind, GraphQLList):
            item_declared = kind.of_type
            item = (
                item_declared.of_type
                if isinstance(item_declared, GraphQLNonNull)
                else item_declared
            )
            if _is_plain_object_type(item):
                return ObjectField(
                    read, field_def, node.name.value, declared, item, non_null, item_declared
                )
        return None


def _is_plain_object_type(kind: Any) -> TypeGuard[GraphQLObjectType]:
    return isinstance(kind, GraphQLObjectType) and kind.is_type_of is None


_coercers: dict[GraphQLLeafType, Coercer] = {}


def leaf_coercer(kind: GraphQLLeafType) -> Coercer:
    """How values of `kind` are coerced: the type's own coercion, enums by a lookup."""
    coerce = _coercers.get(kind)
    if coerce is None:
        if isinstance(kind, CustomGraphQLEnumType) and isinstance(kind.wrapped_cls, enum.EnumMeta):
            coerce = _enum_coercer(kind)
        else:
            coerce = kind.coerce_output_value
        _coercers[kind] = coerce
    return coerce


def _enum_coercer(kind: CustomGraphQLEnumType) -> Coercer:
    """Strawberry's enum coercion, with each member's name looked up instead of searched for."""
    wrapped: Any = kind.wrapped_cls
    names: dict[Any, str] = {}
    for member in wrapped:
        for name, value in kind.values.items():
            if member.value == value.value:  # the first match, as Strawberry's loop finds it
                names[member] = name
                break
    coerce_output_value = kind.coerce_output_value

    def coerce(value: Any) -> Any:
        if type(value) is wrapped:
            name = names.get(value)
            if name is not None:
                return name
        return coerce_output_value(value)

    return coerce


def read_leaf(
    source: Any,
    leaf: Leaf,
    response_name: str,
    results: dict[str, Any],
    plain: Callable[[type], bool],
) -> bool:
    """Put the leaf's coerced value in `results` and say so; False leaves it to graphql-core.

    `plain` tells the value types that complete as they are (not awaitable, not an error).
    """
    try:
        value = getattr(source, leaf.attribute)
        if value is None:
            if leaf.non_null:
                return False
            results[response_name] = None
            return True
        if not plain(type(value)):
            return False
        coerced = leaf.coerce(value)
    except Exception:  # graphql-core reads it again and reports the error where it belongs
        return False
    if coerced is None or coerced is Undefined:
        return False
    results[response_name] = coerced
    return True
