"""Puts the operation's name and type into the log context and the access log."""

from __future__ import annotations

from collections.abc import Iterator

import structlog
from strawberry.extensions import SchemaExtension

from domains.kernel.context import RequestContext


class OperationLog(SchemaExtension):
    """Names the operation in every log line written while it runs."""

    def on_validate(self) -> Iterator[None]:
        # The operation is known once parsed; validation comes right after parsing.
        context: RequestContext = self.execution_context.context
        name = self.execution_context.operation_name
        try:
            operation_type: str | None = self.execution_context.operation_type.value
        except RuntimeError:  # no operation to run; validation will say why
            operation_type = None
        context.log_fields.update(operation=name, operation_type=operation_type)
        structlog.contextvars.bind_contextvars(operation=name, operation_type=operation_type)
        yield
