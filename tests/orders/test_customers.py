"""createCustomer, updateCustomer, deleteCustomer, restoreCustomer and the `customers` list."""

from __future__ import annotations

import uuid

from tests.orders.api import (
    CREATE_CUSTOMER,
    CUSTOMERS,
    DELETE_CUSTOMER,
    ORDERS,
    RESTORE_CUSTOMER,
    UPDATE_CUSTOMER,
    create_customer,
    create_order,
    create_order_result,
    error_fields,
    item,
    member,
)
from tests.support import Bakery, GraphQLClient


async def test_create_customer_with_every_detail(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    details = {
        "name": "  Café   Central ",
        "email": "pedidos@cafecentral.example.com",
        "phone": "+34 600 111 222",
        "taxId": "B87654321",
        "notes": "  Entrega por la puerta de atrás. ",
    }

    result = await bakery.run(CREATE_CUSTOMER, {"input": details})

    payload = result.data["createCustomer"]
    assert payload["errors"] == []
    assert payload["customer"] == {
        "id": payload["customer"]["id"],
        **details,
        "name": "Café Central",
        "notes": "Entrega por la puerta de atrás.",
    }


async def test_create_customer_with_only_a_name(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    result = await bakery.run(CREATE_CUSTOMER, {"input": {"name": "Familia García"}})

    customer = result.data["createCustomer"]["customer"]
    assert (customer["email"], customer["phone"], customer["taxId"]) == (None, None, None)
    assert customer["notes"] == ""


async def test_create_customer_refuses_bad_input_naming_each_field(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    result = await bakery.run(
        CREATE_CUSTOMER,
        {
            "input": {
                "name": "x" * 121,
                "email": "not-an-email",
                "phone": "9" * 41,
                "taxId": "T" * 41,
                "notes": "n" * 2001,
            }
        },
    )

    payload = result.data["createCustomer"]
    assert payload["customer"] is None
    assert set(error_fields(payload)) == {
        ("INVALID_INPUT", "name"),
        ("INVALID_INPUT", "email"),
        ("INVALID_INPUT", "phone"),
        ("INVALID_INPUT", "taxId"),
        ("INVALID_INPUT", "notes"),
    }


async def test_create_customer_refuses_a_blank_name(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    result = await bakery.run(CREATE_CUSTOMER, {"input": {"name": "   "}})

    assert error_fields(result.data["createCustomer"]) == [("INVALID_INPUT", "name")]


async def test_create_customer_refuses_a_live_name_in_any_case(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    await create_customer(bakery, "Restaurante Sol")

    result = await bakery.run(CREATE_CUSTOMER, {"input": {"name": "RESTAURANTE SOL"}})

    payload = result.data["createCustomer"]
    assert payload["customer"] is None
    assert error_fields(payload) == [("NAME_TAKEN", "name")]


async def test_create_customer_same_name_in_another_bakery(client: GraphQLClient) -> None:
    first, second = await Bakery.open(client), await Bakery.open(client)
    await create_customer(first, "Hotel Compartido")

    result = await second.run(CREATE_CUSTOMER, {"input": {"name": "Hotel Compartido"}})

    assert result.data["createCustomer"]["errors"] == []


async def test_create_customer_roles(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    viewer, operator = await member(bakery, "VIEWER"), await member(bakery, "MEMBER")

    as_viewer = await client.execute(
        CREATE_CUSTOMER, {"tenantId": bakery.id, "input": {"name": "Visto"}}, as_=viewer
    )
    as_member = await client.execute(
        CREATE_CUSTOMER, {"tenantId": bakery.id, "input": {"name": "Mostrador"}}, as_=operator
    )

    assert as_viewer.codes == ["FORBIDDEN"]
    assert as_viewer.data is None
    assert as_member.data["createCustomer"]["errors"] == []


async def test_create_customer_in_another_bakery_is_forbidden(client: GraphQLClient) -> None:
    bakery, stranger = await Bakery.open(client), await Bakery.open(client)

    result = await client.execute(
        CREATE_CUSTOMER, {"tenantId": bakery.id, "input": {"name": "Intruso"}}, as_=stranger.owner
    )

    assert result.codes == ["FORBIDDEN"]
    assert (await bakery.run(CUSTOMERS)).data["tenant"]["customers"]["totalCount"] == 0


async def test_create_customer_with_malformed_tenant_id(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)

    result = await client.execute(
        CREATE_CUSTOMER, {"tenantId": "not-a-uuid", "input": {"name": "X"}}, as_=bakery.owner
    )

    assert result.codes == ["BAD_USER_INPUT"]


async def test_update_customer_changes_what_is_given(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    customer_id = await create_customer(
        bakery, "Bar Esquina", email="old@example.com", phone="911", taxId="A1", notes="Viejo"
    )

    result = await bakery.run(
        UPDATE_CUSTOMER,
        {"id": customer_id, "input": {"name": "Bar La Esquina", "email": None, "phone": " "}},
    )

    payload = result.data["updateCustomer"]
    assert payload["errors"] == []
    assert payload["customer"] == {
        "id": customer_id,
        "name": "Bar La Esquina",
        "email": None,
        "phone": None,
        "taxId": "A1",
        "notes": "Viejo",
    }


async def test_update_customer_by_a_member(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    customer_id = await create_customer(bakery)
    operator = await member(bakery, "MEMBER")

    result = await client.execute(
        UPDATE_CUSTOMER,
        {"tenantId": bakery.id, "id": customer_id, "input": {"notes": "Paga al mes"}},
        as_=operator,
    )

    assert result.data["updateCustomer"]["customer"]["notes"] == "Paga al mes"


async def test_update_customer_refusals(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    await create_customer(bakery, "Primero")
    customer_id = await create_customer(bakery, "Segundo")

    taken = await bakery.run(UPDATE_CUSTOMER, {"id": customer_id, "input": {"name": "primero"}})
    nothing = await bakery.run(UPDATE_CUSTOMER, {"id": customer_id, "input": {}})
    invalid = await bakery.run(UPDATE_CUSTOMER, {"id": customer_id, "input": {"email": "@"}})
    unknown = await bakery.run(UPDATE_CUSTOMER, {"id": str(uuid.uuid4()), "input": {"notes": "x"}})
    malformed = await bakery.run(UPDATE_CUSTOMER, {"id": "42", "input": {"notes": "x"}})

    assert error_fields(taken.data["updateCustomer"]) == [("NAME_TAKEN", "name")]
    assert error_fields(nothing.data["updateCustomer"]) == [("NOTHING_TO_CHANGE", None)]
    assert error_fields(invalid.data["updateCustomer"]) == [("INVALID_INPUT", "email")]
    assert unknown.data["updateCustomer"]["errors"] == [
        {"code": "NOT_FOUND", "message": "No such customer in this bakery.", "field": "id"}
    ]
    assert malformed.codes == ["BAD_USER_INPUT"]


async def test_update_customer_of_another_bakery_is_not_found(client: GraphQLClient) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    foreign_id = await create_customer(other, "Ajeno")

    result = await bakery.run(UPDATE_CUSTOMER, {"id": foreign_id, "input": {"name": "Mío"}})

    assert error_fields(result.data["updateCustomer"]) == [("NOT_FOUND", "id")]
    assert result.data["updateCustomer"]["customer"] is None
    names = (await other.run(CUSTOMERS)).data["tenant"]["customers"]["nodes"]
    assert [node["name"] for node in names] == ["Ajeno"]


async def test_customers_lists_live_ones_by_name_and_pages(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    for name in ["hotel Mar", "Bodega", "confitería", "Asador"]:
        await create_customer(bakery, name)
    await create_customer(bakery, "Zapatería", email="bodega@example.com")

    first = await bakery.run(CUSTOMERS, {"first": 3})
    page = first.data["tenant"]["customers"]
    rest = await bakery.run(CUSTOMERS, {"first": 3, "after": page["pageInfo"]["endCursor"]})
    search = await bakery.run(CUSTOMERS, {"search": "BODEGA"})

    assert [node["name"] for node in page["nodes"]] == ["Asador", "Bodega", "confitería"]
    assert page["totalCount"] == 5
    assert page["pageInfo"]["hasNextPage"] is True
    rest_page = rest.data["tenant"]["customers"]
    assert [n["name"] for n in rest_page["nodes"]] == ["hotel Mar", "Zapatería"]
    assert rest_page["pageInfo"]["hasNextPage"] is False
    assert [n["name"] for n in search.data["tenant"]["customers"]["nodes"]] == [
        "Bodega",
        "Zapatería",
    ]


async def test_customers_of_another_bakery_are_forbidden(client: GraphQLClient) -> None:
    bakery, stranger = await Bakery.open(client), await Bakery.open(client)
    await create_customer(bakery)

    result = await client.execute(CUSTOMERS, {"tenantId": bakery.id}, as_=stranger.owner)

    assert result.codes == ["FORBIDDEN"]
    assert result.data == {"tenant": None}


async def test_delete_customer_hides_it_everywhere_but_keeps_its_orders(
    client: GraphQLClient,
) -> None:
    bakery = await Bakery.open(client)
    bread = await bakery.product()
    customer_id = await create_customer(bakery, "Efímero")
    await create_customer(bakery, "Duradero")
    order = await create_order(bakery, customer_id, [item(bread)])

    deleted = await bakery.run(DELETE_CUSTOMER, {"id": customer_id, "reason": "Cerró"})

    payload = deleted.data["deleteCustomer"]
    assert payload["errors"] == []
    assert payload["deletedIds"] == [customer_id]
    listed = (await bakery.run(CUSTOMERS)).data["tenant"]["customers"]
    assert [node["name"] for node in listed["nodes"]] == ["Duradero"]
    assert listed["totalCount"] == 1
    searched = (await bakery.run(CUSTOMERS, {"search": "Efímero"})).data["tenant"]["customers"]
    assert searched["totalCount"] == 0
    orders = (await bakery.run(ORDERS)).data["tenant"]["orders"]
    assert [(node["id"], node["customer"]) for node in orders["nodes"]] == [(order["id"], None)]
    again = await create_order_result(bakery, customer_id, [item(bread)])
    assert error_fields(again.data["createOrder"]) == [("NOT_FOUND", "customerId")]
    updated = await bakery.run(UPDATE_CUSTOMER, {"id": customer_id, "input": {"name": "Otro"}})
    assert error_fields(updated.data["updateCustomer"]) == [("NOT_FOUND", "id")]


async def test_delete_customer_frees_its_name(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    customer_id = await create_customer(bakery, "Reutilizable")
    await bakery.run(DELETE_CUSTOMER, {"id": customer_id})

    result = await bakery.run(CREATE_CUSTOMER, {"input": {"name": "Reutilizable"}})

    assert result.data["createCustomer"]["errors"] == []


async def test_delete_customer_twice_is_not_found(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    customer_id = await create_customer(bakery)
    await bakery.run(DELETE_CUSTOMER, {"id": customer_id})

    again = await bakery.run(DELETE_CUSTOMER, {"id": customer_id})

    assert again.data["deleteCustomer"]["errors"] == [
        {"code": "NOT_FOUND", "message": "No such customer in this bakery.", "field": "id"}
    ]


async def test_delete_customer_is_forbidden_to_a_member(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    customer_id = await create_customer(bakery)
    operator = await member(bakery, "MEMBER")
    admin = await member(bakery, "ADMIN")
    variables = {"tenantId": bakery.id, "id": customer_id}

    as_member = await client.execute(DELETE_CUSTOMER, variables, as_=operator)
    listed_after_member = (await bakery.run(CUSTOMERS)).data["tenant"]["customers"]["totalCount"]
    as_admin = await client.execute(DELETE_CUSTOMER, variables, as_=admin)

    assert as_member.codes == ["FORBIDDEN"]
    assert listed_after_member == 1
    assert as_admin.data["deleteCustomer"]["deletedIds"] == [customer_id]


async def test_delete_customer_of_another_bakery_is_not_found(client: GraphQLClient) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    foreign_id = await create_customer(other)

    result = await bakery.run(DELETE_CUSTOMER, {"id": foreign_id})
    malformed = await bakery.run(DELETE_CUSTOMER, {"id": "nope"})

    assert error_fields(result.data["deleteCustomer"]) == [("NOT_FOUND", "id")]
    assert malformed.codes == ["BAD_USER_INPUT"]
    assert (await other.run(CUSTOMERS)).data["tenant"]["customers"]["totalCount"] == 1


async def test_restore_customer_brings_it_back_on_its_orders(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    customer_id = await create_customer(bakery, "Vuelve")
    await create_order(bakery, customer_id, [item(await bakery.product())])
    await bakery.run(DELETE_CUSTOMER, {"id": customer_id})

    restored = await bakery.run(RESTORE_CUSTOMER, {"id": customer_id})

    assert restored.data["restoreCustomer"]["errors"] == []
    assert restored.data["restoreCustomer"]["customer"]["name"] == "Vuelve"
    listed = (await bakery.run(CUSTOMERS)).data["tenant"]["customers"]
    assert [node["id"] for node in listed["nodes"]] == [customer_id]
    orders = (await bakery.run(ORDERS)).data["tenant"]["orders"]
    assert orders["nodes"][0]["customer"] == {"name": "Vuelve"}


async def test_restore_customer_refuses_a_name_taken_meanwhile(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    customer_id = await create_customer(bakery, "Repetido")
    await bakery.run(DELETE_CUSTOMER, {"id": customer_id})
    await create_customer(bakery, "repetido")

    result = await bakery.run(RESTORE_CUSTOMER, {"id": customer_id})

    assert result.data["restoreCustomer"]["customer"] is None
    assert error_fields(result.data["restoreCustomer"]) == [("NAME_TAKEN", "name")]
    assert (await bakery.run(CUSTOMERS)).data["tenant"]["customers"]["totalCount"] == 1


async def test_restore_customer_that_is_live_or_foreign_is_not_found(
    client: GraphQLClient,
) -> None:
    bakery, other = await Bakery.open(client), await Bakery.open(client)
    live_id = await create_customer(bakery)
    foreign_id = await create_customer(other)
    await other.run(DELETE_CUSTOMER, {"id": foreign_id})

    live = await bakery.run(RESTORE_CUSTOMER, {"id": live_id})
    foreign = await bakery.run(RESTORE_CUSTOMER, {"id": foreign_id})

    assert error_fields(live.data["restoreCustomer"]) == [("NOT_FOUND", "id")]
    assert error_fields(foreign.data["restoreCustomer"]) == [("NOT_FOUND", "id")]
    assert (await other.run(CUSTOMERS)).data["tenant"]["customers"]["totalCount"] == 0


async def test_restore_customer_is_forbidden_to_a_member(client: GraphQLClient) -> None:
    bakery = await Bakery.open(client)
    customer_id = await create_customer(bakery)
    await bakery.run(DELETE_CUSTOMER, {"id": customer_id})
    operator = await member(bakery, "MEMBER")

    result = await client.execute(
        RESTORE_CUSTOMER, {"tenantId": bakery.id, "id": customer_id}, as_=operator
    )

    assert result.codes == ["FORBIDDEN"]
    assert (await bakery.run(CUSTOMERS)).data["tenant"]["customers"]["totalCount"] == 0
