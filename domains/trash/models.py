"""The `trash` schema holds no table: the trash reads the soft-deletable tables of the domains."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from db.base import TYPE_ANNOTATION_MAP, domain_metadata


class TrashBase(DeclarativeBase):
    metadata = domain_metadata("trash")
    type_annotation_map = TYPE_ANNOTATION_MAP
