"""Mutations of the users domain."""

from __future__ import annotations

import strawberry

from domains.kernel.context import RequestContext
from domains.kernel.payloads import attempt
from domains.users import service
from domains.users.passwords import PasswordHasher
from domains.users.service import AccountPolicy
from domains.users.tokens import TokenCodec
from domains.users.types import AuthPayload, SignUpInput, User


@strawberry.type
class UsersMutation:
    @strawberry.mutation(description="Create an account and sign in.")
    async def sign_up(
        self, info: strawberry.Info[RequestContext, None], input: SignUpInput
    ) -> AuthPayload:
        context = info.context
        outcome = await attempt(
            context.uow,
            lambda connection: service.sign_up(
                connection,
                email=input.email,
                password=input.password,
                full_name=input.full_name,
                passwords=context.dependency(PasswordHasher),
                policy=context.dependency(AccountPolicy),
            ),
        )
        if isinstance(outcome, list):
            return AuthPayload(errors=outcome)
        token = context.dependency(TokenCodec).issue_user_token(outcome.id)
        return AuthPayload(access_token=token, user=User.from_record(outcome))

    @strawberry.mutation(description="Sign in with email and password.")
    async def login(
        self, info: strawberry.Info[RequestContext, None], email: str, password: str
    ) -> AuthPayload:
        context = info.context
        outcome = await attempt(
            context.uow,
            lambda connection: service.authenticate(
                connection,
                email=email,
                password=password,
                passwords=context.dependency(PasswordHasher),
            ),
        )
        if isinstance(outcome, list):
            return AuthPayload(errors=outcome)
        token = context.dependency(TokenCodec).issue_user_token(outcome.id)
        return AuthPayload(access_token=token, user=User.from_record(outcome))
