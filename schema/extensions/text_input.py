"""Text given to the API may not hold the NUL character (U+0000).

PostgreSQL stores no NUL in `text` or `jsonb`; a name, a search or a JSON payload holding one
failed at the database as an internal error. It is refused up front as BAD_USER_INPUT, in the
document's literals (a validation rule, cached with the document) and in the variables.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError, StringValueNode, ValidationRule
from strawberry.extensions import AddValidationRules
from strawberry.types import ExecutionResult

from domains.kernel.errors import BadUserInput

MESSAGE = "Text may not contain the NUL character (U+0000)."


class NoNulInLiterals(ValidationRule):
    """Refuses string literals holding a NUL."""

    def enter_string_value(self, node: StringValueNode, *_args: object) -> None:
        if "\x00" in node.value:
            self.report_error(GraphQLError(MESSAGE, node, original_error=BadUserInput(MESSAGE)))


def holds_nul(value: Any) -> bool:
    """Whether a variable value holds a NUL in any string, key or nested value."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


class TextInput(AddValidationRules):
    """NUL-free literals (validation) and variables (before execution)."""

    def __init__(self) -> None:
        super().__init__([NoNulInLiterals])

    def on_execute(self) -> Iterator[None]:
        variables = self.execution_context.variables
        if variables and holds_nul(variables):
            self.execution_context.result = ExecutionResult(
                data=None, errors=[GraphQLError(MESSAGE, original_error=BadUserInput(MESSAGE))]
            )
        yield
