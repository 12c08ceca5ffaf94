"""The kinds and statuses of inventory, public to other domains (its tables are not)."""

from __future__ import annotations

import enum


class ProductKind(enum.Enum):
    """What a product is when it reaches the shop."""

    FINISHED = "FINISHED"
    PAR_BAKED = "PAR_BAKED"


class MovementKind(enum.Enum):
    """Why stock changed."""

    IN = "IN"
    OUT = "OUT"
    ADJUSTMENT = "ADJUSTMENT"
    WASTE = "WASTE"
    PRODUCTION = "PRODUCTION"


class AlertStatus(enum.Enum):
    """Whether a stock alert still needs attention."""

    OPEN = "OPEN"
    RESOLVED = "RESOLVED"
