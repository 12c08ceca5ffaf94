"""All SQL of the users domain."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from db.prepared import KeyRead
from domains.users.models import User
from domains.users.records import UserRecord

_PUBLIC = (User.id, User.email, User.full_name, User.created_at)
_USERS_BY_ID = KeyRead(select(*_PUBLIC), key=User.id, record=UserRecord)


def _record(row: Row[*tuple[Any, ...]]) -> UserRecord:
    return UserRecord(
        id=row.id, email=row.email, full_name=row.full_name, created_at=row.created_at
    )


async def insert_user(
    connection: AsyncConnection, *, email: str, full_name: str, password_hash: str
) -> UserRecord | None:
    """Insert an account; None when the email (in any case) is taken."""
    statement = (
        insert(User)
        .values(id=uuid.uuid4(), email=email, full_name=full_name, password_hash=password_hash)
        .on_conflict_do_nothing()
        .returning(*_PUBLIC)
    )
    row = (await connection.execute(statement)).first()
    return _record(row) if row is not None else None


async def get_credentials(
    connection: AsyncConnection, *, email: str
) -> tuple[UserRecord, str] | None:
    """The account with this email (any case) and its password hash."""
    statement = select(*_PUBLIC, User.password_hash).where(func.lower(User.email) == email.lower())
    row = (await connection.execute(statement)).first()
    if row is None:
        return None
    return _record(row), row.password_hash


async def get_by_email(connection: AsyncConnection, *, email: str) -> UserRecord | None:
    """The account with this email, in any case."""
    found = await get_credentials(connection, email=email)
    return found[0] if found else None


async def get_many(connection: AsyncConnection, ids: Sequence[uuid.UUID]) -> list[UserRecord]:
    """Accounts with these ids (missing ones are left out)."""
    return await _USERS_BY_ID.fetch(connection, ids)


async def set_password_hash(
    connection: AsyncConnection, *, user_id: uuid.UUID, password_hash: str
) -> None:
    """Replace the stored hash (after a parameter upgrade)."""
    await connection.execute(
        update(User).where(User.id == user_id).values(password_hash=password_hash)
    )


async def delete_user(connection: AsyncConnection, user_id: uuid.UUID) -> bool:
    """Remove the account row (email, name, password hash); whether there was one."""
    result = await connection.execute(delete(User).where(User.id == user_id))
    return result.rowcount > 0
