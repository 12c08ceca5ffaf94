"""Checking mutation input: every problem reported at once, each naming its field."""

from __future__ import annotations

from collections.abc import Sized
from decimal import Decimal

from domains.kernel.errors import OperationRefused, Problem

INVALID_INPUT = "INVALID_INPUT"
MAX_DECIMAL = Decimal("99999999999")  # what QUANTITY (NUMERIC(14, 3)) holds
MAX_NAME_LENGTH = 120
MAX_REASON_LENGTH = 500
REASON_REQUIRED = "REASON_REQUIRED"


class InputCheck:
    """Collects input problems; `done()` refuses the operation if there are any.

    Each check returns the cleaned value (or the value as given when it is wrong, so the caller
    can go on checking the rest).
    """

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def refuse(self, field: str, message: str, code: str = INVALID_INPUT) -> None:
        """Record a problem with `field`."""
        self.problems.append(Problem(code, message, field))

    def text(self, value: str, *, field: str, max_length: int = MAX_NAME_LENGTH) -> str:
        """Whitespace collapsed; 1 to `max_length` characters."""
        cleaned = " ".join(value.split())
        if not cleaned or len(cleaned) > max_length:
            self.refuse(field, f"Give 1 to {max_length} characters.")
        return cleaned

    def optional_text(
        self, value: str | None, *, field: str, max_length: int = MAX_NAME_LENGTH
    ) -> str | None:
        """Like `text`, but blank means none."""
        if value is None or not value.strip():
            return None
        return self.text(value, field=field, max_length=max_length)

    def reason(self, value: str | None, *, required: bool) -> str | None:
        """Why something is deleted: trimmed, at most 500 characters; REASON_REQUIRED when the
        gateway is set to require one (`GATEWAY_SOFT_DELETE_REQUIRE_REASON`) and none is given."""
        cleaned = self.optional_text(value, field="reason", max_length=MAX_REASON_LENGTH)
        if required and cleaned is None:
            self.refuse("reason", "Say why: deletions need a reason here.", REASON_REQUIRED)
        return cleaned

    def long_text(self, value: str, *, field: str, max_length: int = 20_000) -> str:
        """Free text (instructions, notes): kept as typed, trimmed, at most `max_length`."""
        cleaned = value.strip()
        if len(cleaned) > max_length:
            self.refuse(field, f"Use at most {max_length} characters.")
        return cleaned

    def decimal(
        self, value: Decimal, *, field: str, positive: bool = False, not_negative: bool = False
    ) -> Decimal:
        """A finite number within what the database holds, with the sign asked for."""
        if not value.is_finite() or abs(value) > MAX_DECIMAL:
            self.refuse(field, "Give a number below 100,000,000,000.")
        elif positive and value <= 0:
            self.refuse(field, "Give a number greater than zero.")
        elif not_negative and value < 0:
            self.refuse(field, "Give zero or a positive number.")
        elif value == 0 and not (not_negative or positive):
            self.refuse(field, "Give a number other than zero.")
        return value

    def count(self, value: Sized, *, field: str, at_least: int = 0, at_most: int) -> None:
        """A list of `at_least` to `at_most` elements."""
        if not at_least <= len(value) <= at_most:
            self.refuse(field, f"Give {at_least} to {at_most} entries.")

    def done(self) -> None:
        """Refuse the operation if any check failed."""
        if self.problems:
            raise OperationRefused(*self.problems)
