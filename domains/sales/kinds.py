"""The kinds of the sales domain, public to other domains (its tables are not)."""

from __future__ import annotations

import enum


class SalesChannel(enum.Enum):
    """Where a sale was made."""

    POS = "POS"
    ONLINE = "ONLINE"
    WHOLESALE = "WHOLESALE"


class SummaryGrouping(enum.Enum):
    """What a sales summary has a row for."""

    DAY = "DAY"
    PRODUCT = "PRODUCT"
