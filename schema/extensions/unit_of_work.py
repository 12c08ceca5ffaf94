"""Commits the operation's transaction once, after every field has resolved."""

from __future__ import annotations

from collections.abc import AsyncIterator

import structlog
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from domains.kernel.context import RequestContext
from domains.kernel.errors import ServiceUnavailable

log = structlog.get_logger()


class UnitOfWorkExtension(SchemaExtension):
    """Ends the unit of work: commit after execution, roll back if execution itself failed.

    Fields that failed were already undone by their savepoint; what the other fields wrote is
    committed together. If the commit fails, the client learns that nothing was saved. The
    request's loaders, which read through the unit of work, end with it.
    """

    async def on_execute(self) -> AsyncIterator[None]:
        context: RequestContext = self.execution_context.context
        try:
            yield
        except BaseException:
            context.loaders.release()
            await context.uow.complete(commit=False)
            raise
        context.loaders.release()
        try:
            await context.uow.complete(commit=True)
        except Exception:
            log.exception("graphql.commit_failed")
            result = self.execution_context.result
            if result is not None:
                result.data = None
                result.errors = [
                    GraphQLError(
                        "The changes could not be saved; nothing was changed.",
                        original_error=ServiceUnavailable(
                            "The changes could not be saved; nothing was changed. Try again."
                        ),
                        path=[],
                    )
                ]
