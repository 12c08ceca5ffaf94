"""What the trash works on and how long it keeps things: built once from the registry."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from db.soft_delete import Trashable
from domains.kernel.errors import BadUserInput

MAX_BULK = 500
"""Rows one bulk call by ids may name."""


@dataclass(frozen=True)
class TrashPolicy:
    """Every soft-deletable table of every domain, and the rules of deleting and purging.

    Built by the gateway from the domain registry and handed to resolvers and jobs, so the trash
    never imports the registry that lists it.
    """

    items: tuple[Trashable, ...]
    schemas: tuple[str, ...] = ()
    """Every domain's schema, for the database health report."""
    global_tables: frozenset[str] = frozenset()
    """`schema.table` of tables that hold a tenant id but belong to no tenant (jobs, audit)."""
    require_reason: bool = False
    retention: timedelta = timedelta(days=90)
    retention_by_entity: Mapping[str, timedelta] = field(default_factory=dict)
    purge_batch_size: int = 5_000

    @classmethod
    def of(cls, items: Iterable[Trashable], **rules: object) -> TrashPolicy:
        """A policy over `items` (entity names must be unique)."""
        listed = tuple(items)
        names = [item.entity for item in listed]
        if len(set(names)) != len(names):
            raise ValueError(f"an entity is declared twice among {names}")
        return cls(listed, **rules)  # type: ignore[arg-type]

    @property
    def entities(self) -> list[str]:
        """The entities' names, as the API takes them."""
        return [item.entity for item in self.items]

    def item(self, entity: str, *, field_name: str = "entity") -> Trashable:
        """The soft-deletable table of `entity`, or BAD_USER_INPUT naming the valid ones."""
        for item in self.items:
            if item.entity == entity:
                return item
        raise BadUserInput(
            f"`{entity}` is not a soft-deletable entity; one of: {', '.join(self.entities)}.",
            field=field_name,
        )

    def retention_of(self, entity: str) -> timedelta:
        """How long deleted rows of `entity` stay restorable before the purge."""
        return self.retention_by_entity.get(entity, self.retention)

    def purge_order(self) -> list[Trashable]:
        """Every table, children before the parents they cascade from."""
        ordered: list[Trashable] = []
        for item in self.items:
            for member in reversed(item.tree()):
                if all(member is not seen for seen in ordered):
                    ordered.append(member)
        return ordered
