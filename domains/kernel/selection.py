"""Look-ahead: which fields of a list's nodes the query asks for, so a parent can load them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField

Selection = SelectedField | FragmentSpread | InlineFragment


def _fields(selections: Iterable[Selection]) -> Iterable[SelectedField]:
    """The fields among `selections`, with fragments opened up."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        else:
            yield from _fields(selection.selections)


def _paths(selections: Iterable[Selection], prefix: str = "") -> set[str]:
    found: set[str] = set()
    for field in _fields(selections):
        path = f"{prefix}{field.name}"
        found.add(path)
        found |= _paths(field.selections, f"{path}.")
    return found


def node_selection(info: strawberry.Info[Any, Any]) -> set[str]:
    """Dotted paths selected under a connection's nodes (`nodes` or `edges.node`).

    For `recipes { nodes { product { name } ingredients { ingredient { name } } } }` this is
    {"product", "product.name", "ingredients", "ingredients.ingredient", ...}.
    """
    selected: set[str] = set()
    for field in info.selected_fields:
        for path in _paths(field.selections):
            for root in ("nodes.", "edges.node."):
                if path.startswith(root):
                    selected.add(path.removeprefix(root))
    return selected


def selects(info: strawberry.Info[Any, Any], name: str) -> bool:
    """Whether the field being resolved selects `name` among its own fields (`totalCount`)."""
    return any(
        selected.name == name
        for field in info.selected_fields
        for selected in _fields(field.selections)
    )
