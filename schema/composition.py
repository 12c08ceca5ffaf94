"""Composition of types from parts that several domains contribute."""

from __future__ import annotations

import copy
from collections.abc import Iterable

from strawberry.tools import merge_types
from strawberry.types.base import get_object_definition


def merge_root(name: str, parts: Iterable[type | None]) -> type:
    """A root type (`Query`, `Mutation`) with the fields of every part."""
    present = tuple(part for part in parts if part is not None)
    return merge_types(name, present)


def extend_type(target: type, contributions: Iterable[type]) -> None:
    """Add the fields of each contribution to `target`: GraphQL's `extend type`.

    `merge_types` makes a new class, which cannot serve here: domain resolvers already return
    instances of `target` (the `Tenant` of the tenants domain), so the composed fields must
    live on that very type. Contributed resolvers receive the `target` instance as `self`.
    A field name given twice is an error, not a silent override.
    """
    definition = get_object_definition(target, strict=True)
    taken = {field.python_name for field in definition.fields}
    for contribution in contributions:
        for field in get_object_definition(contribution, strict=True).fields:
            if field.python_name in taken:
                raise ValueError(
                    f"{contribution.__name__} adds {field.python_name!r} to "
                    f"{definition.name}, which already has it"
                )
            added = copy.copy(field)
            added.origin = target
            definition.fields.append(added)
            taken.add(field.python_name)
