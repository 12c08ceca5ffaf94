"""The platform's exception to row-level security is a role, so the tenant policy is an index key

Under 0017 every policy read `unrestricted() OR tenant_id = ANY(visible_tenants())`: the OR
kept PostgreSQL from using the condition in an index scan, so it was checked again on every row
a statement read (counting a million-row tenant took three times as long as without it).

Now the platform paths (services, deletion, demo copies, erasure) act as the role
`bakery_platform` (NOLOGIN, NOBYPASSRLS), which the gateway switches to for them with
`set_config('role', ...)`. Its own permissive policy `platform_access` admits every row; the
policy every other role gets, `tenant_isolation`, is the bare `tenant_id = ANY(...)`, which the
planner folds into the index condition. For `bakery_platform` the two policies are OR-ed and
fold to `true`: no condition at all.

`visible_tenants()` becomes PL/pgSQL, whose statements are planned once per session: as a SQL
function it was planned again by every statement its policy guarded. `acting_user()` loses its
FROM clause, so PostgreSQL inlines it.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 13:40:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0018"
down_revision: str | Sequence[str] | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PLATFORM_ROLE = "bakery_platform"

_OWN_SCHEMAS = """
    SELECT nspname FROM pg_namespace
    WHERE (pg_get_userbyid(nspowner) = current_user OR nspname = 'public')
      AND nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'
"""
_PROTECTED_TABLES = "SELECT DISTINCT p.polrelid::regclass FROM pg_policy AS p"


def _protect(*, tenant: str, platform: bool) -> str:
    """The body of `gateway_security.protect`: one tenant policy, and the platform's or not."""
    platform_policy = (
        f"""
            EXECUTE format(
                'CREATE POLICY platform_access ON %s TO {PLATFORM_ROLE} '
                'USING (true) WITH CHECK (true)',
                target
            );"""
        if platform
        else ""
    )
    return f"""
        CREATE OR REPLACE FUNCTION gateway_security.protect(
            target regclass, tenant_column name = 'tenant_id'
        )
        RETURNS void LANGUAGE plpgsql
        AS $$
        DECLARE
            visible text := format({tenant}, tenant_column);
        BEGIN
            EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
            EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', target);
            EXECUTE format('DROP POLICY IF EXISTS platform_access ON %s', target);
            EXECUTE format(
                'CREATE POLICY tenant_isolation ON %s USING (%s) WITH CHECK (%s)',
                target, visible, visible
            );{platform_policy}
        END $$
    """


# The function is wrapped in a scalar subquery: evaluated once per statement, not per row.
_VISIBLE = "'%I = ANY ((SELECT gateway_security.visible_tenants())::uuid[])'"
_VISIBLE_0017 = (
    "'(SELECT gateway_security.unrestricted()) "
    "OR %I = ANY ((SELECT gateway_security.visible_tenants())::uuid[])'"
)


def _protect_again(*, tenant: str, platform: bool) -> None:
    """Redefine `protect` and apply it again to every table it protected, but the tenant row."""
    op.execute(_protect(tenant=tenant, platform=platform))
    op.execute(f"""
        DO $$
        DECLARE
            target regclass;
        BEGIN
            FOR target IN {_PROTECTED_TABLES} WHERE p.polrelid <> 'tenants.tenants'::regclass LOOP
                PERFORM gateway_security.protect(target);
            END LOOP;
        END $$
    """)


def _tenant_row_policy(condition: str) -> None:
    op.execute("DROP POLICY tenant_isolation ON tenants.tenants")
    op.execute(f"""
        CREATE POLICY tenant_isolation ON tenants.tenants
        USING ({condition}) WITH CHECK ({condition})
    """)


_VISIBLE_TENANTS = """
    CREATE OR REPLACE FUNCTION gateway_security.visible_tenants() RETURNS uuid[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
    DECLARE
        scope text := coalesce(current_setting('bakery.scope', true), '');
    BEGIN
        IF scope LIKE 'tenant:%' THEN
            RETURN ARRAY[substr(scope, 8)::uuid];
        ELSIF scope LIKE 'user:%' THEN
            RETURN ARRAY(
                SELECT m.tenant_id FROM tenants.tenant_members AS m
                WHERE m.user_id = substr(scope, 6)::uuid
                UNION
                SELECT t.id FROM tenants.tenants AS t  -- a new tenant, before its members
                WHERE t.owner_id = substr(scope, 6)::uuid
            );
        END IF;
        RETURN '{}'::uuid[];
    END $$
"""
_ACTING_USER = """
    CREATE OR REPLACE FUNCTION gateway_security.acting_user() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
        SELECT CASE WHEN gateway_security.scope() LIKE 'user:%'
                    THEN substr(gateway_security.scope(), 6)::uuid END
    $$
"""


def upgrade() -> None:
    op.execute(f"""
        DO $$
        BEGIN
            CREATE ROLE {PLATFORM_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
        EXCEPTION
            -- roles belong to the server: another database may have made it, even just now
            WHEN duplicate_object OR unique_violation THEN NULL;
        END $$
    """)
    op.execute(f"""
        DO $$
        BEGIN
            IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
               AND NOT pg_has_role(current_user, '{PLATFORM_ROLE}', 'MEMBER') THEN
                EXECUTE format('GRANT {PLATFORM_ROLE} TO %I', current_user);
            END IF;
        END $$
    """)  # noqa: S608 (constants only)
    op.execute(f"""
        DO $$
        DECLARE
            schema_name name;
        BEGIN
            FOR schema_name IN {_OWN_SCHEMAS} LOOP
                EXECUTE format('GRANT USAGE ON SCHEMA %I TO {PLATFORM_ROLE}', schema_name);
                EXECUTE format(
                    'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I '
                    'TO {PLATFORM_ROLE}',
                    schema_name
                );
                EXECUTE format(
                    'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I '
                    'TO {PLATFORM_ROLE}',
                    schema_name
                );
            END LOOP;
        END $$
    """)
    op.execute(f"ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO {PLATFORM_ROLE}")
    op.execute(
        "ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES "
        f"TO {PLATFORM_ROLE}"
    )
    op.execute(
        f"ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {PLATFORM_ROLE}"
    )
    op.execute(_VISIBLE_TENANTS)
    op.execute(_ACTING_USER)
    _protect_again(tenant=_VISIBLE, platform=True)
    # The tenant row: seen by its members, and by its owner from the moment it is made.
    _tenant_row_policy(
        "id = ANY ((SELECT gateway_security.visible_tenants())::uuid[]) "
        "OR owner_id = (SELECT gateway_security.acting_user())"
    )
    op.execute(f"""
        CREATE POLICY platform_access ON tenants.tenants TO {PLATFORM_ROLE}
        USING (true) WITH CHECK (true)
    """)


def downgrade() -> None:
    # visible_tenants() and acting_user() stay as they are: they answer as 0017's did.
    _protect_again(tenant=_VISIBLE_0017, platform=False)
    op.execute("DROP POLICY platform_access ON tenants.tenants")
    _tenant_row_policy(
        "(SELECT gateway_security.unrestricted()) "
        "OR id = ANY ((SELECT gateway_security.visible_tenants())::uuid[]) "
        "OR owner_id = (SELECT gateway_security.acting_user())"
    )
    op.execute(f"ALTER DEFAULT PRIVILEGES REVOKE USAGE ON SCHEMAS FROM {PLATFORM_ROLE}")
    op.execute(f"ALTER DEFAULT PRIVILEGES REVOKE ALL ON TABLES FROM {PLATFORM_ROLE}")
    op.execute(f"ALTER DEFAULT PRIVILEGES REVOKE ALL ON SEQUENCES FROM {PLATFORM_ROLE}")
    op.execute(f"""
        DO $$
        DECLARE
            schema_name name;
        BEGIN
            FOR schema_name IN {_OWN_SCHEMAS} LOOP
                EXECUTE format(
                    'REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM {PLATFORM_ROLE}', schema_name
                );
                EXECUTE format(
                    'REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM {PLATFORM_ROLE}', schema_name
                );
                EXECUTE format('REVOKE ALL ON SCHEMA %I FROM {PLATFORM_ROLE}', schema_name);
            END LOOP;
        END $$
    """)
    # The role stays: it belongs to the server, and other databases of it may still use it.
