"""A bakery with rows in every domain, made through the API as its owner.

The isolation probe needs ids of another tenant's objects of every kind; the fuzzer needs a
tenant where lists, filters and nested fields have something to show.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.support import Account, Bakery, GraphQLClient

MARKER = "secreto"  # in every name a populated bakery gives: found in a response, it leaked


class PopulatedBakery(Bakery):
    """A bakery with an admin member and rows in every domain."""

    admin: Account

    @classmethod
    async def create(cls, client: GraphQLClient) -> PopulatedBakery:
        """A new bakery, filled."""
        owner = await client.sign_up(name=f"Dueña {MARKER}")
        tenant_id = await client.create_tenant(owner, name=f"Panadería {MARKER}")
        bakery = cls(client, owner, tenant_id)
        bakery.admin = await client.sign_up(name=f"Admin {MARKER}")
        await client.add_member(tenant_id, bakery.admin, "ADMIN", by=owner)
        await bakery.fill()
        return bakery

    async def create_one(self, mutation: str, value: dict[str, Any]) -> str:
        """Run `mutation(tenantId, input)`; the id of the object its payload returns, or ''."""
        input_type, field = CREATORS[mutation]
        selection = f"{field} {{ id }} " if field else ""
        result = await self.run(
            f"mutation($tenantId: ID!, $input: {input_type}!) {{"
            f" {mutation}(tenantId: $tenantId, input: $input) {{"
            f" {selection}errors {{ code message }} }} }}",
            {"input": value},
        )
        payload = result.data[mutation]
        assert payload["errors"] == [], (mutation, payload)
        return str(payload[field]["id"]) if field else ""

    async def act(self, mutation: str, object_id: str, extra: str = "") -> None:
        """Run `mutation(tenantId, id)` on an object; refused if its payload has errors."""
        result = await self.run(
            f"mutation($tenantId: ID!, $id: ID!) {{ {mutation}(tenantId: $tenantId, id: $id"
            f"{extra}) {{ errors {{ code message }} }} }}",
            {"id": object_id},
        )
        assert result.data[mutation]["errors"] == [], (mutation, result.body)

    async def fill(self) -> None:
        """Inventory, alerts, notifications, recipes, production, suppliers, orders, POS, sales,
        external data, forecasting and training."""
        today = datetime.now(UTC).date()
        flour = await self.create_one(
            "createIngredient",
            {"name": f"Harina {MARKER}", "category": "Secos", "unit": "KG", "reorderPoint": "50"},
        )
        bread = await self.create_one(
            "createProduct",
            {"name": f"Barra {MARKER}", "kind": "FINISHED", "unit": "UNIT", "salePrice": "1.20"},
        )
        await self.create_one(
            "createAlertRule",
            {"kind": "LOW_STOCK", "threshold": "50", "ingredientId": flour},
        )
        for item in ({"ingredientId": flour}, {"productId": bread}):
            await self.create_one(
                "adjustStock",
                {**item, "quantity": "100", "unitCost": "0.5", "reason": MARKER},
            )
        # Below the rule's threshold: an alert, its history and the admins' notifications.
        await self.create_one(
            "recordWaste",
            {"ingredientId": flour, "quantity": "60", "reason": MARKER},
        )
        recipe = await self.create_one(
            "createRecipe",
            {
                "productId": bread,
                "name": f"Barra {MARKER}",
                "yieldQuantity": "10",
                "yieldUnit": "UNIT",
                "ingredients": [{"ingredientId": flour, "quantity": "1", "unit": "KG"}],
            },
        )
        batch = await self.create_one(
            "planProductionBatch",
            {"recipeId": recipe, "plannedQuantity": "10", "plannedFor": today.isoformat()},
        )
        await self.act("startProductionBatch", batch)
        result = await self.run(
            """mutation($tenantId: ID!, $id: ID!) {
                 recordQualityCheck(tenantId: $tenantId, batchId: $id,
                   input: {checkType: "corteza", passed: true, notes: "secreto"}) {
                   errors { code } } }""",
            {"id": batch},
        )
        assert result.data["recordQualityCheck"]["errors"] == [], result.body
        supplier = await self.create_one("createSupplier", {"name": f"Molinos {MARKER}"})
        purchase = await self.create_one(
            "createPurchaseOrder",
            {
                "supplierId": supplier,
                "items": [{"ingredientId": flour, "quantity": "10", "unitCost": "0.4"}],
            },
        )
        await self.act("sendPurchaseOrder", purchase)
        await self.act("receivePurchaseOrder", purchase)
        customer = await self.create_one("createCustomer", {"name": f"Cafetería {MARKER}"})
        await self.create_one(
            "createOrder",
            {
                "customerId": customer,
                "deliveryDate": (today + timedelta(days=1)).isoformat(),
                "items": [{"productId": bread, "quantity": "5"}],
            },
        )
        await self.create_one("configurePos", {"currency": "EUR", "taxRate": "0.10"})
        device = await self.create_one("createPosDevice", {"name": f"Caja {MARKER}"})
        session = await self.create_one("openPosSession", {"deviceId": device, "openingCash": "50"})
        await self.create_one(
            "recordSale",
            {
                "sessionId": session,
                "paymentMethod": "CASH",
                "lines": [{"productId": bread, "quantity": "2"}],
            },
        )
        await self.create_one(
            "storeExternalData",
            {
                "kind": "WEATHER",
                "location": "Madrid",
                "date": today.isoformat(),
                "payload": {"nota": MARKER},
                "provider": "pruebas",
                "endpoint": "/weather",
            },
        )
        forecast = await self.run(
            """mutation($tenantId: ID!, $p: ID!) {
                 requestForecast(tenantId: $tenantId, productId: $p, horizonDays: 7) {
                   errors { code } } }""",
            {"p": bread},
        )
        assert forecast.data["requestForecast"]["errors"] == [], forecast.body
        training = await self.run(
            "mutation($tenantId: ID!) { startTrainingJob(tenantId: $tenantId) { errors { code } } }"
        )
        assert training.data["startTrainingJob"]["errors"] == [], training.body


# mutation: (input type, the created object's field in its payload, or None)
CREATORS: dict[str, tuple[str, str | None]] = {
    "createIngredient": ("CreateIngredientInput", "ingredient"),
    "createProduct": ("CreateProductInput", "product"),
    "createAlertRule": ("CreateAlertRuleInput", "rule"),
    "adjustStock": ("AdjustStockInput", None),
    "recordWaste": ("RecordWasteInput", None),
    "createRecipe": ("CreateRecipeInput", "recipe"),
    "planProductionBatch": ("PlanProductionBatchInput", "batch"),
    "createSupplier": ("CreateSupplierInput", "supplier"),
    "createPurchaseOrder": ("CreatePurchaseOrderInput", "purchaseOrder"),
    "createCustomer": ("CreateCustomerInput", "customer"),
    "createOrder": ("CreateOrderInput", "order"),
    "configurePos": ("ConfigurePosInput", None),
    "createPosDevice": ("CreatePosDeviceInput", "device"),
    "openPosSession": ("OpenPosSessionInput", "session"),
    "recordSale": ("RecordSaleInput", "transaction"),
    "storeExternalData": ("StoreExternalDataInput", None),
}
