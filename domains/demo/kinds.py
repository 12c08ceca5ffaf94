"""What a demo session is for and where it stands."""

from __future__ import annotations

import enum


class DemoAccountType(enum.Enum):
    """Which template bakery a session copies."""

    INDIVIDUAL_BAKERY = "INDIVIDUAL_BAKERY"
    CENTRAL_BAKER_SATELLITE = "CENTRAL_BAKER_SATELLITE"


class DemoSessionStatus(enum.Enum):
    """ACTIVE until it expires or the visitor ends it."""

    ACTIVE = "ACTIVE"
    EXPIRED = "EXPIRED"
    ENDED = "ENDED"
