"""Ids in the API are UUIDs sent as `ID`; a malformed one is BAD_USER_INPUT, not a crash."""

from __future__ import annotations

import uuid

from domains.kernel.errors import BadUserInput


def parse_id(value: object, *, argument: str) -> uuid.UUID:
    """The UUID in an `ID` argument, or BAD_USER_INPUT naming the argument."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise BadUserInput(f"`{argument}` is not a valid id.", field=argument) from None
