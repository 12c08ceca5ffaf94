"""Tables of the `demo` schema: the demo sessions, global (a session is not a tenant's data)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Index, Integer, Numeric, Text, Uuid, func, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.base import GLOBAL_TABLE, TYPE_ANNOTATION_MAP, domain_metadata, text_enum
from domains.demo.kinds import DemoAccountType, DemoSessionStatus


class DemoBase(DeclarativeBase):
    metadata = domain_metadata("demo")
    type_annotation_map = TYPE_ANNOTATION_MAP


class DemoSession(DemoBase):
    """One visitor's private copy of a template bakery, for a limited time.

    `status` is ACTIVE or ENDED as stored; an ACTIVE session past `expires_at` reads EXPIRED.
    `cleaned_at` is set once its virtual tenant has been deleted.
    """

    __tablename__ = "demo_sessions"
    __table_args__ = (
        Index(None, "client_address", postgresql_where=text("status = 'ACTIVE'")),
        Index(None, "expires_at", postgresql_where=text("cleaned_at IS NULL")),
        Index(None, "virtual_tenant_id", unique=True),
        GLOBAL_TABLE,
    )

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    account_type: Mapped[DemoAccountType] = mapped_column(
        text_enum(DemoAccountType, "demo_account_type")
    )
    virtual_tenant_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    status: Mapped[DemoSessionStatus] = mapped_column(
        text_enum(DemoSessionStatus, "demo_session_status")
    )
    client_address: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    expires_at: Mapped[datetime]
    extensions_used: Mapped[int] = mapped_column(Integer, server_default="0")
    ended_at: Mapped[datetime | None] = mapped_column(nullable=True)
    cleaned_at: Mapped[datetime | None] = mapped_column(nullable=True)
    clone_ms: Mapped[float] = mapped_column(Numeric(10, 3))
