"""A large bakery for the deletion benchmark: a real one made through the API, then grown in SQL.

The template gets rows in every domain schema through the same mutations a frontend sends. It
is then grown set-based, table by table, to the size asked for (copies of its rows with new ids,
in the tables without a unique index besides the key), and cloned whole into a twin tenant of
identical shape (every tenant-scoped table copied with the twin's tenant id, ids kept).
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Table, UniqueConstraint, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bench.client import Account, GraphQLClient, SetupError
from db.base import table_scope
from domains.registry import DOMAINS

# kind: (mutation, input type, the created object's field in the payload or None)
MUTATIONS: dict[str, tuple[str, str, str | None]] = {
    "ingredient": ("createIngredient", "CreateIngredientInput", "ingredient"),
    "product": ("createProduct", "CreateProductInput", "product"),
    "stock": ("adjustStock", "AdjustStockInput", None),
    "waste": ("recordWaste", "RecordWasteInput", None),
    "rule": ("createAlertRule", "CreateAlertRuleInput", "rule"),
    "recipe": ("createRecipe", "CreateRecipeInput", "recipe"),
    "batch": ("planProductionBatch", "PlanProductionBatchInput", "batch"),
    "supplier": ("createSupplier", "CreateSupplierInput", "supplier"),
    "purchase": ("createPurchaseOrder", "CreatePurchaseOrderInput", "purchaseOrder"),
    "customer": ("createCustomer", "CreateCustomerInput", "customer"),
    "order": ("createOrder", "CreateOrderInput", "order"),
    "pos": ("configurePos", "ConfigurePosInput", None),
    "device": ("createPosDevice", "CreatePosDeviceInput", "device"),
    "session": ("openPosSession", "OpenPosSessionInput", "session"),
    "sale": ("recordSale", "RecordSaleInput", "transaction"),
    "external": ("storeExternalData", "StoreExternalDataInput", None),
}
BY_ID = {
    "start": "startProductionBatch(tenantId: $t, id: $id) { errors { code message } }",
    "send": "sendPurchaseOrder(tenantId: $t, id: $id) { errors { code message } }",
    "receive": "receivePurchaseOrder(tenantId: $t, id: $id) { errors { code message } }",
}
FORECAST = """
mutation($t: ID!, $p: ID!) {
  requestForecast(tenantId: $t, productId: $p, horizonDays: 7) {
    forecast { id } errors { code message } } }
"""
TRAINING = (
    "mutation($t: ID!) { startTrainingJob(tenantId: $t) { job { id } errors { code message } } }"
)
FORECAST_STATUS = "query($t: ID!) { tenant(id: $t) { forecasts(first: 1) { nodes { status } } } }"


class TemplateBakery:
    """Makes a bakery with rows in every domain, through the API, as its owner."""

    def __init__(self, client: GraphQLClient, owner: Account, tenant_id: str) -> None:
        self.client = client
        self.owner = owner
        self.id = tenant_id

    async def make(self, kind: str, value: dict[str, Any]) -> str:
        """Run one `MUTATIONS` entry with `input: value`; the created object's id, if any."""
        mutation, input_type, field = MUTATIONS[kind]
        selection = f"{field} {{ id }} " if field else ""
        document = (
            f"mutation($t: ID!, $input: {input_type}!) {{ {mutation}(tenantId: $t, "
            f"input: $input) {{ {selection}errors {{ code message }} }} }}"
        )
        payload = await self.client.mutate(document, {"t": self.id, "input": value}, as_=self.owner)
        return str(payload[field]["id"]) if field else ""

    async def act(self, kind: str, object_id: str) -> None:
        """Run one `BY_ID` entry on an object."""
        document = f"mutation($t: ID!, $id: ID!) {{ {BY_ID[kind]} }}"
        await self.client.mutate(document, {"t": self.id, "id": object_id}, as_=self.owner)

    async def fill(self) -> None:
        """Rows in inventory, recipes, production, suppliers, orders, POS, sales, alerts,
        notifications, external data, forecasting and training."""
        today = datetime.now(UTC).date()
        flour = await self.make(
            "ingredient",
            {"name": "Harina", "category": "Bench", "unit": "KG", "reorderPoint": "50"},
        )
        bread = await self.make(
            "product",
            {"name": "Barra", "kind": "FINISHED", "unit": "UNIT", "salePrice": "1.20"},
        )
        await self.make("rule", {"kind": "LOW_STOCK", "threshold": "50", "ingredientId": flour})
        for item in ({"ingredientId": flour}, {"productId": bread}):
            await self.make(
                "stock", {**item, "quantity": "100", "unitCost": "0.5", "reason": "bench"}
            )
        # Below the rule's threshold: an alert, its history and the owner's notification.
        await self.make("waste", {"ingredientId": flour, "quantity": "60", "reason": "bench"})
        recipe = await self.make(
            "recipe",
            {
                "productId": bread,
                "name": "Barra",
                "yieldQuantity": "10",
                "yieldUnit": "UNIT",
                "ingredients": [{"ingredientId": flour, "quantity": "1", "unit": "KG"}],
            },
        )
        batch = await self.make(
            "batch",
            {"recipeId": recipe, "plannedQuantity": "10", "plannedFor": today.isoformat()},
        )
        await self.act("start", batch)
        supplier = await self.make("supplier", {"name": "Molinos"})
        purchase = await self.make(
            "purchase",
            {
                "supplierId": supplier,
                "items": [{"ingredientId": flour, "quantity": "10", "unitCost": "0.4"}],
            },
        )
        await self.act("send", purchase)
        await self.act("receive", purchase)
        customer = await self.make("customer", {"name": "Cafetería"})
        await self.make(
            "order",
            {
                "customerId": customer,
                "deliveryDate": (today + timedelta(days=1)).isoformat(),
                "items": [{"productId": bread, "quantity": "5"}],
            },
        )
        await self.make("pos", {"currency": "EUR", "taxRate": "0.10"})
        device = await self.make("device", {"name": "Caja 1"})
        session = await self.make("session", {"deviceId": device, "openingCash": "50"})
        await self.make(
            "sale",
            {
                "sessionId": session,
                "paymentMethod": "CASH",
                "lines": [{"productId": bread, "quantity": "2"}],
            },
        )
        await self.make(
            "external",
            {
                "kind": "WEATHER",
                "location": "Madrid",
                "date": today.isoformat(),
                "payload": {"temperature": 21},
                "provider": "bench",
                "endpoint": "/weather",
            },
        )
        await self.client.mutate(FORECAST, {"t": self.id, "p": bread}, as_=self.owner)
        await self.client.mutate(TRAINING, {"t": self.id}, as_=self.owner)
        await self._forecast_done()

    async def _forecast_done(self, within: float = 60) -> None:
        # The forecast is computed by the gateway's worker; its points are rows too.
        async with asyncio.timeout(within):
            while True:
                data = await self.client.execute(FORECAST_STATUS, {"t": self.id}, as_=self.owner)
                nodes = data["tenant"]["forecasts"]["nodes"]
                if nodes and nodes[0]["status"] in {"COMPLETED", "FAILED"}:
                    return
                await asyncio.sleep(0.1)


def tenant_tables() -> list[Table]:
    """Every tenant-scoped table (and the tenant root), parents before children."""
    return [
        table
        for domain in DOMAINS
        for table in domain.metadata.sorted_tables
        if table_scope(table) != "global"
    ]


def growable(table: Table) -> bool:
    """Copies of a row with a new id break nothing: no unique index besides the key."""
    if table_scope(table) != "tenant":
        return False
    if any(index.unique for index in table.indexes):
        return False
    return not any(isinstance(c, UniqueConstraint) for c in table.constraints)


async def rows_per_table(connection: AsyncConnection, tenant_id: uuid.UUID) -> dict[str, int]:
    """Rows of the tenant per table."""
    counts = {}
    for table in tenant_tables():
        column = "id" if table_scope(table) == "tenant_root" else "tenant_id"
        counts[table.fullname] = int(
            await connection.scalar(
                text(f"SELECT count(*) FROM {table.fullname} WHERE {column} = :t"),  # noqa: S608
                {"t": tenant_id},
            )
            or 0
        )
    return counts


async def grow(engine: AsyncEngine, tenant_id: uuid.UUID, rows: int) -> dict[str, int]:
    """Copy the tenant's rows of every growable table until it holds about `rows` rows."""
    async with engine.begin() as connection:
        await connection.execute(text("SET LOCAL statement_timeout = 0"))
        counts = await rows_per_table(connection, tenant_id)
        tables = [t for t in tenant_tables() if growable(t) and counts[t.fullname]]
        seed = sum(counts[t.fullname] for t in tables)
        if not seed:
            raise SetupError("the template has no rows to grow from")
        copies = max(0, -(-(rows - sum(counts.values())) // seed))
        for table in tables:
            columns = [column.name for column in table.columns]
            chosen = ", ".join("gen_random_uuid()" if c == "id" else c for c in columns)
            await connection.execute(
                text(
                    f"INSERT INTO {table.fullname} ({', '.join(columns)}) "  # noqa: S608
                    f"SELECT {chosen} FROM {table.fullname}, generate_series(1, :copies) "
                    "WHERE tenant_id = :t"
                ),
                {"t": tenant_id, "copies": copies},
            )
        return await rows_per_table(connection, tenant_id)


async def clone(engine: AsyncEngine, tenant_id: uuid.UUID) -> uuid.UUID:
    """A twin of the tenant: every row copied under a new tenant id (ids kept, keys hold)."""
    twin = uuid.uuid4()
    async with engine.begin() as connection:
        await connection.execute(text("SET LOCAL statement_timeout = 0"))
        for table in tenant_tables():
            scope = table_scope(table)
            key = "id" if scope == "tenant_root" else "tenant_id"
            columns = [column.name for column in table.columns]
            chosen = ", ".join(":twin" if c == key else c for c in columns)
            await connection.execute(
                text(
                    f"INSERT INTO {table.fullname} ({', '.join(columns)}) "  # noqa: S608
                    f"SELECT {chosen} FROM {table.fullname} WHERE {key} = :t"
                ),
                {"t": tenant_id, "twin": twin},
            )
    return twin


async def analyze(engine: AsyncEngine) -> None:
    """VACUUM ANALYZE: fresh statistics and visibility maps, as a settled database has."""
    async with engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        await autocommit.execute(text("SET statement_timeout = 0"))
        await autocommit.execute(text("VACUUM ANALYZE"))
