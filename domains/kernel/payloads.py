"""The payload convention of mutations: the result plus `errors: [UserError!]!`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import strawberry
from sqlalchemy.ext.asyncio import AsyncConnection

from db.soft_delete import SoftDeletion
from db.unit_of_work import UnitOfWork
from domains.kernel.errors import OperationRefused, Problem
from domains.kernel.principal import Principal

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


@strawberry.type(description="Result of a soft delete: what was hidden, as one restorable batch.")
class DeletionPayload:
    deleted_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="The rows hidden by this deletion."
    )
    batch_id: strawberry.ID | None = strawberry.field(
        default=None, description="The deletion batch (what a restore brings back)."
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )

    @classmethod
    def from_deletion(cls, deletion: SoftDeletion) -> DeletionPayload:
        """The payload of a completed soft delete."""
        return cls(
            deleted_ids=[strawberry.ID(str(i)) for i in deletion.ids],
            batch_id=strawberry.ID(str(deletion.batch_id)),
        )


def actor(principal: Principal) -> str:
    """How the caller is recorded in `deleted_by`, `created_by` and the audit log."""
    return principal.label


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
