"""GraphQL types of the sales domain."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

import strawberry

from domains.inventory.loaders import ProductByIdLoader
from domains.inventory.types import Product
from domains.kernel.loaders import Loaders, MaybeAwaitable, then
from domains.sales.kinds import SalesChannel, SummaryGrouping
from domains.sales.records import DaySummary, ProductSummary, SaleRecord

TenantKey = tuple[uuid.UUID, uuid.UUID]

strawberry.enum(SalesChannel, description="Where a sale was made: POS, ONLINE or WHOLESALE.")
strawberry.enum(SummaryGrouping, description="A row per DAY (UTC) or per PRODUCT.")


@strawberry.type(description="One product sold: how much, at what price, when and where.")
class Sale:
    id: strawberry.ID = strawberry.field(description="The sales record's id.")
    product_id: strawberry.ID = strawberry.field(description="The product sold.")
    quantity: Decimal = strawberry.field(description="How much, in the product's unit.")
    unit_price: Decimal = strawberry.field(description="Price of one unit, before tax.")
    total: Decimal = strawberry.field(description="Quantity times unit price, to the cent.")
    sold_at: datetime = strawberry.field(description="When it was sold.")
    channel: SalesChannel = strawberry.field(description="Where it was sold.")
    pos_transaction_id: strawberry.ID | None = strawberry.field(
        description="The point-of-sale transaction it belongs to, when sold at the counter."
    )
    record: strawberry.Private[SaleRecord]
    loaders: strawberry.Private[Loaders]

    @strawberry.field(description="The product (null once deleted).", graphql_type=Product | None)
    def product(self) -> MaybeAwaitable[Product | None]:
        key = (self.record.tenant_id, self.record.product_id)
        return then(self.loaders.get(ProductByIdLoader).now_or_later(key), Product.from_optional)

    @classmethod
    def from_record(cls, record: SaleRecord, loaders: Loaders) -> Sale:
        """The GraphQL view of a sale; `loaders` are the request's."""
        return cls(
            id=strawberry.ID(str(record.id)),
            product_id=strawberry.ID(str(record.product_id)),
            quantity=record.quantity,
            unit_price=record.unit_price,
            total=record.total,
            sold_at=record.sold_at,
            channel=record.channel,
            pos_transaction_id=(
                strawberry.ID(str(record.pos_transaction_id))
                if record.pos_transaction_id is not None
                else None
            ),
            record=record,
            loaders=loaders,
        )


@strawberry.type(description="Sales of one day or one product: quantity, total and count.")
class SalesSummaryRow:
    day: date | None = strawberry.field(description="The UTC day, when grouped by DAY.")
    product_id: strawberry.ID | None = strawberry.field(
        description="The product, when grouped by PRODUCT."
    )
    quantity: Decimal = strawberry.field(description="Sum of the quantities sold.")
    total: Decimal = strawberry.field(description="Sum of the sales totals, exact.")
    count: int = strawberry.field(description="How many sales records.")
    product_key: strawberry.Private[TenantKey | None]
    loaders: strawberry.Private[Loaders]

    @strawberry.field(
        description="The product, when grouped by PRODUCT (null once deleted).",
        graphql_type=Product | None,
    )
    def product(self) -> MaybeAwaitable[Product | None]:
        if self.product_key is None:
            return None
        loader = self.loaders.get(ProductByIdLoader)
        return then(loader.now_or_later(self.product_key), Product.from_optional)

    @classmethod
    def of_day(cls, summary: DaySummary, loaders: Loaders) -> SalesSummaryRow:
        """The row of one day."""
        return cls(
            day=summary.day,
            product_id=None,
            quantity=summary.quantity,
            total=summary.total,
            count=summary.count,
            product_key=None,
            loaders=loaders,
        )

    @classmethod
    def of_product(
        cls, summary: ProductSummary, tenant_id: uuid.UUID, loaders: Loaders
    ) -> SalesSummaryRow:
        """The row of one product."""
        return cls(
            day=None,
            product_id=strawberry.ID(str(summary.product_id)),
            quantity=summary.quantity,
            total=summary.total,
            count=summary.count,
            product_key=(tenant_id, summary.product_id),
            loaders=loaders,
        )


@strawberry.type(
    description="Sales of a period, a row per day or per product. Grouped by DAY, days without "
    "sales are absent (not zero rows); rows run by day. Grouped by PRODUCT, rows run from the "
    "highest total down."
)
class SalesSummary:
    first_day: date = strawberry.field(description="First day of the period (UTC), included.")
    last_day: date = strawberry.field(description="Last day of the period (UTC), included.")
    group_by: SummaryGrouping = strawberry.field(description="What each row is about.")
    rows: list[SalesSummaryRow] = strawberry.field(description="The rows, as described above.")

    @strawberry.field(description="Sum of the totals of every row, exact.")
    def total(self) -> Decimal:
        return sum((row.total for row in self.rows), Decimal(0))

    @strawberry.field(description="How many sales records the period holds.")
    def count(self) -> int:
        return sum(row.count for row in self.rows)
