"""Every domain of the gateway, in deletion order (children first).

A domain's data is deleted before the domains listed after it: alerts refer to notifications,
forecasts to trained models,
POS and sales to each other and to inventory, orders and production to inventory and recipes,
recipes and suppliers to inventory; `tenants` holds the tenant row itself and comes after every
tenant-scoped domain. `users`, `lifecycle` (deletion jobs) and `audit` are global: accounts,
jobs and the audit log outlive tenants; `demo` holds sessions, global too (a session's copy is
an ordinary tenant, deleted through the deleters like any other).
"""

from __future__ import annotations

from sqlalchemy import MetaData

from domains.alerts.domain import DOMAIN as ALERTS
from domains.audit.domain import DOMAIN as AUDIT
from domains.demo.domain import DOMAIN as DEMO
from domains.external.domain import DOMAIN as EXTERNAL
from domains.forecasting.domain import DOMAIN as FORECASTING
from domains.inventory.domain import DOMAIN as INVENTORY
from domains.kernel.domain import Domain
from domains.lifecycle.domain import DOMAIN as LIFECYCLE
from domains.notifications.domain import DOMAIN as NOTIFICATIONS
from domains.orders.domain import DOMAIN as ORDERS
from domains.pos.domain import DOMAIN as POS
from domains.production.domain import DOMAIN as PRODUCTION
from domains.recipes.domain import DOMAIN as RECIPES
from domains.sales.domain import DOMAIN as SALES
from domains.suppliers.domain import DOMAIN as SUPPLIERS
from domains.tenants.domain import DOMAIN as TENANTS
from domains.training.domain import DOMAIN as TRAINING
from domains.trash.domain import DOMAIN as TRASH
from domains.users.domain import DOMAIN as USERS

DOMAINS: tuple[Domain, ...] = (
    ALERTS,
    EXTERNAL,
    FORECASTING,
    TRAINING,
    NOTIFICATIONS,
    POS,
    SALES,
    ORDERS,
    PRODUCTION,
    RECIPES,
    SUPPLIERS,
    INVENTORY,
    TENANTS,
    USERS,
    LIFECYCLE,
    AUDIT,
    TRASH,
    DEMO,
)


def metadata() -> list[MetaData]:
    """The table metadata of every domain, for migrations and catalog checks."""
    return [domain.metadata for domain in DOMAINS]
