"""The execution context: Strawberry's, with the awaitability check answered once per type,
leaf fields read in place, and sibling fields that finish rather than being cancelled.

graphql-core asks whether each resolved value is awaitable, several times a field: 12,000 times
for a page of 100 recipes. Strawberry's check is quick for built-in types and walks `isinstance`
and `hasattr` for every other value (our GraphQL views, decimals, enum members). Whether `await`
accepts a value is a property of its type (`await` looks `__await__` up on the type), so the
answer is kept per type; only generators, which are awaitable when their code is a coroutine,
are asked one by one.

Most fields of a long list are leaves read from an attribute (`quantity`, `unit`, `name`: 2,500
of the 3,500 fields of 100 recipes). graphql-core gives each one a path, a resolve info, a
resolver call and four levels of value completion before it coerces the value. For a leaf whose
resolver is a plain attribute read (`schema.plain_resolvers`), `execute_fields` reads the
attribute and coerces the value itself; anything out of the ordinary (null in a non-null field,
an error, an awaitable, a value the scalar refuses) goes the ordinary way, which then reports
it exactly as before. Nothing is read in place when middleware wraps the resolvers (tracing).
"""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Awaitable, Callable
from inspect import CO_ITERABLE_COROUTINE
from types import CoroutineType, GeneratorType
from typing import Any, NamedTuple

from graphql import (
    GraphQLLeafType,
    GraphQLNonNull,
    GraphQLObjectType,
    Undefined,
    is_leaf_type,
)
from graphql.execution import executor as graphql_executor
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import CustomGraphQLEnumType

from schema.plain_resolvers import attribute_read_by

_KEPT_TYPES = 10_000  # bound the memo, should a program make types on the fly
_awaitable_by_type: dict[type, bool] = {}
_plain_by_type: dict[type, bool] = {}


def is_awaitable(value: Any) -> bool:
    """Whether `await value` would work."""
    kind = type(value)
    known = _awaitable_by_type.get(kind)
    if known is not None:
        return known
    if kind is GeneratorType:
        return bool(value.gi_code.co_flags & CO_ITERABLE_COROUTINE)
    verdict = issubclass(kind, CoroutineType) or hasattr(kind, "__await__")
    if len(_awaitable_by_type) < _KEPT_TYPES:
        _awaitable_by_type[kind] = verdict
    return verdict


def _is_plain(kind: type) -> bool:
    """Whether values of `kind` complete as leaves without help: not awaitable, not an error."""
    verdict = _plain_by_type.get(kind)
    if verdict is None:
        verdict = not (
            kind is GeneratorType
            or issubclass(kind, (BaseException, CoroutineType))
            or hasattr(kind, "__await__")
        )
        if len(_plain_by_type) < _KEPT_TYPES:
            _plain_by_type[kind] = verdict
    return verdict


Coercer = Callable[[Any], Any]


class _Leaf(NamedTuple):
    """How to read a leaf field in place: its attribute, its coercion, whether null is an error."""

    attribute: str
    coerce: Coercer
    non_null: bool


class _Step(NamedTuple):
    """One field of a selection: its response name and details; `leaf` when read in place."""

    response_name: str
    field_details_list: FieldDetailsList
    leaf: _Leaf | None


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


def _leaf_coercer(kind: GraphQLLeafType) -> Coercer:
    if isinstance(kind, CustomGraphQLEnumType) and isinstance(kind.wrapped_cls, enum.EnumMeta):
        return _enum_coercer(kind)
    return kind.coerce_output_value


class GatewayExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context with `is_awaitable` above and leaves read in place."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.is_awaitable = is_awaitable  # type: ignore[assignment] # a TypeGuard in graphql-core
        middleware = self.middleware_manager
        self._in_place = middleware is None or not middleware.middlewares
        # By the identity of a memoized grouped field set (kept alive with its plan).
        self._plans: dict[int, tuple[GroupedFieldSet, list[_Step] | None]] = {}
        self._coercers: dict[GraphQLLeafType, Coercer] = {}

    def _plan(
        self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet
    ) -> list[_Step] | None:
        """The steps of a selection on `parent_type`; None when no field is a plain leaf."""
        key = id(grouped_field_set)
        cached = self._plans.get(key)
        if cached is not None and cached[0] is grouped_field_set:
            return cached[1]
        steps: list[_Step] = []
        leaves = 0
        for response_name, field_details_list in grouped_field_set.items():
            leaf = self._leaf(parent_type, field_details_list)
            leaves += leaf is not None
            steps.append(_Step(response_name, field_details_list, leaf))
        plan = steps if leaves else None
        self._plans[key] = (grouped_field_set, plan)
        return plan

    def _leaf(
        self, parent_type: GraphQLObjectType, field_details_list: FieldDetailsList
    ) -> _Leaf | None:
        node = field_details_list[0].node
        field_def = self.schema.get_field(parent_type, node.name.value)
        if field_def is None or field_def.args or node.arguments:
            return None
        attribute = attribute_read_by(field_def.resolve)
        if attribute is None:
            return None
        declared = field_def.type
        non_null = isinstance(declared, GraphQLNonNull)
        kind = declared.of_type if isinstance(declared, GraphQLNonNull) else declared
        if not is_leaf_type(kind):
            return None
        coerce = self._coercers.get(kind)
        if coerce is None:
            coerce = self._coercers[kind] = _leaf_coercer(kind)
        return _Leaf(attribute, coerce, non_null)

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        """graphql-core's `execute_fields`, with the plain leaves read in place."""
        plan = self._plan(parent_type, grouped_field_set) if self._in_place else None
        if plan is None:
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        results: dict[str, Any] = {}
        awaitable_fields: list[str] = []
        try:
            for response_name, field_details_list, leaf in plan:
                if leaf is not None and _read_leaf(source_value, leaf, response_name, results):
                    continue
                result = self.execute_field(
                    parent_type,
                    source_value,
                    field_details_list,
                    Path(path, response_name, parent_type.name),
                    position_context,
                )
                if result is not Undefined:
                    results[response_name] = result
                    if is_awaitable(result):
                        awaitable_fields.append(response_name)
        except Exception:
            if awaitable_fields:
                self.settle_in_background([results[field] for field in awaitable_fields])
            raise
        if not awaitable_fields:
            return results

        async def get_results() -> dict[str, Any]:
            if len(awaitable_fields) == 1:
                field = awaitable_fields[0]
                results[field] = await results[field]
                return results
            awaited = await gather_settled(*(results[field] for field in awaitable_fields))
            results.update(zip(awaitable_fields, awaited, strict=True))
            return results

        return get_results()


def _read_leaf(source: Any, leaf: _Leaf, response_name: str, results: dict[str, Any]) -> bool:
    """Put the leaf's coerced value in `results` and say so; False leaves it to graphql-core."""
    try:
        value = getattr(source, leaf.attribute)
        if value is None:
            if leaf.non_null:
                return False
            results[response_name] = None
            return True
        if not _is_plain(type(value)):
            return False
        coerced = leaf.coerce(value)
    except Exception:  # graphql-core reads it again and reports the error where it belongs
        return False
    if coerced is None or coerced is Undefined:
        return False
    results[response_name] = coerced
    return True


async def gather_settled(*awaitables: Awaitable[Any]) -> list[Any]:
    """Await every sibling, then raise the first error: graphql-core's `gather_with_cancel`
    without the cancelling.

    graphql-core cancels the pending siblings of a field whose error reaches a non-null parent.
    A sibling waiting on a DataLoader future that another branch also waits on cancelled that
    future for both, and the request ended with CancelledError and no answer; one cancelled
    before it started dropped its resolver's coroutine unawaited; one cancelled mid-statement
    gave its connection back mid-query. Letting siblings finish costs only on error paths.
    """
    results = await asyncio.gather(*awaitables, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


graphql_executor.gather_with_cancel = gather_settled  # type: ignore[attr-defined]
