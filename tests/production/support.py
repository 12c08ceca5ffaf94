"""Shortcuts for tests of production: a kitchen with stock and a recipe, batches, snapshots."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.recipes.support import line, recipe
from tests.support import Account, Bakery, Result

DAY = "2026-12-01"
BATCH_FIELDS = """
  id status plannedQuantity actualQuantity plannedFor notes startedAt completedAt cancelledAt
  recipe { id name } product { id name } operator { id } qualityChecks { checkType passed }
"""
PLAN = f"""
mutation($tenantId: ID!, $input: PlanProductionBatchInput!) {{
  planProductionBatch(tenantId: $tenantId, input: $input) {{
    batch {{ {BATCH_FIELDS} }} errors {{ code message field }}
  }}
}}
"""
START = f"""
mutation($tenantId: ID!, $id: ID!) {{
  startProductionBatch(tenantId: $tenantId, id: $id) {{
    batch {{ {BATCH_FIELDS} }} errors {{ code message field }}
  }}
}}
"""
COMPLETE = f"""
mutation($tenantId: ID!, $id: ID!, $actual: Decimal!) {{
  completeProductionBatch(tenantId: $tenantId, id: $id, actualQuantity: $actual) {{
    batch {{ {BATCH_FIELDS} }} errors {{ code message field }}
  }}
}}
"""
CANCEL = f"""
mutation($tenantId: ID!, $id: ID!) {{
  cancelProductionBatch(tenantId: $tenantId, id: $id) {{
    batch {{ {BATCH_FIELDS} }} errors {{ code message field }}
  }}
}}
"""
CHECK = """
mutation($tenantId: ID!, $batchId: ID!, $input: QualityCheckInput!) {
  recordQualityCheck(tenantId: $tenantId, batchId: $batchId, input: $input) {
    qualityCheck { checkType passed score notes checkedBy { id } }
    errors { code message field }
  }
}
"""
SNAPSHOT = """
query($tenantId: ID!) {
  tenant(id: $tenantId) {
    ingredients(first: 100) { nodes { id onHand stockLots { id quantity unitCost } } }
    products(first: 100) { nodes { id onHand stockLots { id quantity unitCost } } }
    stockMovements(first: 100) { totalCount nodes { id kind quantity } }
    stockAlerts(first: 100) { totalCount nodes { id status } }
    productionBatches(first: 100) {
      totalCount nodes { id status actualQuantity completedAt qualityChecks { passed } }
    }
  }
}
"""


def problems(errors: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    """(code, field) of each payload error."""
    return [(error["code"], error["field"]) for error in errors]


@dataclass
class Kitchen:
    """A bakery with a product, three stocked ingredients and a recipe of them."""

    bakery: Bakery
    product: str
    ingredients: list[str]
    recipe: str

    @classmethod
    async def open(
        cls, bakery: Bakery, *, stock: tuple[str, str, str] = ("10", "10", "10")
    ) -> Kitchen:
        """Harina (KG), Mantequilla (KG), Agua (L); 12 units from 1 kg, 200 g and 600 ml."""
        product = await bakery.product("Pan de molde", unit="UNIT")
        flour = await bakery.ingredient("Harina", unit="KG")
        butter = await bakery.ingredient("Mantequilla", unit="KG")
        water = await bakery.ingredient("Agua", unit="L")
        for ingredient_id, quantity, cost in zip(
            (flour, butter, water), stock, ("0.80", "6.00", "0.01"), strict=True
        ):
            if quantity != "0":
                await bakery.stock(ingredient_id=ingredient_id, quantity=quantity, unit_cost=cost)
        recipe_id = await recipe(
            bakery,
            product,
            [line(flour, "1", "KG"), line(butter, "200", "G"), line(water, "600", "ML")],
            name="Molde",
            yield_quantity="12",
        )
        return cls(bakery, product, [flour, butter, water], recipe_id)

    async def plan(self, quantity: str = "24", day: str = DAY) -> str:
        """A PLANNED batch of the recipe; returns its id."""
        result = await self.bakery.run(
            PLAN,
            {"input": {"recipeId": self.recipe, "plannedQuantity": quantity, "plannedFor": day}},
        )
        payload = result.data["planProductionBatch"]
        assert payload["errors"] == [], payload
        batch_id: str = payload["batch"]["id"]
        return batch_id

    async def started(self, quantity: str = "24", day: str = DAY) -> str:
        """A batch IN_PROGRESS; returns its id."""
        batch_id = await self.plan(quantity, day)
        result = await self.bakery.run(START, {"id": batch_id})
        assert result.data["startProductionBatch"]["errors"] == [], result.body
        return batch_id

    async def complete(self, batch_id: str, actual: str, *, as_: Account | None = None) -> Result:
        """Run completeProductionBatch."""
        variables = {"tenantId": self.bakery.id, "id": batch_id, "actual": actual}
        return await self.bakery.client.execute(COMPLETE, variables, as_=as_ or self.bakery.owner)

    async def snapshot(self) -> dict[str, Any]:
        """Every stock figure, movement, alert and batch of the bakery."""
        result = await self.bakery.run(SNAPSHOT)
        assert result.errors == [], result.errors
        tenant: dict[str, Any] = result.data["tenant"]
        return tenant
