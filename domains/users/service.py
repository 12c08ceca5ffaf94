"""Business rules of accounts. Functions take a connection and never commit."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import structlog
from email_validator import EmailNotValidError, validate_email
from sqlalchemy.ext.asyncio import AsyncConnection

from domains.kernel.errors import OperationRefused, Problem
from domains.users import repository
from domains.users.passwords import PasswordHasher
from domains.users.records import UserRecord

log = structlog.get_logger()

MAX_PASSWORD_LENGTH = 1024
MAX_NAME_LENGTH = 200


@dataclass(frozen=True, slots=True)
class AccountPolicy:
    """Rules for new accounts, from settings."""

    password_min_length: int = 10


def _normalized_email(email: str) -> str | Problem:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized
    except EmailNotValidError as error:
        return Problem("INVALID_EMAIL", f"This email address is not valid: {error}", "email")


def _password_problem(password: str, email: str, policy: AccountPolicy) -> Problem | None:
    if len(password) < policy.password_min_length:
        return Problem(
            "WEAK_PASSWORD",
            f"Use at least {policy.password_min_length} characters.",
            "password",
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        return Problem(
            "WEAK_PASSWORD", f"Use at most {MAX_PASSWORD_LENGTH} characters.", "password"
        )
    if len(set(password)) < 4 or password.lower() == email.lower():
        return Problem("WEAK_PASSWORD", "This password is too easy to guess.", "password")
    return None


async def sign_up(
    connection: AsyncConnection,
    *,
    email: str,
    password: str,
    full_name: str,
    passwords: PasswordHasher,
    policy: AccountPolicy,
) -> UserRecord:
    """Create an account; refused with every input problem at once, or EMAIL_TAKEN."""
    problems: list[Problem] = []
    normalized = _normalized_email(email)
    if isinstance(normalized, Problem):
        problems.append(normalized)
        normalized = email
    name = " ".join(full_name.split())
    if not name or len(name) > MAX_NAME_LENGTH:
        problems.append(
            Problem(
                "INVALID_NAME", f"Give a name of 1 to {MAX_NAME_LENGTH} characters.", "fullName"
            )
        )
    if (weak := _password_problem(password, normalized, policy)) is not None:
        problems.append(weak)
    if problems:
        raise OperationRefused(*problems)

    user = await repository.insert_user(
        connection, email=normalized, full_name=name, password_hash=await passwords.hash(password)
    )
    if user is None:
        raise OperationRefused.because(
            "EMAIL_TAKEN", "An account with this email already exists.", "email"
        )
    log.info("users.account.created", user_id=str(user.id))
    return user


async def authenticate(
    connection: AsyncConnection, *, email: str, password: str, passwords: PasswordHasher
) -> UserRecord:
    """The account these credentials open; one generic refusal whatever was wrong."""
    found = await repository.get_credentials(connection, email=email.strip())
    stored_hash = found[1] if found else None
    if found is None or not await passwords.verify(stored_hash, password):
        log.info("users.login.refused")
        raise OperationRefused.because("INVALID_CREDENTIALS", "Wrong email or password.")
    user, stored = found
    if passwords.needs_rehash(stored):
        await repository.set_password_hash(
            connection, user_id=user.id, password_hash=await passwords.hash(password)
        )
    log.info("users.login.succeeded", user_id=str(user.id))
    return user


async def get_many(connection: AsyncConnection, ids: Sequence[uuid.UUID]) -> list[UserRecord]:
    """Accounts with these ids."""
    return await repository.get_many(connection, ids)


async def find_by_email(connection: AsyncConnection, *, email: str) -> UserRecord | None:
    """The account with this email, in any case."""
    return await repository.get_by_email(connection, email=email.strip())


async def erase(connection: AsyncConnection, *, user_id: uuid.UUID) -> bool:
    """Erase the account: its row goes, so its tokens stop working at the next request."""
    erased = await repository.delete_user(connection, user_id)
    if erased:
        log.info("users.account.erased", user_id=str(user_id))
    return erased
