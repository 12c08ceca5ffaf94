"""Join the external data and job queue branches into one history.

Revision ID: 0012
Revises: 0010, 0011
"""

from collections.abc import Sequence

revision: str = "0012"
down_revision: str | Sequence[str] | None = ("0010", "0011")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing to change: the two branches touch different schemas."""


def downgrade() -> None:
    """Nothing to change: the two branches touch different schemas."""
