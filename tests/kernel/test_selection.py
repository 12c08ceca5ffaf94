"""node_selection: what a connection's nodes ask for, through `nodes`, `edges` and fragments."""

from __future__ import annotations

import strawberry

from domains.kernel.selection import node_selection, selects

SEEN: list[set[str]] = []
COUNTED: list[bool] = []


@strawberry.type
class Product:
    name: str


@strawberry.type
class Line:
    quantity: int


@strawberry.type
class Recipe:
    product: Product
    lines: list[Line]


@strawberry.type
class Node:
    node: Recipe


@strawberry.type
class Page:
    nodes: list[Recipe]
    edges: list[Node]
    total_count: int = 0


@strawberry.type
class Query:
    @strawberry.field
    def recipes(self, info: strawberry.Info) -> Page:
        SEEN.append(node_selection(info))
        COUNTED.append(selects(info, "totalCount"))
        return Page(nodes=[], edges=[])


schema = strawberry.Schema(query=Query)


def selection_of(document: str) -> set[str]:
    SEEN.clear()
    result = schema.execute_sync(document)
    assert result.errors is None, result.errors
    return SEEN[0]


def test_node_selection_reads_nodes_and_edges() -> None:
    assert selection_of("{ recipes { nodes { product { name } } } }") == {"product", "product.name"}
    assert selection_of("{ recipes { edges { node { lines { quantity } } } } }") == {
        "lines",
        "lines.quantity",
    }


def test_node_selection_opens_fragments() -> None:
    document = """
      query { recipes { nodes { ...R ... on Recipe { lines { quantity } } } } }
      fragment R on Recipe { product { name } }
    """
    assert selection_of(document) == {"product", "product.name", "lines", "lines.quantity"}


def test_node_selection_is_empty_without_nodes() -> None:
    assert selection_of("{ recipes { __typename } }") == set()


def test_selects_finds_a_field_of_the_connection_itself() -> None:
    COUNTED.clear()
    for document in (
        "{ recipes { totalCount } }",
        "{ recipes { n: totalCount nodes { product { name } } } }",
        "{ recipes { ...C } } fragment C on Page { totalCount }",
        "{ recipes { nodes { product { name } } } }",
        "{ recipes { edges { node { product { name } } } } }",
    ):
        selection_of(document)

    assert COUNTED == [True, True, True, False, False]
