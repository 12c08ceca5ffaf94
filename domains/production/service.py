"""Production batches: plan, start, complete (moving stock), cancel, check quality.

Functions take the request's connection and never commit. A transition locks the batch row
first, so two concurrent transitions of one batch queue up and the second sees the first's
outcome: a batch completes (and moves stock) once.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import structlog
from sqlalchemy.ext.asyncio import AsyncConnection

from db.pagination import AnySelect
from domains.inventory import service as inventory
from domains.inventory import stock
from domains.inventory.kinds import MovementKind
from domains.inventory.records import IngredientRecord, StockItem
from domains.inventory.units import Unit
from domains.kernel.errors import OperationRefused
from domains.kernel.inputs import MAX_DECIMAL, InputCheck
from domains.production import repository
from domains.production.models import BatchStatus
from domains.production.records import BatchRecord, QualityCheckRecord
from domains.recipes import service as recipes
from domains.recipes.records import ProductionRecipe

log = structlog.get_logger()

QUANTITY_STEP = Decimal("0.001")  # what QUANTITY (NUMERIC(14, 3)) keeps
COST_STEP = Decimal("0.0001")  # what UNIT_COST (NUMERIC(14, 4)) keeps
SCORE_STEP = Decimal("0.01")
MAX_SCORE = Decimal(10)
MAX_NOTES_LENGTH = 2_000
MAX_CHECK_TYPE_LENGTH = 60
TenantKey = tuple[uuid.UUID, uuid.UUID]

# The statuses each transition starts from.
STARTS_FROM: dict[BatchStatus, frozenset[BatchStatus]] = {
    BatchStatus.IN_PROGRESS: frozenset({BatchStatus.PLANNED}),
    BatchStatus.COMPLETED: frozenset({BatchStatus.IN_PROGRESS}),
    BatchStatus.CANCELLED: frozenset({BatchStatus.PLANNED, BatchStatus.IN_PROGRESS}),
}
CHECKABLE = frozenset({BatchStatus.IN_PROGRESS, BatchStatus.COMPLETED})


def _rounded(value: Decimal, step: Decimal = QUANTITY_STEP) -> Decimal:
    """`value` to `step`; a value beyond what the database holds is left for a check to refuse
    (quantizing it would overflow the decimal context)."""
    if abs(value) > MAX_DECIMAL:
        return value
    return value.quantize(step, rounding=ROUND_HALF_UP)


def _quantity(check: InputCheck, value: Decimal, *, field: str, allow_zero: bool) -> Decimal:
    """A quantity rounded to what the database keeps (0.001); zero only if allowed."""
    before = len(check.problems)
    check.decimal(value, field=field, positive=not allow_zero, not_negative=allow_zero)
    if len(check.problems) > before:
        return value
    rounded = _rounded(value)
    if rounded <= 0 and not allow_zero:
        check.refuse(field, f"Give at least {QUANTITY_STEP}.")
    return rounded


async def _transition(
    connection: AsyncConnection, tenant_id: uuid.UUID, batch_id: uuid.UUID, to: BatchStatus
) -> BatchRecord:
    """The batch, locked, when it may move to `to`; NOT_FOUND or INVALID_TRANSITION otherwise."""
    batch = await repository.lock_batch(connection, tenant_id=tenant_id, batch_id=batch_id)
    if batch is None:
        raise OperationRefused.because("NOT_FOUND", "No such production batch here.", "id")
    if batch.status not in STARTS_FROM[to]:
        raise OperationRefused.because(
            "INVALID_TRANSITION",
            f"A {batch.status.value} batch cannot become {to.value}.",
            "id",
        )
    return batch


async def plan_batch(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    recipe_id: uuid.UUID,
    planned_quantity: Decimal,
    planned_for: date,
    notes: str,
) -> BatchRecord:
    """A PLANNED batch of a live recipe, in the day's schedule (created on demand)."""
    check = InputCheck()
    quantity = _quantity(check, planned_quantity, field="plannedQuantity", allow_zero=False)
    cleaned_notes = check.long_text(notes, field="notes", max_length=MAX_NOTES_LENGTH)
    check.done()
    found = await recipes.get_recipes(connection, [(tenant_id, recipe_id)])
    if not found:
        raise OperationRefused.because("NOT_FOUND", "No such recipe in this bakery.", "recipeId")
    recipe = found[0]
    if not await inventory.get_products(connection, [(tenant_id, recipe.product_id)]):
        raise OperationRefused.because(
            "PRODUCT_DELETED", "The recipe's product is deleted.", "recipeId"
        )
    schedule_id = await repository.schedule_for(connection, tenant_id=tenant_id, day=planned_for)
    batch = await repository.insert_batch(
        connection,
        tenant_id=tenant_id,
        values={
            "schedule_id": schedule_id,
            "recipe_id": recipe.id,
            "product_id": recipe.product_id,
            "planned_quantity": quantity,
            "status": BatchStatus.PLANNED,
            "planned_for": planned_for,
            "notes": cleaned_notes,
        },
    )
    log.info("production.batch.planned", tenant_id=str(tenant_id), id=str(batch.id))
    return batch


async def start_batch(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    batch_id: uuid.UUID,
    operator_id: uuid.UUID | None,
) -> BatchRecord:
    """PLANNED -> IN_PROGRESS, run by `operator_id` (None for a service)."""
    await _transition(connection, tenant_id, batch_id, BatchStatus.IN_PROGRESS)
    started = await repository.mark_started(
        connection, tenant_id=tenant_id, batch_id=batch_id, operator_id=operator_id
    )
    log.info("production.batch.started", tenant_id=str(tenant_id), id=str(batch_id))
    return started


async def cancel_batch(
    connection: AsyncConnection, *, tenant_id: uuid.UUID, batch_id: uuid.UUID
) -> BatchRecord:
    """PLANNED or IN_PROGRESS -> CANCELLED; no stock moves."""
    await _transition(connection, tenant_id, batch_id, BatchStatus.CANCELLED)
    cancelled = await repository.mark_cancelled(connection, tenant_id=tenant_id, batch_id=batch_id)
    log.info("production.batch.cancelled", tenant_id=str(tenant_id), id=str(batch_id))
    return cancelled


def _needs(
    cooked: ProductionRecipe, ingredients: Mapping[uuid.UUID, IngredientRecord], planned: Decimal
) -> dict[StockItem, Decimal]:
    """What `planned` yield units of the recipe take of each ingredient, in its stock unit."""
    check = InputCheck()
    needs: dict[StockItem, Decimal] = {}
    for line in cooked.lines:
        ingredient = ingredients[line.ingredient_id]
        if not line.unit.converts_to(ingredient.unit):  # the ingredient's unit changed since
            check.refuse(
                "id",
                f"The recipe measures {ingredient.name} in {line.unit.value}, which does not "
                f"convert to {ingredient.unit.value}; update the recipe.",
                code="UNIT_MISMATCH",
            )
            continue
        in_stock_unit = line.unit.convert(line.quantity, ingredient.unit)
        need = _rounded(in_stock_unit * planned / cooked.recipe.yield_quantity)
        if need > MAX_DECIMAL:
            check.refuse(
                "id",
                f"The batch needs more {ingredient.name} than any stock holds.",
                code="INSUFFICIENT_STOCK",
            )
        elif need > 0:
            needs[StockItem.ingredient(ingredient.id)] = need
    check.done()
    return needs


async def complete_batch(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    batch_id: uuid.UUID,
    actual_quantity: Decimal,
    actor: str,
    today: date,
) -> BatchRecord:
    """IN_PROGRESS -> COMPLETED, moving stock in the caller's transaction, all or nothing.

    The ingredients of the planned quantity leave stock in one consumption (oldest expiry first);
    the actual quantity enters the product's stock as a lot costing what was consumed, spread
    over it. Any refusal (not enough stock: INSUFFICIENT_STOCK) leaves everything as it was.
    """
    check = InputCheck()
    actual = _quantity(check, actual_quantity, field="actualQuantity", allow_zero=True)
    check.done()
    batch = await _transition(connection, tenant_id, batch_id, BatchStatus.COMPLETED)
    cooked = await recipes.recipe_for_production(
        connection, tenant_id=tenant_id, recipe_id=batch.recipe_id, field="id"
    )
    ingredients = await inventory.require_ingredients(
        connection,
        tenant_id=tenant_id,
        ids=[line.ingredient_id for line in cooked.lines],
        field="id",
    )
    needs = _needs(cooked, ingredients, batch.planned_quantity)
    cost = Decimal(0)
    if needs:
        consumed = await stock.consume(
            connection,
            tenant_id=tenant_id,
            needs=needs,
            kind=MovementKind.PRODUCTION,
            actor=actor,
            reason=f"Production batch {batch.id}",
            production_batch_id=batch.id,
        )
        cost = consumed.cost
    await _receive_product(connection, batch, cooked.recipe.yield_unit, actual, cost, actor, today)
    completed = await repository.mark_completed(
        connection, tenant_id=tenant_id, batch_id=batch_id, actual_quantity=actual
    )
    log.info("production.batch.completed", tenant_id=str(tenant_id), id=str(batch_id))
    return completed


async def _receive_product(
    connection: AsyncConnection,
    batch: BatchRecord,
    yield_unit: Unit,
    actual: Decimal,
    cost: Decimal,
    actor: str,
    today: date,
) -> None:
    """Add what the batch yielded to the product's stock, at the cost of its ingredients."""
    if actual == 0:  # nothing came out: no lot; the ingredients are spent all the same
        return
    products = await inventory.require_products(
        connection, tenant_id=batch.tenant_id, ids=[batch.product_id], field="id"
    )
    product = products[batch.product_id]
    produced = _rounded(yield_unit.convert(actual, product.unit))
    if produced == 0:
        return
    await stock.receive(
        connection,
        tenant_id=batch.tenant_id,
        item=StockItem.product(product.id),
        quantity=produced,
        unit_cost=_rounded(cost / produced, COST_STEP),
        received_on=today,
        kind=MovementKind.PRODUCTION,
        reason=f"Production batch {batch.id}",
        actor=actor,
        production_batch_id=batch.id,
    )


async def record_quality_check(
    connection: AsyncConnection,
    *,
    tenant_id: uuid.UUID,
    batch_id: uuid.UUID,
    check_type: str,
    passed: bool,
    score: Decimal | None,
    notes: str,
    checked_by: uuid.UUID | None,
) -> QualityCheckRecord:
    """A quality check of a batch IN_PROGRESS or COMPLETED; score from 0 to 10 if given."""
    check = InputCheck()
    cleaned_type = check.text(check_type, field="checkType", max_length=MAX_CHECK_TYPE_LENGTH)
    if score is not None:
        if not score.is_finite() or not 0 <= score <= MAX_SCORE:
            check.refuse("score", "Give a score from 0 to 10.")
        else:
            score = _rounded(score, SCORE_STEP)
    cleaned_notes = check.long_text(notes, field="notes", max_length=MAX_NOTES_LENGTH)
    check.done()
    # Shared lock: checks of one batch do not wait for each other, a transition waits for them.
    batch = await repository.lock_batch(
        connection, tenant_id=tenant_id, batch_id=batch_id, share=True
    )
    if batch is None:
        raise OperationRefused.because("NOT_FOUND", "No such production batch here.", "batchId")
    if batch.status not in CHECKABLE:
        raise OperationRefused.because(
            "INVALID_STATUS",
            f"Quality is checked on batches in progress or completed, not {batch.status.value}.",
            "batchId",
        )
    recorded = await repository.insert_check(
        connection,
        tenant_id=tenant_id,
        values={
            "batch_id": batch_id,
            "check_type": cleaned_type,
            "passed": passed,
            "score": score,
            "notes": cleaned_notes,
            "checked_by": checked_by,
        },
    )
    log.info("production.quality_check.recorded", tenant_id=str(tenant_id), batch=str(batch_id))
    return recorded


async def checks_of(
    connection: AsyncConnection, keys: Sequence[TenantKey]
) -> list[QualityCheckRecord]:
    """Quality checks of batches by (tenant id, batch id), oldest first."""
    return await repository.checks_of(connection, keys)


def batches_query(
    tenant_id: uuid.UUID,
    *,
    status: BatchStatus | None = None,
    since: date | None = None,
    until: date | None = None,
) -> AnySelect:
    """The statement listing a tenant's batches (for paging)."""
    return repository.batches_query(tenant_id, status=status, since=since, until=until)


BATCH_ORDER = repository.BATCH_ORDER
