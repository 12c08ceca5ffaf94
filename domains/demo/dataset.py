"""The rows of a template bakery, generated from its catalogue: same seed, same rows, everywhere.

`build(account, today)` returns the rows of every tenant-scoped table by "schema.table". Ids are
uuid v5 of (template, table, key), so a row of one domain names a row of another by key, and a
second run produces the same ids. Dates are relative to `today`; times are Spanish local time.
The random generator is seeded per template, so figures (sales, weather) are the same on every
machine.
"""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from domains.demo.accounts import DEMO_OWNER_ID, NAMESPACE, Account

Rows = dict[str, list[dict[str, Any]]]

SALES_DAYS = 90
PRODUCTION_DAYS = 30
FORECAST_DAYS = 7
TAX_RATE = Decimal("0.10")
CENT = Decimal("0.01")
MADRID = ZoneInfo("Europe/Madrid")
WEEKDAY_FACTOR = (0.9, 0.85, 0.9, 0.95, 1.1, 1.45, 1.25)  # Monday first: weekends sell more
STAFF = "demo:equipo"


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class _Builder:
    def __init__(self, account: Account, today: date) -> None:
        self.account = account
        self.tenant_id = account.tenant_id
        self.today = today
        self.random = random.Random(f"demo:{account.type.value}")  # noqa: S311 - not security
        self.rows: Rows = defaultdict(list)
        self.products = {p.key: p for p in account.products}
        self.ingredients = {i.key: i for i in account.ingredients}

    def id(self, table: str, key: object) -> uuid.UUID:
        return uuid.uuid5(NAMESPACE, f"{self.account.type.value}:{table}:{key}")

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute), MADRID).astimezone(UTC)

    def add(self, table: str, key: object, **values: Any) -> uuid.UUID:
        row_id = self.id(table, key)
        self.rows[table].append({"tenant_id": self.tenant_id, "id": row_id, **values})
        return row_id

    def day(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    # -- tenants ---------------------------------------------------------------------------
    def tenant(self) -> None:
        self.rows["tenants.tenants"].append(
            {
                "id": self.tenant_id,
                "name": self.account.name,
                "business_model": self.account.type.value,
                "owner_id": DEMO_OWNER_ID,
                "is_demo": True,
                "is_demo_template": True,
            }
        )
        self.add(
            "tenants.subscriptions",
            "current",
            plan="PROFESSIONAL",
            status="ACTIVE",
            trial_ends_at=None,
            cancelled_at=None,
        )

    # -- inventory -------------------------------------------------------------------------
    def catalogue(self) -> None:
        for spec in self.account.ingredients:
            self.add(
                "inventory.ingredients",
                spec.key,
                name=spec.name,
                category=spec.category,
                unit=spec.unit,
                reorder_point=spec.reorder_point,
            )
        for product in self.account.products:
            self.add(
                "inventory.products",
                product.key,
                kind=product.kind,
                name=product.name,
                unit="UNIT",
                sale_price=product.price,
            )

    def lot(
        self,
        key: str,
        *,
        ingredient: str | None = None,
        product: str | None = None,
        quantity: Decimal,
        left: Decimal,
        cost: Decimal,
        received: date,
        expires: date | None,
        supplier: str | None = None,
        purchase_order: object = None,
        batch: object = None,
    ) -> None:
        lot_id = self.add(
            "inventory.stock_lots",
            key,
            ingredient_id=self.id("inventory.ingredients", ingredient) if ingredient else None,
            product_id=self.id("inventory.products", product) if product else None,
            initial_quantity=quantity,
            quantity=left,
            unit_cost=cost,
            received_on=received,
            expires_on=expires,
            supplier_id=self.id("suppliers.suppliers", supplier) if supplier else None,
            purchase_order_id=(
                self.id("suppliers.purchase_orders", purchase_order) if purchase_order else None
            ),
            production_batch_id=(
                self.id("production.production_batches", batch) if batch is not None else None
            ),
        )
        self.movement(
            f"in:{key}",
            ingredient=ingredient,
            product=product,
            lot=lot_id,
            kind="PRODUCTION" if batch is not None else "IN",
            quantity=quantity,
            reason="Recepción" if batch is None else "Horneado del día",
            batch=batch,
            purchase_order=purchase_order,
            at=self.at(received, 7),
        )
        used = quantity - left
        if used > 0:
            self.movement(
                f"out:{key}",
                ingredient=ingredient,
                product=product,
                lot=lot_id,
                kind="OUT" if product else "PRODUCTION",
                quantity=-used,
                reason="Consumo",
                batch=None,
                purchase_order=None,
                at=self.at(received, 18),
            )

    def movement(
        self,
        key: str,
        *,
        ingredient: str | None,
        product: str | None,
        lot: uuid.UUID | None,
        kind: str,
        quantity: Decimal,
        reason: str,
        batch: object,
        purchase_order: object,
        at: datetime,
    ) -> None:
        self.add(
            "inventory.stock_movements",
            key,
            ingredient_id=self.id("inventory.ingredients", ingredient) if ingredient else None,
            product_id=self.id("inventory.products", product) if product else None,
            lot_id=lot,
            kind=kind,
            quantity=quantity,
            reason=reason,
            production_batch_id=(
                self.id("production.production_batches", batch) if batch is not None else None
            ),
            purchase_order_id=(
                self.id("suppliers.purchase_orders", purchase_order) if purchase_order else None
            ),
            created_by=STAFF,
            created_at=at,
        )

    def stock(self) -> None:
        low = {spec.key for spec in self.account.ingredients[1:3]}
        main_supplier = self.account.suppliers[0][0]
        for n, spec in enumerate(self.account.ingredients):
            if spec.reorder_point == 0:
                continue
            full = (spec.reorder_point * 3).quantize(Decimal("0.001"))
            left = (spec.reorder_point / 2 if spec.key in low else full * Decimal("0.6")).quantize(
                Decimal("0.001")
            )
            shelf = 7 if spec.category in ("Lácteos", "Levaduras", "Frescos", "Rellenos") else 180
            received = self.day(-(n % 6) - 1)
            self.lot(
                f"ingredient:{spec.key}",
                ingredient=spec.key,
                quantity=full,
                left=left,
                cost=spec.unit_cost,
                received=received,
                expires=received + timedelta(days=shelf),
                supplier=main_supplier,
            )
            if spec.key in low:
                self.add(
                    "inventory.stock_alerts",
                    spec.key,
                    ingredient_id=self.id("inventory.ingredients", spec.key),
                    status="OPEN",
                    on_hand=left,
                    reorder_point=spec.reorder_point,
                    resolved_at=None,
                )
        for product in self.account.products:
            quantity = Decimal(product.daily_units * 2)
            made = product.key in self._made
            self.lot(
                f"product:{product.key}",
                product=product.key,
                quantity=quantity,
                left=quantity - product.daily_units // 2,
                cost=product.cost,
                received=self.today,
                expires=self.day(2 if product.kind == "FINISHED" else 60),
                supplier=None if made else self._product_supplier,
                batch=f"{product.key}:0" if made else None,
            )
        waste = self.account.products[0]
        self.movement(
            "waste",
            ingredient=None,
            product=waste.key,
            lot=None,
            kind="WASTE",
            quantity=Decimal(-3),
            reason="Pan del día anterior",
            batch=None,
            purchase_order=None,
            at=self.at(self.day(-1), 21),
        )

    @property
    def _made(self) -> set[str]:
        return {recipe.product for recipe in self.account.recipes}

    @property
    def _product_supplier(self) -> str | None:
        return (
            self.account.suppliers[0][0] if self.account.products[0].kind == "PAR_BAKED" else None
        )

    # -- recipes and production ------------------------------------------------------------
    def recipes(self) -> None:
        for spec in self.account.recipes:
            product = self.products[spec.product]
            recipe_id = self.add(
                "recipes.recipes",
                spec.product,
                product_id=self.id("inventory.products", spec.product),
                name=f"Receta de {product.name.lower()}",
                yield_quantity=Decimal(spec.yield_units),
                yield_unit="UNIT",
                instructions=spec.instructions,
            )
            for position, (ingredient, quantity) in enumerate(spec.lines):
                self.add(
                    "recipes.recipe_ingredients",
                    f"{spec.product}:{ingredient}",
                    recipe_id=recipe_id,
                    ingredient_id=self.id("inventory.ingredients", ingredient),
                    quantity=quantity,
                    unit=self.ingredients[ingredient].unit,
                    position=position,
                )

    def production(self) -> None:
        made = [self.products[key] for key in sorted(self._made)]
        for offset in range(-PRODUCTION_DAYS + 1, 2):
            day = self.day(offset)
            schedule = self.add(
                "production.production_schedules",
                day.isoformat(),
                scheduled_on=day,
                notes="Plan del día",
            )
            for n, product in enumerate(made):
                if (offset + n) % 2 and offset < 0:
                    continue  # every product every other day, today's all
                planned = Decimal(product.daily_units * 2)
                status = (
                    "COMPLETED"
                    if offset < 0
                    else ("IN_PROGRESS" if offset == 0 and n == 0 else "PLANNED")
                )
                if offset < 0 and self.random.random() < 0.05:
                    status = "CANCELLED"
                done = status == "COMPLETED"
                key = f"{product.key}:{-offset}" if offset <= 0 else f"{product.key}:plan"
                self.add(
                    "production.production_batches",
                    key,
                    schedule_id=schedule,
                    recipe_id=self.id("recipes.recipes", product.key),
                    product_id=self.id("inventory.products", product.key),
                    planned_quantity=planned,
                    actual_quantity=planned - self.random.randint(0, 3) if done else None,
                    status=status,
                    planned_for=day,
                    started_at=self.at(day, 5) if status in ("COMPLETED", "IN_PROGRESS") else None,
                    completed_at=self.at(day, 7) if done else None,
                    cancelled_at=self.at(day, 4) if status == "CANCELLED" else None,
                    operator_id=None,
                    notes="",
                )
                if done and n == 0:
                    self.add(
                        "production.quality_checks",
                        key,
                        batch_id=self.id("production.production_batches", key),
                        check_type="Color y corteza",
                        passed=True,
                        score=Decimal(self.random.randint(7, 10)),
                        notes="Correcto",
                        checked_by=None,
                    )
        if not any(True for _ in made):
            return
        # The product lots of today's stock come from today's batches; make sure they exist.
        batch_keys = {row["id"] for row in self.rows["production.production_batches"]}
        for product in made:
            if self.id("production.production_batches", f"{product.key}:0") not in batch_keys:
                raise AssertionError(f"no batch today for {product.key}")

    # -- suppliers -------------------------------------------------------------------------
    def purchasing(self) -> None:
        for key, name, contact in self.account.suppliers:
            self.add(
                "suppliers.suppliers",
                key,
                name=name,
                tax_id=f"B{self.random.randint(10**7, 10**8 - 1)}",
                contact_name=contact,
                email=f"pedidos@{key}.example.es",
                phone=f"+34 9{self.random.randint(10**7, 10**8 - 1)}",
                lead_time_days=2,
            )
        statuses = ["RECEIVED"] * 7 + ["SENT", "SENT", "DRAFT", "CANCELLED"]
        items = self._orderable()
        for n, status in enumerate(statuses):
            supplier = self.account.suppliers[n % len(self.account.suppliers)][0]
            created = self.day(-3 * (len(statuses) - n))
            order = f"po{n}"
            self.add(
                "suppliers.purchase_orders",
                order,
                supplier_id=self.id("suppliers.suppliers", supplier),
                status=status,
                expected_on=created + timedelta(days=2),
                notes="",
                sent_at=self.at(created, 9) if status in ("SENT", "RECEIVED") else None,
                received_at=self.at(created + timedelta(days=2), 8)
                if status == "RECEIVED"
                else None,
                cancelled_at=self.at(created, 12) if status == "CANCELLED" else None,
            )
            for position in range(3):
                table, key, cost = items[(n * 3 + position) % len(items)]
                self.add(
                    "suppliers.purchase_order_items",
                    f"{order}:{position}",
                    purchase_order_id=self.id("suppliers.purchase_orders", order),
                    ingredient_id=self.id(table, key) if table == "inventory.ingredients" else None,
                    product_id=self.id(table, key) if table == "inventory.products" else None,
                    quantity=Decimal(self.random.randint(5, 40)),
                    unit_cost=cost,
                    expires_on=None,
                    position=position,
                )
            if status == "RECEIVED":
                self.add(
                    "suppliers.deliveries",
                    order,
                    purchase_order_id=self.id("suppliers.purchase_orders", order),
                    received_by=STAFF,
                    notes="Entrega completa",
                )

    def _orderable(self) -> list[tuple[str, str, Decimal]]:
        bought = [p for p in self.account.products if p.kind == "PAR_BAKED"]
        if bought:
            return [("inventory.products", p.key, p.cost) for p in bought]
        return [
            ("inventory.ingredients", i.key, i.unit_cost)
            for i in self.account.ingredients
            if i.reorder_point > 0
        ]

    # -- orders ----------------------------------------------------------------------------
    def orders(self) -> None:
        for n, name in enumerate(self.account.customers):
            self.add(
                "orders.customers",
                n,
                name=name,
                email=f"cliente{n}@example.es",
                phone=f"+34 6{self.random.randint(10**7, 10**8 - 1)}",
                tax_id=None,
                notes="",
            )
        flow = ["PENDING", "CONFIRMED", "IN_PRODUCTION", "READY", "DELIVERED"]
        for n in range(30):
            offset = n - 22  # most in the past, a week ahead
            status = "DELIVERED" if offset < 0 else flow[min(offset, 3)]
            if n % 11 == 5:
                status = "CANCELLED"
            order = self.id("orders.orders", n)
            subtotal = Decimal(0)
            for position in range(1 + n % 3):
                product = self.account.products[(n + position * 3) % len(self.account.products)]
                quantity = Decimal(self.random.randint(6, 30))
                line = _money(quantity * product.price)
                subtotal += line
                self.add(
                    "orders.order_items",
                    f"{n}:{position}",
                    order_id=order,
                    product_id=self.id("inventory.products", product.key),
                    quantity=quantity,
                    unit_price=product.price,
                    line_total=line,
                    position=position,
                )
            self.add(
                "orders.orders",
                n,
                customer_id=self.id("orders.customers", n % len(self.account.customers)),
                status=status,
                delivery_date=self.day(offset),
                notes="",
                subtotal=subtotal,
                total=subtotal,
            )
            steps = (
                flow[: flow.index(status) + 1]
                if status != "CANCELLED"
                else ["PENDING", "CANCELLED"]
            )
            previous = None
            for position, step in enumerate(steps):
                self.add(
                    "orders.order_status_history",
                    f"{n}:{position}",
                    order_id=order,
                    position=position,
                    from_status=previous,
                    to_status=step,
                    changed_by=STAFF,
                    changed_at=self.at(self.day(offset - 3), 9 + position),
                    note="",
                )
                previous = step

    # -- point of sale and sales -----------------------------------------------------------
    def selling(self) -> None:
        self.add(
            "pos.pos_configurations",
            "config",
            currency="EUR",
            tax_rate=TAX_RATE,
            receipt_footer=f"Gracias por su visita. {self.account.name}",
        )
        device = self.add(
            "pos.pos_devices", "mostrador", name="Caja mostrador", kind="REGISTER", active=True
        )
        products = self.account.products
        weights = [p.daily_units for p in products]
        for offset in range(-SALES_DAYS, 1):
            day = self.day(offset)
            factor = WEEKDAY_FACTOR[day.weekday()]
            today = offset == 0
            session = self.id("pos.pos_sessions", day.isoformat())
            cash = Decimal(0)
            count = 0 if today else round(5 * factor + self.random.uniform(-1, 1))
            for t in range(count):
                key = f"{day.isoformat()}:{t}"
                at = self.at(day, 8 + (t * 12) // max(count, 1), self.random.randint(0, 59))
                chosen = self.random.choices(products, weights=weights, k=1 + (t % 3 == 0))
                subtotal = Decimal(0)
                transaction = self.id("pos.pos_transactions", key)
                for position, product in enumerate(dict.fromkeys(chosen)):
                    quantity = Decimal(self.random.randint(1, 4))
                    line = _money(quantity * product.price)
                    subtotal += line
                    self.add(
                        "pos.pos_transaction_lines",
                        f"{key}:{position}",
                        transaction_id=transaction,
                        product_id=self.id("inventory.products", product.key),
                        quantity=quantity,
                        unit_price=product.price,
                        line_total=line,
                        position=position,
                    )
                    self.add(
                        "sales.sales_records",
                        f"{key}:{position}",
                        product_id=self.id("inventory.products", product.key),
                        quantity=quantity,
                        unit_price=product.price,
                        total=line,
                        sold_at=at,
                        channel="POS",
                        pos_transaction_id=transaction,
                    )
                tax = _money(subtotal * TAX_RATE)
                method = "CASH" if t % 2 else "CARD"
                if method == "CASH":
                    cash += subtotal + tax
                self.add(
                    "pos.pos_transactions",
                    key,
                    session_id=session,
                    payment_method=method,
                    subtotal=subtotal,
                    tax=tax,
                    total=subtotal + tax,
                    created_by=STAFF,
                    created_at=at,
                )
            opening = Decimal("150.00")
            self.add(
                "pos.pos_sessions",
                day.isoformat(),
                device_id=device,
                status="OPEN" if today else "CLOSED",
                opened_by=STAFF,
                closed_by=None if today else STAFF,
                opened_at=self.at(day, 7, 30),
                closed_at=None if today else self.at(day, 20, 30),
                opening_cash=opening,
                closing_cash=None if today else opening + cash,
                expected_cash=None if today else opening + cash,
                cash_difference=None if today else Decimal("0.00"),
            )
            if not today and day.weekday() == 4:  # Friday: a wholesale order to a café
                product = products[0]
                self.add(
                    "sales.sales_records",
                    f"{day.isoformat()}:wholesale",
                    product_id=self.id("inventory.products", product.key),
                    quantity=Decimal(20),
                    unit_price=product.price,
                    total=_money(20 * product.price),
                    sold_at=self.at(day, 7),
                    channel="WHOLESALE",
                    pos_transaction_id=None,
                )

    # -- external data, training, forecasting ----------------------------------------------
    def external(self) -> None:
        for offset in range(-14, FORECAST_DAYS + 1):
            day = self.day(offset)
            high = round(self.random.uniform(12, 24), 1)
            self.add(
                "external.external_data_cache",
                f"weather:{day.isoformat()}",
                kind="WEATHER",
                location=self.account.city,
                date=day,
                provider="aemet",
                payload={
                    "temperatura_max": high,
                    "temperatura_min": round(high - self.random.uniform(5, 9), 1),
                    "precipitacion_mm": round(max(0.0, self.random.uniform(-4, 6)), 1),
                    "cielo": self.random.choice(["despejado", "nuboso", "cubierto", "lluvia"]),
                },
                fetched_at=self.at(min(day, self.today), 6),
            )
            if offset <= 0:
                self.add(
                    "external.api_key_usage",
                    day.isoformat(),
                    provider="aemet",
                    day=day,
                    calls=24,
                )
                self.add(
                    "external.external_api_logs",
                    day.isoformat(),
                    provider="aemet",
                    endpoint="/prediccion/especifica/municipio/diaria",
                    status_code=200,
                    duration_ms=self.random.randint(80, 400),
                )

    def forecasting(self) -> None:
        trained = self.day(-7)
        job = self.add(
            "training.training_jobs",
            "weekly",
            status="COMPLETED",
            product_ids=None,
            started_at=self.at(trained, 3),
            finished_at=self.at(trained, 3, 5),
            error=None,
            metrics={},
        )
        for product in self.account.products:
            means = [
                (Decimal(product.daily_units) * Decimal(str(f))).quantize(Decimal("0.001"))
                for f in WEEKDAY_FACTOR
            ]
            std = (Decimal(product.daily_units) / 6).quantize(Decimal("0.001"))
            model = self.add(
                "training.trained_models",
                product.key,
                product_id=self.id("inventory.products", product.key),
                training_job_id=job,
                version=1,
                algorithm="weekday_mean",
                parameters={"weekday_means": [str(m) for m in means], "residual_std": str(std)},
                metrics={"mae": str(_money(std * Decimal("0.8"))), "rmse": str(_money(std))},
                active=True,
            )
            forecast = self.add(
                "forecasting.forecasts",
                product.key,
                product_id=self.id("inventory.products", product.key),
                horizon_days=FORECAST_DAYS,
                model_id=model,
                status="COMPLETED",
                error=None,
                completed_at=self.at(self.today, 4),
            )
            margin = (std * Decimal("1.96")).quantize(Decimal("0.001"))
            for offset in range(1, FORECAST_DAYS + 1):
                day = self.day(offset)
                predicted = means[day.weekday()]
                self.add(
                    "forecasting.forecast_points",
                    f"{product.key}:{offset}",
                    forecast_id=forecast,
                    day=day,
                    predicted=predicted,
                    lower_bound=max(predicted - margin, Decimal(0)),
                    upper_bound=predicted + margin,
                )

    # -- notifications and alerts ----------------------------------------------------------
    def alerts(self) -> None:
        for event in ("LOW_STOCK", "EXPIRY", "PRODUCTION_DELAY"):
            self.add(
                "notifications.notification_preferences",
                event,
                user_id=DEMO_OWNER_ID,
                event=event,
                channel="IN_APP",
                enabled=True,
            )
        low = self.account.ingredients[1:3]
        rules = {
            "low": ("LOW_STOCK", low[0].reorder_point, low[0].key),
            "expiry": ("EXPIRY", Decimal(3), None),
            "delay": ("PRODUCTION_DELAY", Decimal(30), None),
        }
        for key, (kind, threshold, ingredient) in rules.items():
            self.add(
                "alerts.alert_rules",
                key,
                kind=kind,
                threshold=threshold,
                ingredient_id=self.id("inventory.ingredients", ingredient) if ingredient else None,
                enabled=True,
            )
        alerts = [
            ("low", "OPEN", "WARNING", f"Stock bajo de {low[0].name.lower()}", low[0].key, 0),
            ("expiry", "OPEN", "INFO", "Lotes que caducan en 3 días", None, 0),
            ("delay", "ACKNOWLEDGED", "WARNING", "Horneado retrasado 40 minutos", None, -1),
            ("low", "RESOLVED", "WARNING", f"Stock bajo de {low[0].name.lower()}", low[0].key, -6),
            ("delay", "RESOLVED", "CRITICAL", "Horno parado 2 horas", None, -12),
        ]
        for n, (rule, status, severity, message, ingredient, offset) in enumerate(alerts):
            day = self.day(offset)
            alert = self.add(
                "alerts.alerts",
                n,
                rule_id=self.id("alerts.alert_rules", rule),
                severity=severity,
                status=status,
                message=message,
                ingredient_id=self.id("inventory.ingredients", ingredient) if ingredient else None,
                acknowledged_by=STAFF if status != "OPEN" else None,
                acknowledged_at=self.at(day, 10) if status != "OPEN" else None,
                resolved_by=STAFF if status == "RESOLVED" else None,
                resolved_at=self.at(day, 12) if status == "RESOLVED" else None,
            )
            history = ["OPEN", "ACKNOWLEDGED", "RESOLVED"]
            for position, step in enumerate(history[: history.index(status) + 1]):
                self.add(
                    "alerts.alert_history",
                    f"{n}:{position}",
                    alert_id=alert,
                    status=step,
                    actor="system" if position == 0 else STAFF,
                    changed_at=self.at(day, 8 + 2 * position),
                )
            event = (
                "LOW_STOCK"
                if rule == "low"
                else ("EXPIRY" if rule == "expiry" else "PRODUCTION_DELAY")
            )
            notification = self.add(
                "notifications.notifications",
                f"alert:{n}",
                recipient_id=DEMO_OWNER_ID,
                channel="IN_APP",
                event=event,
                subject=message,
                body=f"{message}. Revísalo en {self.account.name}.",
                status="SENT" if status == "OPEN" else "READ",
                read_at=None if status == "OPEN" else self.at(day, 10),
            )
            self.add(
                "alerts.alert_notifications",
                n,
                alert_id=alert,
                notification_id=notification,
            )
        self.add(
            "notifications.notifications",
            "welcome",
            recipient_id=DEMO_OWNER_ID,
            channel="IN_APP",
            event="GENERAL",
            subject=f"Bienvenido a {self.account.name}",
            body="Esta es una panadería de demostración: prueba a registrar una venta.",
            status="SENT",
            read_at=None,
        )


def build(account: Account, today: date) -> Rows:
    """Every row of the template bakery `account`, by "schema.table"."""
    builder = _Builder(account, today)
    builder.tenant()
    builder.catalogue()
    builder.recipes()
    builder.production()
    builder.purchasing()
    builder.stock()
    builder.orders()
    builder.selling()
    builder.external()
    builder.forecasting()
    builder.alerts()
    return dict(builder.rows)
