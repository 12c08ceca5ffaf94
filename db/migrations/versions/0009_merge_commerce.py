"""Join the orders, sales and POS, and notifications and alerts branches into one history.

Revision ID: 0009
Revises: 0006, 0007, 0008
"""

from collections.abc import Sequence

revision: str = "0009"
down_revision: str | Sequence[str] | None = ("0006", "0007", "0008")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing to change: the three branches touch different schemas."""


def downgrade() -> None:
    """Nothing to change: the three branches touch different schemas."""
