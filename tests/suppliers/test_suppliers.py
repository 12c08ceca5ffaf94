"""createSupplier, updateSupplier, deleteSupplier, restoreSupplier and the `suppliers` list."""

from __future__ import annotations

import uuid

from tests.suppliers.api import (
    CREATE_SUPPLIER,
    DELETE_SUPPLIER,
    PURCHASE_ORDERS,
    RESTORE_SUPPLIER,
    SUPPLIERS,
    UPDATE_SUPPLIER,
    create_order_result,
    create_supplier,
    line,
    member,
    sent_order,
)
from tests.support import Bakery, GraphQLClient


async def test_create_supplier_with_every_detail(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    details = {
        "name": "  Harinas   del Norte ",
        "taxId": "B12345678",
        "contactName": "Lucía Pérez",
        "email": "pedidos@harinas.example.com",
        "phone": "+34 600 000 000",
        "leadTimeDays": 3,
    }

    result = await bakery.run(CREATE_SUPPLIER, {"input": details})

    payload = result.data["createSupplier"]
    assert payload["errors"] == []
    assert payload["supplier"] == {
        "id": payload["supplier"]["id"],
        **details,
        "name": "Harinas del Norte",
    }


async def test_create_supplier_defaults_to_one_day_lead_time(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    result = await bakery.run(CREATE_SUPPLIER, {"input": {"name": "Lácteos Sur"}})

    supplier = result.data["createSupplier"]["supplier"]
    assert supplier["leadTimeDays"] == 1
    assert supplier["taxId"] is None
    assert supplier["email"] is None


async def test_create_supplier_refuses_bad_input_naming_each_field(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    result = await bakery.run(
        CREATE_SUPPLIER,
        {"input": {"name": " ", "email": "not-an-email", "leadTimeDays": -1}},
    )

    payload = result.data["createSupplier"]
    assert payload["supplier"] is None
    assert {(e["code"], e["field"]) for e in payload["errors"]} == {
        ("INVALID_INPUT", "name"),
        ("INVALID_INPUT", "email"),
        ("INVALID_INPUT", "leadTimeDays"),
    }


async def test_create_supplier_refuses_a_live_name_in_any_case(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    await create_supplier(bakery, "Molino Viejo")

    result = await bakery.run(CREATE_SUPPLIER, {"input": {"name": "MOLINO VIEJO"}})

    payload = result.data["createSupplier"]
    assert payload["supplier"] is None
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("NAME_TAKEN", "name")]


async def test_create_supplier_same_name_in_another_bakery(client: GraphQLClient) -> None:
    first, second = await Bakery.open(client), await Bakery.open(client)
    await create_supplier(first, "Molino Compartido")

    result = await second.run(CREATE_SUPPLIER, {"input": {"name": "Molino Compartido"}})

    assert result.data["createSupplier"]["errors"] == []


async def test_create_supplier_is_forbidden_below_admin(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    viewer, operator = await member(bakery, "VIEWER"), await member(bakery, "MEMBER")
    admin = await member(bakery, "ADMIN")
    variables = {"tenantId": bakery.id, "input": {"name": "Huevos Camperos"}}

    as_viewer = await client.execute(CREATE_SUPPLIER, variables, as_=viewer)
    as_member = await client.execute(CREATE_SUPPLIER, variables, as_=operator)
    as_admin = await client.execute(CREATE_SUPPLIER, variables, as_=admin)

    assert as_viewer.codes == ["FORBIDDEN"]
    assert as_member.codes == ["FORBIDDEN"]
    assert as_viewer.data is None
    assert as_admin.data["createSupplier"]["errors"] == []


async def test_create_supplier_in_another_bakery_is_forbidden(client: GraphQLClient) -> None:
    bakery, stranger = await Bakery.open(client), await Bakery.open(client)

    result = await client.execute(
        CREATE_SUPPLIER, {"tenantId": bakery.id, "input": {"name": "Intruso"}}, as_=stranger.owner
    )

    assert result.codes == ["FORBIDDEN"]


async def test_create_supplier_with_malformed_tenant_id(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    result = await client.execute(
        CREATE_SUPPLIER, {"tenantId": "not-a-uuid", "input": {"name": "X"}}, as_=bakery.owner
    )

    assert result.codes == ["BAD_USER_INPUT"]


async def test_update_supplier_changes_what_is_given(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    supplier_id = await create_supplier(
        bakery, "Azúcares Reunidos", taxId="A1", email="old@example.com", phone="911"
    )

    result = await bakery.run(
        UPDATE_SUPPLIER,
        {"id": supplier_id, "input": {"name": "Azúcares Unidos", "email": None, "phone": " "}},
    )

    payload = result.data["updateSupplier"]
    assert payload["errors"] == []
    assert payload["supplier"] == {
        "id": supplier_id,
        "name": "Azúcares Unidos",
        "taxId": "A1",
        "contactName": None,
        "email": None,
        "phone": None,
        "leadTimeDays": 1,
    }


async def test_update_supplier_refusals(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    await create_supplier(bakery, "Primero")
    supplier_id = await create_supplier(bakery, "Segundo")

    taken = await bakery.run(UPDATE_SUPPLIER, {"id": supplier_id, "input": {"name": "primero"}})
    nothing = await bakery.run(UPDATE_SUPPLIER, {"id": supplier_id, "input": {}})
    unknown = await bakery.run(
        UPDATE_SUPPLIER, {"id": str(uuid.uuid4()), "input": {"leadTimeDays": 2}}
    )
    malformed = await bakery.run(UPDATE_SUPPLIER, {"id": "42", "input": {"leadTimeDays": 2}})

    assert [e["code"] for e in taken.data["updateSupplier"]["errors"]] == ["NAME_TAKEN"]
    assert [e["code"] for e in nothing.data["updateSupplier"]["errors"]] == ["NOTHING_TO_CHANGE"]
    assert unknown.data["updateSupplier"]["errors"] == [
        {"code": "NOT_FOUND", "message": "No such supplier in this bakery.", "field": "id"}
    ]
    assert malformed.codes == ["BAD_USER_INPUT"]


async def test_update_supplier_of_another_bakery_is_not_found(client: GraphQLClient) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    foreign_id = await create_supplier(other, "Ajeno")

    result = await bakery.run(UPDATE_SUPPLIER, {"id": foreign_id, "input": {"name": "Mío"}})

    assert [e["code"] for e in result.data["updateSupplier"]["errors"]] == ["NOT_FOUND"]
    assert result.data["updateSupplier"]["supplier"] is None


async def test_update_supplier_is_forbidden_to_a_member(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    supplier_id = await create_supplier(bakery)
    operator = await member(bakery, "MEMBER")

    result = await client.execute(
        UPDATE_SUPPLIER,
        {"tenantId": bakery.id, "id": supplier_id, "input": {"leadTimeDays": 5}},
        as_=operator,
    )

    assert result.codes == ["FORBIDDEN"]


async def test_suppliers_lists_live_ones_by_name_and_pages(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    for name in ["carnes", "Bebidas", "azúcar", "Aceites"]:
        await create_supplier(bakery, name)

    first = await bakery.run(SUPPLIERS, {"first": 3})
    page = first.data["tenant"]["suppliers"]
    rest = await bakery.run(SUPPLIERS, {"first": 3, "after": page["pageInfo"]["endCursor"]})
    search = await bakery.run(SUPPLIERS, {"search": "BE"})

    assert [node["name"] for node in page["nodes"]] == ["Aceites", "azúcar", "Bebidas"]
    assert page["totalCount"] == 4
    assert page["pageInfo"]["hasNextPage"] is True
    assert [n["name"] for n in rest.data["tenant"]["suppliers"]["nodes"]] == ["carnes"]
    assert [n["name"] for n in search.data["tenant"]["suppliers"]["nodes"]] == ["Bebidas"]


async def test_delete_supplier_hides_it_everywhere(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    ingredient_id = await bakery.ingredient()
    supplier_id = await create_supplier(bakery, "Efímero")
    await create_supplier(bakery, "Duradero")
    # A sent order stays (a draft goes with its supplier: tests/trash).
    await sent_order(bakery, supplier_id, [line(ingredient_id=ingredient_id)])

    deleted = await bakery.run(DELETE_SUPPLIER, {"id": supplier_id, "reason": "Cerró"})

    payload = deleted.data["deleteSupplier"]
    assert payload["errors"] == []
    assert payload["deletedIds"] == [supplier_id]
    listed = (await bakery.run(SUPPLIERS)).data["tenant"]["suppliers"]
    assert [node["name"] for node in listed["nodes"]] == ["Duradero"]
    assert listed["totalCount"] == 1
    orders = (await bakery.run(PURCHASE_ORDERS)).data["tenant"]["purchaseOrders"]
    assert orders["nodes"][0]["supplier"] is None
    again = await create_order_result(bakery, supplier_id, [line(ingredient_id=ingredient_id)])
    assert [(e["code"], e["field"]) for e in again.data["createPurchaseOrder"]["errors"]] == [
        ("NOT_FOUND", "supplierId")
    ]
    updated = await bakery.run(UPDATE_SUPPLIER, {"id": supplier_id, "input": {"name": "Otro"}})
    assert [e["code"] for e in updated.data["updateSupplier"]["errors"]] == ["NOT_FOUND"]


async def test_delete_supplier_twice_is_not_found(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    supplier_id = await create_supplier(bakery)
    await bakery.run(DELETE_SUPPLIER, {"id": supplier_id})

    again = await bakery.run(DELETE_SUPPLIER, {"id": supplier_id})

    assert again.data["deleteSupplier"]["errors"] == [
        {"code": "NOT_FOUND", "message": "No such supplier in this bakery.", "field": "id"}
    ]


async def test_delete_supplier_is_forbidden_to_a_member(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    supplier_id = await create_supplier(bakery)
    operator = await member(bakery, "MEMBER")

    result = await client.execute(
        DELETE_SUPPLIER, {"tenantId": bakery.id, "id": supplier_id}, as_=operator
    )

    assert result.codes == ["FORBIDDEN"]
    assert len((await bakery.run(SUPPLIERS)).data["tenant"]["suppliers"]["nodes"]) == 1


async def test_delete_supplier_of_another_bakery_is_not_found(client: GraphQLClient) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    foreign_id = await create_supplier(other)

    result = await bakery.run(DELETE_SUPPLIER, {"id": foreign_id})

    assert [e["code"] for e in result.data["deleteSupplier"]["errors"]] == ["NOT_FOUND"]
    assert (await other.run(SUPPLIERS)).data["tenant"]["suppliers"]["totalCount"] == 1


async def test_restore_supplier_brings_it_back(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    ingredient_id = await bakery.ingredient()
    supplier_id = await create_supplier(bakery, "Vuelve")
    await create_order_result(bakery, supplier_id, [line(ingredient_id=ingredient_id)])
    await bakery.run(DELETE_SUPPLIER, {"id": supplier_id})

    restored = await bakery.run(RESTORE_SUPPLIER, {"id": supplier_id})

    assert restored.data["restoreSupplier"]["errors"] == []
    assert restored.data["restoreSupplier"]["supplier"]["name"] == "Vuelve"
    listed = (await bakery.run(SUPPLIERS)).data["tenant"]["suppliers"]
    assert [node["id"] for node in listed["nodes"]] == [supplier_id]
    orders = (await bakery.run(PURCHASE_ORDERS)).data["tenant"]["purchaseOrders"]
    assert orders["nodes"][0]["supplier"] == {"name": "Vuelve"}


async def test_restore_supplier_refuses_a_name_taken_meanwhile(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    supplier_id = await create_supplier(bakery, "Repetido")
    await bakery.run(DELETE_SUPPLIER, {"id": supplier_id})
    await create_supplier(bakery, "repetido")

    result = await bakery.run(RESTORE_SUPPLIER, {"id": supplier_id})

    assert result.data["restoreSupplier"]["supplier"] is None
    assert [(e["code"], e["field"]) for e in result.data["restoreSupplier"]["errors"]] == [
        ("NAME_TAKEN", "name")
    ]
    assert (await bakery.run(SUPPLIERS)).data["tenant"]["suppliers"]["totalCount"] == 1


async def test_restore_supplier_that_is_live_is_not_found(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    supplier_id = await create_supplier(bakery)

    result = await bakery.run(RESTORE_SUPPLIER, {"id": supplier_id})

    assert [e["code"] for e in result.data["restoreSupplier"]["errors"]] == ["NOT_FOUND"]


async def test_restore_supplier_is_forbidden_to_a_viewer(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    supplier_id = await create_supplier(bakery)
    await bakery.run(DELETE_SUPPLIER, {"id": supplier_id})
    viewer = await member(bakery, "VIEWER")

    result = await client.execute(
        RESTORE_SUPPLIER, {"tenantId": bakery.id, "id": supplier_id}, as_=viewer
    )

    assert result.codes == ["FORBIDDEN"]


async def test_suppliers_of_another_bakery_are_forbidden(client: GraphQLClient) -> None:
    bakery, stranger = await Bakery.open(client), await Bakery.open(client)
    await create_supplier(bakery)

    result = await client.execute(SUPPLIERS, {"tenantId": bakery.id}, as_=stranger.owner)

    assert result.codes == ["FORBIDDEN"]
    assert result.data == {"tenant": None}
