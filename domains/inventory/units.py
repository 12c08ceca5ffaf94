"""Units of measure and conversions between units of the same dimension."""

from __future__ import annotations

import enum
from decimal import Decimal


class Unit(enum.Enum):
    """A unit of measure: mass (KG, G), volume (L, ML) or a count (UNIT)."""

    KG = "KG"
    G = "G"
    L = "L"
    ML = "ML"
    UNIT = "UNIT"

    @property
    def dimension(self) -> str:
        """What the unit measures: mass, volume or count."""
        return _DIMENSIONS[self][0]

    def converts_to(self, other: Unit) -> bool:
        """Whether quantities in this unit can be expressed in `other`."""
        return self.dimension == other.dimension

    def convert(self, quantity: Decimal, to: Unit) -> Decimal:
        """`quantity` of this unit expressed in `to`; ValueError across dimensions."""
        if not self.converts_to(to):
            raise ValueError(f"cannot convert {self.value} to {to.value}")
        return quantity * _DIMENSIONS[self][1] / _DIMENSIONS[to][1]


_DIMENSIONS: dict[Unit, tuple[str, Decimal]] = {
    Unit.KG: ("mass", Decimal(1000)),
    Unit.G: ("mass", Decimal(1)),
    Unit.L: ("volume", Decimal(1000)),
    Unit.ML: ("volume", Decimal(1)),
    Unit.UNIT: ("count", Decimal(1)),
}
