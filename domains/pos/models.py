"""Tables of the `pos` schema."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Index,
    Integer,
    Numeric,
    Text,
    func,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.base import (
    MONEY,
    QUANTITY,
    TYPE_ANNOTATION_MAP,
    TenantKeyed,
    Timestamped,
    domain_metadata,
    reference,
    tenant_foreign_key,
    text_enum,
)

TAX_RATE = Numeric(5, 4)
"""A tax rate as a fraction: 0.1000 is 10 %."""


class PosDeviceKind(enum.Enum):
    """What a point-of-sale device is."""

    REGISTER = "REGISTER"
    TABLET = "TABLET"
    MOBILE = "MOBILE"


class PosSessionStatus(enum.Enum):
    """Whether a till session still takes sales."""

    OPEN = "OPEN"
    CLOSED = "CLOSED"


class PaymentMethod(enum.Enum):
    """How a customer paid."""

    CASH = "CASH"
    CARD = "CARD"
    OTHER = "OTHER"


class PosBase(DeclarativeBase):
    metadata = domain_metadata("pos")
    type_annotation_map = TYPE_ANNOTATION_MAP


class PosConfiguration(TenantKeyed, Timestamped, PosBase):
    """How a bakery's tills work: currency, tax rate, receipt footer. At most one per tenant."""

    __tablename__ = "pos_configurations"
    __table_args__ = (
        Index("uq_pos_configurations_tenant", "tenant_id", unique=True),
        CheckConstraint("currency ~ '^[A-Z]{3}$'", name="currency_iso_code"),
        CheckConstraint("tax_rate >= 0 AND tax_rate < 1", name="tax_rate_fraction"),
    )

    currency: Mapped[str] = mapped_column(Text)
    tax_rate: Mapped[Decimal] = mapped_column(TAX_RATE)
    receipt_footer: Mapped[str] = mapped_column(Text, server_default="")


class PosDevice(TenantKeyed, Timestamped, PosBase):
    """A till: a register, a tablet, a phone."""

    __tablename__ = "pos_devices"
    __table_args__ = (
        Index("uq_pos_devices_name", "tenant_id", func.lower(text("name")), unique=True),
    )

    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[PosDeviceKind] = mapped_column(text_enum(PosDeviceKind, "pos_device_kind"))
    active: Mapped[bool] = mapped_column(Boolean, server_default=true())


class PosSession(TenantKeyed, Timestamped, PosBase):
    """A till session on one device, from opening to the cash count at closing."""

    __tablename__ = "pos_sessions"
    __table_args__ = (
        *tenant_foreign_key(["device_id"], "pos_devices"),
        # At most one OPEN session per device; closed ones accumulate.
        Index(
            "uq_pos_sessions_open_device",
            "tenant_id",
            "device_id",
            unique=True,
            postgresql_where=text("status = 'OPEN'"),
        ),
        Index(None, "tenant_id", "opened_at", "id"),
        CheckConstraint(
            "(status = 'CLOSED') = (closed_at IS NOT NULL AND closing_cash IS NOT NULL "
            "AND expected_cash IS NOT NULL AND cash_difference IS NOT NULL)",
            name="closed_when_counted",
        ),
        CheckConstraint("opening_cash >= 0", name="opening_cash_not_negative"),
        CheckConstraint("closing_cash >= 0", name="closing_cash_not_negative"),
    )

    device_id: Mapped[uuid.UUID]
    status: Mapped[PosSessionStatus] = mapped_column(
        text_enum(PosSessionStatus, "pos_session_status")
    )
    opened_by: Mapped[str] = mapped_column(Text)
    closed_by: Mapped[str | None] = mapped_column(Text)
    opened_at: Mapped[datetime] = mapped_column(server_default=func.now())
    closed_at: Mapped[datetime | None]
    opening_cash: Mapped[Decimal] = mapped_column(MONEY)
    closing_cash: Mapped[Decimal | None] = mapped_column(MONEY)
    expected_cash: Mapped[Decimal | None] = mapped_column(MONEY)
    cash_difference: Mapped[Decimal | None] = mapped_column(MONEY)


class PosTransaction(TenantKeyed, PosBase):
    """A sale at the counter: its lines, what they add up to, how it was paid."""

    __tablename__ = "pos_transactions"
    __table_args__ = (
        *tenant_foreign_key(["session_id"], "pos_sessions"),
        CheckConstraint("subtotal >= 0", name="subtotal_not_negative"),
        CheckConstraint("tax >= 0", name="tax_not_negative"),
        CheckConstraint("total = subtotal + tax", name="total_adds_up"),
    )

    session_id: Mapped[uuid.UUID]
    payment_method: Mapped[PaymentMethod] = mapped_column(
        text_enum(PaymentMethod, "payment_method")
    )
    subtotal: Mapped[Decimal] = mapped_column(MONEY)
    tax: Mapped[Decimal] = mapped_column(MONEY)
    total: Mapped[Decimal] = mapped_column(MONEY)
    created_by: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class PosTransactionLine(TenantKeyed, PosBase):
    """One product of a sale at the counter."""

    __tablename__ = "pos_transaction_lines"
    __table_args__ = (
        *tenant_foreign_key(["transaction_id"], "pos_transactions"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("unit_price >= 0", name="unit_price_not_negative"),
    )

    transaction_id: Mapped[uuid.UUID]
    product_id: Mapped[uuid.UUID] = reference("inventory.products")
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    unit_price: Mapped[Decimal] = mapped_column(MONEY)
    line_total: Mapped[Decimal] = mapped_column(MONEY)
    position: Mapped[int] = mapped_column(Integer)
