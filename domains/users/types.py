"""GraphQL types of the users domain."""

from __future__ import annotations

from datetime import datetime

import strawberry

from domains.kernel.payloads import UserError
from domains.users.records import UserRecord


@strawberry.type(description="A person with an account; may belong to several tenants.")
class User:
    id: strawberry.ID = strawberry.field(description="The account's id.")
    email: str = strawberry.field(description="Email address, as the person typed it.")
    full_name: str = strawberry.field(description="Name shown in the app.")
    created_at: datetime = strawberry.field(description="When the account was created.")

    @classmethod
    def from_record(cls, record: UserRecord) -> User:
        """The GraphQL view of an account."""
        return cls(
            id=strawberry.ID(str(record.id)),
            email=record.email,
            full_name=record.full_name,
            created_at=record.created_at,
        )


@strawberry.input(description="What a new account needs.")
class SignUpInput:
    email: str = strawberry.field(description="Email address; unique whatever its case.")
    password: str = strawberry.field(description="At least 10 characters (setting).")
    full_name: str = strawberry.field(description="Name shown in the app.")


@strawberry.type(description="Result of `signUp` and `login`: a token and the account.")
class AuthPayload:
    access_token: str | None = strawberry.field(
        default=None, description="Send as `Authorization: Bearer <token>`."
    )
    user: User | None = strawberry.field(default=None, description="The account.")
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )
