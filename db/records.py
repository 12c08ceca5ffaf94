"""Reading rows into records by position: checked once, at import, then as cheap as a tuple."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

R = TypeVar("R")


def record_reader(record: type[R], columns: Sequence[Any]) -> Callable[[Any], R]:
    """A function building `record` from a row selected with `columns` (extra columns ignored).

    The columns must be the record's fields, in order; that is checked here, once, so reading a
    row is a slice and a call rather than a lookup per field (which costs more than the query
    on long lists).
    """
    names = [column.key for column in columns]
    fields = [field.name for field in dataclasses.fields(record)]  # type: ignore[arg-type]
    if names != fields:
        raise TypeError(f"{record.__name__} has fields {fields}, the columns are {names}")
    width = len(fields)

    def read(row: Any) -> R:
        return record(*row[:width])

    read.__doc__ = f"The {record.__name__} of a row selected with its columns."
    return read
