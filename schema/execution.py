"""The execution context: Strawberry's, with the awaitability check answered once per type,
plain fields resolved in place, and sibling fields that finish rather than being cancelled.

graphql-core asks whether each resolved value is awaitable, several times a field: 12,000 times
for a page of 100 recipes. Strawberry's check is quick for built-in types and walks `isinstance`
and `hasattr` for every other value (our GraphQL views, decimals, enum members). Whether `await`
accepts a value is a property of its type (`await` looks `__await__` up on the type), so the
answer is kept per type; only generators, which are awaitable when their code is a coroutine,
are asked one by one.

Most fields of a long list are read from their parent and completed the same way every time
(`schema.in_place`): 2,500 of the 3,500 fields of 100 recipes are leaves, most of the rest
objects and lists of objects. graphql-core gives each one a path, a resolve info, a resolver
call and several levels of value completion. Here a leaf is read and coerced on the spot, and an
object's value goes straight to the completion of its sub-fields; a leaf computed by a method
is computed and coerced on the spot. A value out of the ordinary
(null in a non-null field, an error, an awaitable, a value the scalar refuses) goes graphql-
core's way, which reports it exactly as before; an error in a sub-field is handled as
graphql-core's `execute_field` and list completion handle it. Nothing is resolved in place when
middleware wraps the resolvers (tracing).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from inspect import CO_ITERABLE_COROUTINE
from types import CoroutineType, GeneratorType
from typing import Any

from graphql import (
    GraphQLField,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    Undefined,
)
from graphql.execution import executor as graphql_executor
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.execution.executor import to_nodes
from graphql.pyutils import AwaitableOrValue, Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from schema.in_place import ComputedLeaf, Leaf, ObjectField, Planner, read_leaf

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


def is_plain(kind: type) -> bool:
    """Whether values of `kind` complete as they are: not awaitable, not an error."""
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


class GatewayExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context with `is_awaitable` above and plain fields in place."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.is_awaitable = is_awaitable  # type: ignore[assignment] # a TypeGuard in graphql-core
        middleware = self.middleware_manager
        in_place = middleware is None or not middleware.middlewares
        self._planner = Planner(self.schema) if in_place else None

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        """graphql-core's `execute_fields`, with the plain fields resolved in place."""
        planner = self._planner
        plan = planner.plan(parent_type, grouped_field_set) if planner is not None else None
        if plan is None:
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        results: dict[str, Any] = {}
        awaitable_fields: list[str] = []
        try:
            for response_name, field_details_list, how in plan:
                if how is None or (
                    how.__class__ is Leaf
                    and not read_leaf(source_value, how, response_name, results, is_plain)
                ):
                    result = self.execute_field(
                        parent_type,
                        source_value,
                        field_details_list,
                        Path(path, response_name, parent_type.name),
                        position_context,
                    )
                    if result is Undefined:
                        continue
                elif how.__class__ is ComputedLeaf:
                    result = self._compute_leaf(
                        parent_type,
                        source_value,
                        how,
                        field_details_list,
                        Path(path, response_name, parent_type.name),
                        position_context,
                    )
                elif how.__class__ is ObjectField:
                    result = self._execute_in_place(
                        parent_type,
                        source_value,
                        how,
                        field_details_list,
                        Path(path, response_name, parent_type.name),
                        position_context,
                    )
                else:
                    continue  # a leaf, already in `results`
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

    def _compute_leaf(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        how: ComputedLeaf,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any:
        """`execute_field` for a leaf computed by a method: called once, whatever it returns."""
        try:
            value = how.read(source)
            if value is not None and is_plain(type(value)):
                try:
                    coerced = how.coerce(value)
                except Exception:  # completed below, which reports it where it belongs
                    coerced = None
                if coerced is not None and coerced is not Undefined:
                    return coerced
            info = self._info(parent_type, how.field_def, field_details_list, path)
            if is_awaitable(value):
                return self.complete_awaitable_value(
                    how.declared, field_details_list, info, path, value, position_context
                )
            return self.complete_value(
                how.declared, field_details_list, info, path, value, position_context
            )
        except Exception as raw_error:
            self.handle_field_error(raw_error, how.declared, field_details_list, path)
            return None

    def _execute_in_place(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        how: ObjectField,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
    ) -> Any:
        """`execute_field` for an object or list field read from its parent."""
        try:
            value = how.read(source)
            if is_awaitable(value):
                info = self._info(parent_type, how.field_def, field_details_list, path)
                return self.complete_awaitable_value(
                    how.declared, field_details_list, info, path, value, position_context
                )
            if how.item_declared is None:
                completed = self._complete_object(
                    parent_type, how, field_details_list, path, value, position_context
                )
            else:
                completed = self._complete_list(
                    parent_type, how, field_details_list, path, value, position_context
                )
            if is_awaitable(completed):
                return self._settled(completed, how.declared, field_details_list, path)
            return completed
        except Exception as raw_error:
            self.handle_field_error(raw_error, how.declared, field_details_list, path)
            return None

    def _complete_object(
        self,
        parent_type: GraphQLObjectType,
        how: ObjectField,
        field_details_list: FieldDetailsList,
        path: Path,
        value: Any,
        position_context: Any,
    ) -> Any:
        if value is None or not is_plain(type(value)):
            info = self._info(parent_type, how.field_def, field_details_list, path)
            return self.complete_value(
                how.declared, field_details_list, info, path, value, position_context
            )
        return self.collect_and_execute_subfields(
            how.object_type, field_details_list, path, value, position_context
        )

    def _complete_list(
        self,
        parent_type: GraphQLObjectType,
        how: ObjectField,
        field_details_list: FieldDetailsList,
        path: Path,
        value: Any,
        position_context: Any,
    ) -> Any:
        if type(value) is not list or not all(
            item is not None and is_plain(type(item)) for item in value
        ):
            info = self._info(parent_type, how.field_def, field_details_list, path)
            return self.complete_value(
                how.declared, field_details_list, info, path, value, position_context
            )
        item_type = how.object_type
        item_declared = how.item_declared
        assert item_declared is not None
        complete = self.collect_and_execute_subfields
        completed: list[Any] = []
        awaitable_indices: list[int] = []
        try:
            for index, item in enumerate(value):
                item_path = path.add_key(index, None)
                try:
                    result: Any = complete(
                        item_type, field_details_list, item_path, item, position_context
                    )
                except Exception as raw_error:
                    self.handle_field_error(raw_error, item_declared, field_details_list, item_path)
                    result = None
                else:
                    if is_awaitable(result):
                        result = self._settled(result, item_declared, field_details_list, item_path)
                        awaitable_indices.append(index)
                completed.append(result)
        except Exception:
            if awaitable_indices:
                self.settle_in_background([completed[index] for index in awaitable_indices])
            raise
        if not awaitable_indices:
            return completed

        async def get_completed() -> list[Any]:
            if len(awaitable_indices) == 1:
                index = awaitable_indices[0]
                completed[index] = await completed[index]
                return completed
            awaited = await gather_settled(*(completed[index] for index in awaitable_indices))
            for index, result in zip(awaitable_indices, awaited, strict=True):
                completed[index] = result
            return completed

        return get_completed()

    def _settled(
        self,
        completed: Awaitable[Any],
        declared: GraphQLOutputType,
        field_details_list: FieldDetailsList,
        path: Path,
    ) -> Awaitable[Any]:
        """`completed`, its error handled at `path` as graphql-core handles a field's."""

        async def await_completed() -> Any:
            try:
                return await completed
            except Exception as raw_error:
                self.handle_field_error(raw_error, declared, field_details_list, path)
                return None

        return await_completed()

    def _info(
        self,
        parent_type: GraphQLObjectType,
        field_def: GraphQLField,
        field_details_list: FieldDetailsList,
        path: Path,
    ) -> GraphQLResolveInfo[Any]:
        return self.build_resolve_info(field_def, to_nodes(field_details_list), parent_type, path)


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
