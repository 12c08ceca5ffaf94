"""Recognising database errors the code expects (a unique index taken, a key missing)."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

UNIQUE_VIOLATION = "23505"
FOREIGN_KEY_VIOLATION = "23503"


def violated_constraint(error: IntegrityError, sqlstate: str = UNIQUE_VIOLATION) -> str | None:
    """The name of the constraint or index `error` violated, when its SQLSTATE is `sqlstate`."""
    driver_error = getattr(error.orig, "__cause__", None)
    if getattr(driver_error, "sqlstate", None) != sqlstate:
        return None
    name = getattr(driver_error, "constraint_name", None)
    return name if isinstance(name, str) else None
