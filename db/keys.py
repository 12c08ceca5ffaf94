"""Filtering by a batch of (tenant id, key) pairs, as DataLoaders ask."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, and_, any_, bindparam, false, or_
from sqlalchemy.dialects.postgresql import ARRAY


def tenant_keys(
    tenant_column: Any, key_column: Any, keys: Iterable[tuple[uuid.UUID, Any]]
) -> ColumnElement[bool]:
    """`(tenant, key) IN keys`, written `tenant = $1 AND key = ANY($2)` for each tenant.

    One array parameter per tenant instead of two parameters per key: the statement text does
    not change with the batch size, so one prepared statement serves every batch, and the
    (tenant_id, ...) indexes apply. A batch nearly always holds one tenant's keys.
    """
    by_tenant: dict[uuid.UUID, list[Any]] = defaultdict(list)
    for tenant_id, key in keys:
        by_tenant[tenant_id].append(key)
    clauses = [
        and_(
            tenant_column == tenant_id,
            key_column == any_(bindparam(None, values, type_=ARRAY(key_column.type))),
        )
        for tenant_id, values in by_tenant.items()
    ]
    if not clauses:
        return false()
    return clauses[0] if len(clauses) == 1 else or_(*clauses)
