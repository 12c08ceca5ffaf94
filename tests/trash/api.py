"""The trash API as the tests call it."""

from __future__ import annotations

from typing import Any

from tests.support import Bakery

DELETE_ITEMS = """
mutation($tenantId: ID!, $entity: String!, $ids: [ID!]!, $reason: String) {
  deleteItems(tenantId: $tenantId, entity: $entity, ids: $ids, reason: $reason) {
    batchId deletedIds counts { entity count } errors { code message field }
  }
}
"""
DELETE_MATCHING = """
mutation($tenantId: ID!, $entity: String!, $contains: String!, $reason: String) {
  deleteItemsMatching(
    tenantId: $tenantId, entity: $entity, labelContains: $contains, reason: $reason
  ) { batchId counts { entity count } errors { code message field } }
}
"""
RESTORE_ITEMS = """
mutation($tenantId: ID!, $entity: String!, $ids: [ID!]!) {
  restoreItems(tenantId: $tenantId, entity: $entity, ids: $ids) {
    restoredIds counts { entity count } errors { code message field }
  }
}
"""
RESTORE_MATCHING = """
mutation($tenantId: ID!, $entity: String!, $by: String, $after: DateTime) {
  restoreItemsMatching(tenantId: $tenantId, entity: $entity, deletedBy: $by, deletedAfter: $after) {
    restoredIds counts { entity count } errors { code message field }
  }
}
"""
RESTORE_BATCH = """
mutation($tenantId: ID!, $batchId: ID!) {
  restoreBatch(tenantId: $tenantId, batchId: $batchId) {
    restoredIds counts { entity count } errors { code message field }
  }
}
"""
DELETED_ITEMS = """
query($tenantId: ID!, $entity: String, $first: Int, $after: String) {
  deletedItems(tenantId: $tenantId, entity: $entity, first: $first, after: $after) {
    totalCount
    nodes { entity id label deletedAt deletedBy reason batchId }
    pageInfo { hasNextPage endCursor }
  }
}
"""


def counts(payload: dict[str, Any]) -> dict[str, int]:
    """The payload's counts per entity."""
    return {row["entity"]: row["count"] for row in payload["counts"]}


async def delete_items(
    bakery: Bakery, entity: str, ids: list[str], reason: str | None = "limpieza"
) -> dict[str, Any]:
    """The payload of `deleteItems` as the owner."""
    result = await bakery.run(DELETE_ITEMS, {"entity": entity, "ids": ids, "reason": reason})
    assert result.errors == [], result.body
    payload: dict[str, Any] = result.data["deleteItems"]
    return payload


async def restore_items(bakery: Bakery, entity: str, ids: list[str]) -> dict[str, Any]:
    """The payload of `restoreItems` as the owner."""
    result = await bakery.run(RESTORE_ITEMS, {"entity": entity, "ids": ids})
    assert result.errors == [], result.body
    payload: dict[str, Any] = result.data["restoreItems"]
    return payload


async def trash(bakery: Bakery, entity: str | None = None) -> list[dict[str, Any]]:
    """The bakery's deleted items, newest first (one page of 100)."""
    result = await bakery.run(DELETED_ITEMS, {"entity": entity, "first": 100})
    assert result.errors == [], result.body
    nodes: list[dict[str, Any]] = result.data["deletedItems"]["nodes"]
    return nodes
