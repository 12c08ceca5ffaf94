"""The trash: one mechanism for every soft-deletable entity, with cascades and batch restore."""

from __future__ import annotations

import pytest

from tests.suppliers.api import (
    SEND_ORDER,
    create_order,
    create_supplier,
    line,
    member,
    transition,
)
from tests.support import Bakery, GraphQLClient
from tests.trash.api import (
    DELETE_ITEMS,
    DELETE_MATCHING,
    DELETED_ITEMS,
    RESTORE_BATCH,
    RESTORE_MATCHING,
    counts,
    delete_items,
    restore_items,
    trash,
)

ORDERS = """
query($tenantId: ID!, $first: Int) {
  tenant(id: $tenantId) { purchaseOrders(first: $first) { nodes { id } } }
}
"""


async def test_delete_items_cascades_to_drafts_and_restore_brings_back_only_its_batch(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    ingredient = await bakery.ingredient()
    supplier = await create_supplier(bakery, "Harinas del Norte")
    draft = (await create_order(bakery, supplier, [line(ingredient_id=ingredient)]))["id"]
    deleted_before = (await create_order(bakery, supplier, [line(ingredient_id=ingredient)]))["id"]
    sent = (await create_order(bakery, supplier, [line(ingredient_id=ingredient)]))["id"]
    assert (await transition(bakery, SEND_ORDER, sent))["errors"] == []
    alone = await delete_items(bakery, "purchase_order", [deleted_before])

    deletion = await delete_items(bakery, "supplier", [supplier])

    assert deletion["errors"] == []
    assert counts(deletion) == {"supplier": 1, "purchase_order": 1}  # the draft, not the sent one
    listed = await bakery.run(ORDERS, {"first": 100})
    assert {node["id"] for node in listed.data["tenant"]["purchaseOrders"]["nodes"]} == {sent}
    restored = await restore_items(bakery, "supplier", [supplier])
    assert restored["errors"] == []
    assert counts(restored) == {"supplier": 1, "purchase_order": 1}
    listed = await bakery.run(ORDERS, {"first": 100})
    assert {node["id"] for node in listed.data["tenant"]["purchaseOrders"]["nodes"]} == {
        sent,
        draft,
    }
    assert [(item["id"], item["batchId"]) for item in await trash(bakery)] == [
        (deleted_before, alone["batchId"])
    ]


async def test_restore_refuses_a_row_whose_parent_is_still_deleted(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    ingredient = await bakery.ingredient()
    supplier = await create_supplier(bakery)
    draft = (await create_order(bakery, supplier, [line(ingredient_id=ingredient)]))["id"]
    await delete_items(bakery, "supplier", [supplier])

    refused = await restore_items(bakery, "purchase_order", [draft])

    assert [error["code"] for error in refused["errors"]] == ["PARENT_DELETED"]
    assert {item["entity"] for item in await trash(bakery)} == {"supplier", "purchase_order"}


async def test_restore_refuses_a_name_taken_by_a_live_row(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    first = await bakery.ingredient("Harina de trigo")
    await delete_items(bakery, "ingredient", [first])
    await bakery.ingredient("Harina de trigo")

    refused = await restore_items(bakery, "ingredient", [first])

    assert [error["code"] for error in refused["errors"]] == ["NAME_TAKEN"]
    assert [item["id"] for item in await trash(bakery, "ingredient")] == [first]


async def test_deleted_items_lists_who_when_why_newest_first_and_pages(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    ingredients = [await bakery.ingredient(f"Ingrediente {i}") for i in range(3)]
    product = await bakery.product("Barra de pan")
    for ingredient in ingredients:
        await delete_items(bakery, "ingredient", [ingredient], reason=f"fuera {ingredient}")
    await delete_items(bakery, "product", [product], reason=None)

    first = await bakery.run(DELETED_ITEMS, {"first": 2})
    page = first.data["deletedItems"]
    second = await bakery.run(DELETED_ITEMS, {"first": 2, "after": page["pageInfo"]["endCursor"]})

    listed = page["nodes"] + second.data["deletedItems"]["nodes"]
    assert page["totalCount"] == 4
    assert [item["id"] for item in listed] == [product, *reversed(ingredients)]
    assert listed[0]["label"] == "Barra de pan"
    assert listed[0]["deletedBy"] == f"user:{bakery.owner.id}"
    assert listed[1]["reason"] == f"fuera {ingredients[-1]}"
    only = await trash(bakery, "product")
    assert [item["id"] for item in only] == [product]


async def test_delete_items_matching_and_restore_batch_are_set_based(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    flours = [await bakery.ingredient(f"Harina {kind}") for kind in ("trigo", "centeno", "maíz")]
    salt = await bakery.ingredient("Sal fina")

    deleted = await bakery.run(
        DELETE_MATCHING, {"entity": "ingredient", "contains": "HARINA", "reason": "cambio"}
    )
    payload = deleted.data["deleteItemsMatching"]

    assert counts(payload) == {"ingredient": 3}
    assert {item["id"] for item in await trash(bakery)} == set(flours)
    restored = await bakery.run(RESTORE_BATCH, {"batchId": payload["batchId"]})
    assert set(restored.data["restoreBatch"]["restoredIds"]) == set(flours)
    assert await trash(bakery) == []
    await delete_items(bakery, "ingredient", [salt])
    again = await bakery.run(RESTORE_MATCHING, {"entity": "ingredient", "by": "nobody"})
    assert [e["code"] for e in again.data["restoreItemsMatching"]["errors"]] == ["NOT_FOUND"]
    by_owner = await bakery.run(
        RESTORE_MATCHING, {"entity": "ingredient", "by": f"user:{bakery.owner.id}"}
    )
    assert by_owner.data["restoreItemsMatching"]["restoredIds"] == [salt]


async def test_alert_rules_are_soft_deletable_through_the_trash(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    created = await bakery.run(
        """mutation($tenantId: ID!) {
             createAlertRule(tenantId: $tenantId, input: {kind: LOW_STOCK, threshold: "2"}) {
               rule { id } errors { code } } }"""
    )
    rule = created.data["createAlertRule"]["rule"]["id"]

    await delete_items(bakery, "alert_rule", [rule])

    rules = await bakery.run(
        "query($tenantId: ID!) { tenant(id: $tenantId) { alertRules { totalCount nodes { id } } } }"
    )
    assert rules.data["tenant"]["alertRules"] == {"totalCount": 0, "nodes": []}
    assert [item["label"] for item in await trash(bakery)] == ["LOW_STOCK"]


@pytest.mark.parametrize(
    ("variables", "code"),
    [
        ({"entity": "tenant", "ids": []}, "BAD_USER_INPUT"),
        ({"entity": "ingredient", "ids": ["not-an-id"]}, "BAD_USER_INPUT"),
        (
            {"entity": "ingredient", "ids": ["00000000-0000-0000-0000-000000000000"] * 501},
            "BAD_USER_INPUT",
        ),
    ],
)
async def test_delete_items_refuses_bad_input_with_a_code(
    client: GraphQLClient, variables: dict[str, object], code: str
) -> None:
    bakery = await Bakery.open(client)

    result = await bakery.run(DELETE_ITEMS, variables)

    assert result.codes == [code]


async def test_delete_items_needs_an_admin_and_finds_only_live_rows(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    ingredient = await bakery.ingredient()
    cook = await member(bakery, "MEMBER")

    refused = await client.execute(
        DELETE_ITEMS,
        {"tenantId": bakery.id, "entity": "ingredient", "ids": [ingredient]},
        as_=cook,
    )
    missing = await bakery.run(DELETE_ITEMS, {"entity": "ingredient", "ids": []})
    other = await Bakery.open(client)
    foreign = await other.run(DELETE_ITEMS, {"entity": "ingredient", "ids": [ingredient]})

    assert refused.codes == ["FORBIDDEN"]
    assert [e["code"] for e in missing.data["deleteItems"]["errors"]] == ["INVALID_INPUT"]
    assert [e["code"] for e in foreign.data["deleteItems"]["errors"]] == ["NOT_FOUND"]
    assert await trash(bakery) == []


async def test_every_soft_delete_needs_a_reason_when_the_gateway_requires_one(
    strict: GraphQLClient,
) -> None:
    bakery = await Bakery.open(strict)
    ingredient = await bakery.ingredient()
    supplier = await create_supplier(bakery)

    bulk = await bakery.run(DELETE_ITEMS, {"entity": "ingredient", "ids": [ingredient]})
    one = await bakery.run(
        """mutation($tenantId: ID!, $id: ID!, $reason: String) {
             deleteSupplier(tenantId: $tenantId, id: $id, reason: $reason) {
               deletedIds errors { code field } } }""",
        {"id": supplier, "reason": "  "},
    )
    given = await delete_items(bakery, "ingredient", [ingredient], reason="caducado")

    assert bulk.data["deleteItems"]["errors"][0]["code"] == "REASON_REQUIRED"
    assert one.data["deleteSupplier"]["errors"] == [{"code": "REASON_REQUIRED", "field": "reason"}]
    assert given["deletedIds"] == [ingredient]
    assert [item["reason"] for item in await trash(bakery)] == ["caducado"]


async def test_a_deleted_purchase_order_leaves_lists_nested_loads_and_counts(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    ingredient = await bakery.ingredient()
    supplier = await create_supplier(bakery)
    kept = (await create_order(bakery, supplier, [line(ingredient_id=ingredient)]))["id"]
    hidden = (await create_order(bakery, supplier, [line(ingredient_id=ingredient)]))["id"]

    await delete_items(bakery, "purchase_order", [hidden])

    nested = await bakery.run(
        """query($tenantId: ID!) { tenant(id: $tenantId) {
             suppliers { nodes { purchaseOrders { id } } }
             purchaseOrders(status: DRAFT) { totalCount nodes { id } } } }"""
    )
    tenant = nested.data["tenant"]
    assert tenant["suppliers"]["nodes"] == [{"purchaseOrders": [{"id": kept}]}]
    assert tenant["purchaseOrders"] == {"totalCount": 1, "nodes": [{"id": kept}]}
    sent = await transition(bakery, SEND_ORDER, hidden)
    assert [error["code"] for error in sent["errors"]] == ["NOT_FOUND"]


async def test_restore_batch_brings_back_the_cascaded_rows_of_that_batch_only(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    ingredient = await bakery.ingredient()
    supplier = await create_supplier(bakery)
    draft = (await create_order(bakery, supplier, [line(ingredient_id=ingredient)]))["id"]
    alone = (await create_order(bakery, supplier, [line(ingredient_id=ingredient)]))["id"]
    await delete_items(bakery, "purchase_order", [alone])
    deletion = await delete_items(bakery, "supplier", [supplier])

    restored = await bakery.run(RESTORE_BATCH, {"batchId": deletion["batchId"]})

    payload = restored.data["restoreBatch"]
    assert payload["errors"] == []
    assert counts(payload) == {"supplier": 1, "purchase_order": 1}
    listed = await bakery.run(ORDERS, {"first": 100})
    assert {node["id"] for node in listed.data["tenant"]["purchaseOrders"]["nodes"]} == {draft}
