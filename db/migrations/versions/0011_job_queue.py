"""pgqueuer's job queue tables, in the public schema: its own install and uninstall SQL.

Revision ID: 0011
Revises: 0009
"""

from collections.abc import Sequence

from alembic import op
from pgqueuer.adapters.persistence.qb import QueryBuilderEnvironment
from sqlalchemy.util import await_only

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _execute_script(sql: str) -> None:
    # The script holds many statements (and a function body); SQLAlchemy's asyncpg adapter
    # prepares what it runs, which allows one. asyncpg's own execute() without arguments sends
    # the script as one simple query, still inside the migration's transaction.
    driver_connection = op.get_bind().connection.driver_connection
    assert driver_connection is not None  # the migration's connection is in use
    await_only(driver_connection.execute(sql))


def upgrade() -> None:
    # Unqualified names land in public (the search path), where the worker's queries look.
    _execute_script(QueryBuilderEnvironment().build_install_query(create_schema=False))


def downgrade() -> None:
    _execute_script(QueryBuilderEnvironment().build_uninstall_query())
