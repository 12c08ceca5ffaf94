"""The payload convention of mutations: the result plus `errors: [UserError!]!`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import strawberry
from sqlalchemy.ext.asyncio import AsyncConnection

from db.unit_of_work import UnitOfWork
from domains.kernel.errors import OperationRefused, Problem

T = TypeVar("T")


@strawberry.type(description="An expected failure of a mutation, for the person using the app.")
class UserError:
    code: str = strawberry.field(description="Stable machine-readable code, e.g. `EMAIL_TAKEN`.")
    message: str = strawberry.field(description="What went wrong, in words a user understands.")
    field: str | None = strawberry.field(
        default=None, description="The input field at fault, when there is one."
    )

    @classmethod
    def from_problem(cls, problem: Problem) -> UserError:
        """The GraphQL shape of a refusal reason."""
        return cls(code=problem.code, message=problem.message, field=problem.field)


async def attempt(
    uow: UnitOfWork, work: Callable[[AsyncConnection], Awaitable[T]]
) -> T | list[UserError]:
    """Run `work` in a savepoint of the operation's transaction.

    A refusal undoes what `work` wrote and comes back as payload errors; any other exception
    undoes it too and propagates (masked as INTERNAL_SERVER_ERROR).
    """
    try:
        async with uow.transaction() as connection:
            return await work(connection)
    except OperationRefused as refused:
        return [UserError.from_problem(problem) for problem in refused.problems]
