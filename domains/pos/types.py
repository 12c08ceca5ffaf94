"""GraphQL types of the point-of-sale domain."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry

from domains.inventory.types import Product, load_product
from domains.kernel.context import RequestContext
from domains.kernel.payloads import UserError
from domains.pos.loaders import (
    LinesByTransactionLoader,
    PosDeviceByIdLoader,
    TransactionsBySessionLoader,
)
from domains.pos.models import PaymentMethod, PosDeviceKind, PosSessionStatus
from domains.pos.records import (
    PosConfigurationRecord,
    PosDeviceRecord,
    PosSessionRecord,
    PosTransactionLineRecord,
    PosTransactionRecord,
)

Info = strawberry.Info[RequestContext, None]

strawberry.enum(PosDeviceKind, description="What a till is: REGISTER, TABLET or MOBILE.")
strawberry.enum(PosSessionStatus, description="OPEN while it takes sales, then CLOSED.")
strawberry.enum(PaymentMethod, description="How the customer paid: CASH, CARD or OTHER.")


@strawberry.type(description="How the bakery's tills work.")
class PosConfiguration:
    currency: str = strawberry.field(description="ISO 4217 code of the prices, e.g. EUR.")
    tax_rate: Decimal = strawberry.field(
        description="Tax added to a sale's subtotal, as a fraction: 0.10 is 10 %."
    )
    receipt_footer: str = strawberry.field(description="Printed at the foot of receipts.")

    @classmethod
    def from_record(cls, record: PosConfigurationRecord) -> PosConfiguration:
        """The GraphQL view of a till configuration."""
        return cls(
            currency=record.currency,
            tax_rate=record.tax_rate,
            receipt_footer=record.receipt_footer,
        )


@strawberry.type(description="A till: a register, a tablet, a phone.")
class PosDevice:
    id: strawberry.ID = strawberry.field(description="The till's id.")
    name: str = strawberry.field(description="Unique among the bakery's tills.")
    kind: PosDeviceKind = strawberry.field(description="What it is.")
    active: bool = strawberry.field(description="Only an active till opens sessions.")
    created_at: datetime = strawberry.field(description="When it was added.")

    @classmethod
    def from_record(cls, record: PosDeviceRecord) -> PosDevice:
        """The GraphQL view of a till."""
        return cls(
            id=strawberry.ID(str(record.id)),
            name=record.name,
            kind=record.kind,
            active=record.active,
            created_at=record.created_at,
        )


@strawberry.type(description="One product of a sale at the counter.")
class PosTransactionLine:
    id: strawberry.ID = strawberry.field(description="The line's id.")
    product_id: strawberry.ID = strawberry.field(description="The product sold.")
    quantity: Decimal = strawberry.field(description="How much, in the product's unit.")
    unit_price: Decimal = strawberry.field(description="Price of one unit, before tax.")
    line_total: Decimal = strawberry.field(description="Quantity times unit price, to the cent.")
    record: strawberry.Private[PosTransactionLineRecord]

    @strawberry.field(description="The product (null once deleted).")
    async def product(self, info: Info) -> Product | None:
        return await load_product(info, self.record.tenant_id, self.record.product_id)

    @classmethod
    def from_record(cls, record: PosTransactionLineRecord) -> PosTransactionLine:
        """The GraphQL view of a transaction line."""
        return cls(
            id=strawberry.ID(str(record.id)),
            product_id=strawberry.ID(str(record.product_id)),
            quantity=record.quantity,
            unit_price=record.unit_price,
            line_total=record.line_total,
            record=record,
        )


@strawberry.type(description="A sale at the counter.")
class PosTransaction:
    id: strawberry.ID = strawberry.field(description="The transaction's id.")
    session_id: strawberry.ID = strawberry.field(description="The till session it was made in.")
    payment_method: PaymentMethod = strawberry.field(description="How it was paid.")
    subtotal: Decimal = strawberry.field(description="Sum of the line totals, before tax.")
    tax: Decimal = strawberry.field(description="The configured rate of the subtotal, to the cent.")
    total: Decimal = strawberry.field(description="Subtotal plus tax: what the customer paid.")
    created_by: str = strawberry.field(description="Who recorded it.")
    created_at: datetime = strawberry.field(description="When it was recorded.")
    record: strawberry.Private[PosTransactionRecord]

    @strawberry.field(description="Its lines, in the order they were given.")
    async def lines(self, info: Info) -> list[PosTransactionLine]:
        key = (self.record.tenant_id, self.record.id)
        found = await info.context.loaders.get(LinesByTransactionLoader).load(key)
        return [PosTransactionLine.from_record(line) for line in found]

    @classmethod
    def from_record(cls, record: PosTransactionRecord) -> PosTransaction:
        """The GraphQL view of a transaction."""
        return cls(
            id=strawberry.ID(str(record.id)),
            session_id=strawberry.ID(str(record.session_id)),
            payment_method=record.payment_method,
            subtotal=record.subtotal,
            tax=record.tax,
            total=record.total,
            created_by=record.created_by,
            created_at=record.created_at,
            record=record,
        )


@strawberry.type(
    description="A till session on one device, from opening to the cash count at closing."
)
class PosSession:
    id: strawberry.ID = strawberry.field(description="The session's id.")
    status: PosSessionStatus = strawberry.field(description="OPEN or CLOSED.")
    device_id: strawberry.ID = strawberry.field(description="The till it runs on.")
    opened_by: str = strawberry.field(description="Who opened it.")
    closed_by: str | None = strawberry.field(description="Who closed it.")
    opened_at: datetime = strawberry.field(description="When it was opened.")
    closed_at: datetime | None = strawberry.field(description="When it was closed.")
    opening_cash: Decimal = strawberry.field(description="Cash in the drawer at opening.")
    closing_cash: Decimal | None = strawberry.field(description="Cash counted at closing.")
    expected_cash: Decimal | None = strawberry.field(
        description="Opening cash plus the totals of the cash sales (set at closing)."
    )
    cash_difference: Decimal | None = strawberry.field(
        description="Closing cash minus expected cash: negative when cash is missing."
    )
    record: strawberry.Private[PosSessionRecord]

    @strawberry.field(description="The till it runs on.")
    async def device(self, info: Info) -> PosDevice | None:
        key = (self.record.tenant_id, self.record.device_id)
        found = await info.context.loaders.get(PosDeviceByIdLoader).load(key)
        return PosDevice.from_record(found) if found is not None else None

    @strawberry.field(description="The sales made in it, oldest first.")
    async def transactions(self, info: Info) -> list[PosTransaction]:
        key = (self.record.tenant_id, self.record.id)
        found = await info.context.loaders.get(TransactionsBySessionLoader).load(key)
        return [PosTransaction.from_record(transaction) for transaction in found]

    @classmethod
    def from_record(cls, record: PosSessionRecord) -> PosSession:
        """The GraphQL view of a till session."""
        return cls(
            id=strawberry.ID(str(record.id)),
            status=record.status,
            device_id=strawberry.ID(str(record.device_id)),
            opened_by=record.opened_by,
            closed_by=record.closed_by,
            opened_at=record.opened_at,
            closed_at=record.closed_at,
            opening_cash=record.opening_cash,
            closing_cash=record.closing_cash,
            expected_cash=record.expected_cash,
            cash_difference=record.cash_difference,
            record=record,
        )


@strawberry.input(description="The bakery's till configuration.")
class ConfigurePosInput:
    currency: str = strawberry.field(description="ISO 4217 code, e.g. EUR.")
    tax_rate: Decimal = strawberry.field(
        description="Tax added to each sale, a fraction below 1 (0.10 is 10 %), 4 decimals."
    )
    receipt_footer: str = strawberry.field(default="", description="Up to 500 characters.")


@strawberry.input(description="A new till.")
class CreatePosDeviceInput:
    name: str = strawberry.field(description="1 to 120 characters, unique among the tills.")
    kind: PosDeviceKind = strawberry.field(
        default=PosDeviceKind.REGISTER, description="What it is."
    )


@strawberry.input(description="Opening a till session.")
class OpenPosSessionInput:
    device_id: strawberry.ID = strawberry.field(description="An active till with no open session.")
    opening_cash: Decimal = strawberry.field(description="Cash in the drawer, zero or more.")


@strawberry.input(description="One product of a sale.")
class SaleLineInput:
    product_id: strawberry.ID = strawberry.field(description="A live product of the bakery.")
    quantity: Decimal = strawberry.field(description="More than zero, at most 3 decimals.")
    unit_price: Decimal | None = strawberry.field(
        default=None, description="Price of one unit before tax; default: the product's price."
    )


@strawberry.input(description="A sale at the counter.")
class RecordSaleInput:
    session_id: strawberry.ID = strawberry.field(description="An OPEN session of the bakery.")
    payment_method: PaymentMethod = strawberry.field(description="How the customer paid.")
    lines: list[SaleLineInput] = strawberry.field(description="1 to 100 lines.")


@strawberry.input(description="Closing a till session with the cash counted.")
class ClosePosSessionInput:
    session_id: strawberry.ID = strawberry.field(description="An OPEN session of the bakery.")
    closing_cash: Decimal = strawberry.field(description="Cash counted in the drawer.")


@strawberry.type(description="Result of setting the till configuration.")
class PosConfigurationPayload:
    configuration: PosConfiguration | None = strawberry.field(
        default=None, description="The configuration."
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )


@strawberry.type(description="Result of a mutation on a till.")
class PosDevicePayload:
    device: PosDevice | None = strawberry.field(default=None, description="The till.")
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )


@strawberry.type(description="Result of opening or closing a till session.")
class PosSessionPayload:
    session: PosSession | None = strawberry.field(default=None, description="The session.")
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )


@strawberry.type(description="Result of recording a sale.")
class PosTransactionPayload:
    transaction: PosTransaction | None = strawberry.field(
        default=None, description="The sale recorded."
    )
    errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why it failed; empty on success."
    )
