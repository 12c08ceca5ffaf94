"""What an operation may cost, counted before it runs, and reported in `extensions.cost`.

Depth alone lets a shallow query ask for 100 x 100 x 100 rows. The cost counts the fields the
response may hold at most: every field selected costs 1; a field with `first` or `last`
multiplies the cost of what it selects by that number (the default page size when absent), and
a plain list by `list_size`; the `nodes` and `edges` of a connection are the page already
counted; introspection (`__schema`, `__type`) costs 1, its size being the schema's. Over
`max_cost`, the operation is refused before any resolver runs with
QUERY_TOO_COMPLEX; so is a mutation of more than `max_mutation_fields` root fields (each one
is a transaction's worth of work). Every operation that reaches execution reports
`{"requested": cost, "maximum": max_cost}` in `extensions.cost`; a cost past `MAX_REPORTED_COST`
(the largest integer JSON clients read exactly) is reported as that, and refused all the same.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

from domains.kernel.context import RequestContext
from domains.kernel.errors import GatewayError
from domains.kernel.pagination import DEFAULT_PAGE_SIZE

_PAGE_ARGUMENTS = ("first", "last")
_PAGE_FIELDS = frozenset({"nodes", "edges"})
_INTROSPECTION = frozenset({"__schema", "__type"})
MAX_REPORTED_COST = 2**53 - 1
"""Nested pages of 2^31 rows multiply past what JSON numbers hold (and the encoder takes)."""


class QueryTooComplex(GatewayError):
    """The operation would cost more than allowed; nothing ran."""

    code = "QUERY_TOO_COMPLEX"


@dataclass(frozen=True, slots=True)
class CostPolicy:
    """How much one operation may cost (from settings; the request context carries it)."""

    max_cost: int = 100_000
    max_mutation_fields: int = 10
    default_page_size: int = DEFAULT_PAGE_SIZE
    list_size: int = 10


class CostCounter:
    """Counts the cost of one operation of a valid document."""

    def __init__(
        self,
        policy: CostPolicy,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
    ) -> None:
        self.policy = policy
        self.fragments = fragments
        self.variables = variables

    def selection_cost(self, selection_set: SelectionSetNode, parent: Any) -> int:
        """The cost of a selection set on `parent` (a GraphQL type)."""
        total = 0
        for node, field_parent in self.fields(selection_set, parent):
            total += self.field_cost(node, field_parent)
        return total

    def field_cost(self, node: FieldNode, parent: Any) -> int:
        """1 for the field, plus what it selects times how many it may return."""
        name = node.name.value
        if name == "__typename":
            return 0
        if name in _INTROSPECTION:
            return 1  # answered from the schema in memory: its size is the schema's, not data's
        definition = _field_definition(parent, name)
        if definition is None or node.selection_set is None:
            return 1
        target = get_named_type(definition.type)
        inner = self.selection_cost(node.selection_set, target)
        return 1 + self.multiplier(node, definition.args, definition.type, parent) * inner

    def multiplier(
        self, node: FieldNode, arguments: Mapping[str, Any], kind: GraphQLOutputType, parent: Any
    ) -> int:
        """How many of its selection a field may return."""
        for argument in _PAGE_ARGUMENTS:
            if argument in arguments:
                given = self.argument_value(node, argument)
                return given if given is not None else self.policy.default_page_size
        if not _is_list(kind):
            return 1
        if node.name.value in _PAGE_FIELDS and _is_connection(parent):
            return 1
        return self.policy.list_size

    def argument_value(self, node: FieldNode, name: str) -> int | None:
        """The integer an argument is given (literal or variable), or None."""
        for argument in node.arguments or ():
            if argument.name.value != name:
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                number = int(value.value)
            elif isinstance(value, VariableNode):
                given = self.variables.get(value.name.value)
                if not isinstance(given, int) or isinstance(given, bool):
                    return None
                number = given
            else:
                return None
            return max(number, 0)
        return None

    def fields(
        self, selection_set: SelectionSetNode, parent: Any
    ) -> Iterator[tuple[FieldNode, Any]]:
        """The fields of a selection set, fragments expanded, with the type they are on."""
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                yield selection, parent
            elif isinstance(selection, InlineFragmentNode):
                yield from self.fields(selection.selection_set, parent)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is not None:
                    yield from self.fields(fragment.selection_set, parent)


def _field_definition(parent: Any, name: str) -> Any:
    fields = getattr(parent, "fields", None)
    return None if fields is None else fields.get(name)


def _is_list(kind: GraphQLOutputType) -> bool:
    if isinstance(kind, GraphQLNonNull):
        kind = kind.of_type
    return isinstance(kind, GraphQLList)


def _is_connection(parent: Any) -> bool:
    return isinstance(parent, GraphQLObjectType) and parent.name.endswith("Connection")


def operation_cost(
    operation: OperationDefinitionNode,
    root: GraphQLObjectType,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
    policy: CostPolicy,
) -> int:
    """The cost of `operation`, whose root type is `root`, at most MAX_REPORTED_COST."""
    cost = CostCounter(policy, fragments, variables).selection_cost(operation.selection_set, root)
    return min(cost, MAX_REPORTED_COST)


def mutation_fields(
    operation: OperationDefinitionNode, fragments: Mapping[str, FragmentDefinitionNode]
) -> int:
    """How many root fields a mutation runs (fragments expanded, aliases counted)."""
    counter = CostCounter(CostPolicy(), fragments, {})
    return sum(1 for _ in counter.fields(operation.selection_set, None))


class QueryCost(SchemaExtension):
    """Refuses operations over the cost or mutation-field limits; reports the cost."""

    def __init__(self) -> None:
        self.report: dict[str, int] | None = None

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        request: RequestContext = context.context
        try:
            policy = request.dependency(CostPolicy)
        except LookupError:
            policy = CostPolicy()
        operation = _operation(context.graphql_document, context.operation_name)
        if operation is not None:
            refusal = self.check(operation, policy)
            if refusal is not None:
                context.result = ExecutionResult(
                    data=None, errors=[GraphQLError(refusal.message, original_error=refusal)]
                )
        yield

    def check(
        self, operation: OperationDefinitionNode, policy: CostPolicy
    ) -> QueryTooComplex | None:
        """Count the operation's cost; the refusal when it is over a limit."""
        schema = self.execution_context.schema._schema
        root = schema.get_root_type(operation.operation)
        if root is None:
            return None
        document = self.execution_context.graphql_document
        assert document is not None
        fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        variables = self.execution_context.variables or {}
        cost = operation_cost(operation, root, fragments, variables, policy)
        self.report = {"requested": cost, "maximum": policy.max_cost}
        if operation.operation is OperationType.MUTATION:
            count = mutation_fields(operation, fragments)
            if count > policy.max_mutation_fields:
                return QueryTooComplex(
                    f"At most {policy.max_mutation_fields} mutation fields per request; "
                    f"this one has {count}.",
                    mutationFields=count,
                )
        if cost > policy.max_cost:
            at_least = "at least " if cost == MAX_REPORTED_COST else ""
            return QueryTooComplex(
                f"This operation would cost {at_least}{cost}, over the maximum of "
                f"{policy.max_cost}: "
                "ask for smaller pages (`first`) or fewer nested lists.",
                cost=cost,
            )
        return None

    def get_results(self) -> dict[str, Any]:
        return {} if self.report is None else {"cost": self.report}


def _operation(document: Any, name: str | None) -> OperationDefinitionNode | None:
    if document is None:
        return None
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return operations[0] if len(operations) == 1 else None
    return next((o for o in operations if o.name is not None and o.name.value == name), None)
