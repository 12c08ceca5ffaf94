"""Tables of the `users` schema."""

from __future__ import annotations

import uuid

from sqlalchemy import Index, Text, Uuid, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.base import GLOBAL_TABLE, TYPE_ANNOTATION_MAP, Timestamped, domain_metadata


class UsersBase(DeclarativeBase):
    metadata = domain_metadata("users")
    type_annotation_map = TYPE_ANNOTATION_MAP


class User(Timestamped, UsersBase):
    """An account. Global: a user may belong to many tenants."""

    __tablename__ = "users"
    __table_args__ = GLOBAL_TABLE

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    email: Mapped[str] = mapped_column(Text)
    full_name: Mapped[str] = mapped_column(Text)
    password_hash: Mapped[str] = mapped_column(Text)


# Emails are unique whatever their case; lookups use the same expression, so they use the index.
Index("uq_users_email_lower", func.lower(User.email), unique=True)
