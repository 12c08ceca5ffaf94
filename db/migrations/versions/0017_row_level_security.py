"""Row-level security on every tenant-scoped table, for a gateway role that does not bypass it

The gateway acts as the role `bakery_gateway` (NOLOGIN, NOBYPASSRLS): the migrating user is
made a member so the gateway's `SET ROLE` works, and the role gets plain DML on every table.
Each tenant-scoped table gets the policy `tenant_isolation`: a row is seen and accepted only
when its tenant is in the connection's scope (`bakery.scope`, see db/row_security.py). A table
added later calls `SELECT gateway_security.protect('schema.table')` in its own migration; a
test reads the catalog and fails for a tenant table without the policy.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 05:40:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | Sequence[str] | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLE = "bakery_gateway"
GLOBAL_TABLES_WITH_TENANT_ID = (
    "lifecycle.deletion_jobs",
    "audit.audit_events",
    "audit.outbox_events",
)
"""Platform records that outlive their tenant: their fields check access, not a policy."""

_OWN_SCHEMAS = """
    SELECT nspname FROM pg_namespace
    WHERE (pg_get_userbyid(nspowner) = current_user OR nspname = 'public')
      AND nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'
"""


def upgrade() -> None:
    op.execute(f"""
        DO $$
        BEGIN
            CREATE ROLE {ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
        EXCEPTION
            -- roles belong to the server: another database may have made it, even just now
            WHEN duplicate_object OR unique_violation THEN NULL;
        END $$
    """)
    op.execute(f"""
        DO $$
        BEGIN
            IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
               AND NOT pg_has_role(current_user, '{ROLE}', 'MEMBER') THEN
                EXECUTE format('GRANT {ROLE} TO %I', current_user);
            END IF;
        END $$
    """)  # noqa: S608 (constants only)
    op.execute("CREATE SCHEMA gateway_security")
    op.execute("""
        CREATE FUNCTION gateway_security.scope() RETURNS text
        LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT coalesce(current_setting('bakery.scope', true), '') $$
    """)
    op.execute("""
        CREATE FUNCTION gateway_security.unrestricted() RETURNS boolean
        LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT gateway_security.scope() = '*' $$
    """)
    op.execute("""
        CREATE FUNCTION gateway_security.acting_user() RETURNS uuid
        LANGUAGE sql STABLE PARALLEL SAFE
        AS $$
            SELECT CASE WHEN s LIKE 'user:%' THEN substr(s, 6)::uuid END
            FROM gateway_security.scope() AS s
        $$
    """)
    # A user sees the tenants they are a member or the owner of. SECURITY DEFINER: it reads
    # the memberships and tenants as their owner, past their own policies.
    op.execute("""
        CREATE FUNCTION gateway_security.visible_tenants() RETURNS uuid[]
        LANGUAGE sql STABLE PARALLEL SAFE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        AS $$
            SELECT CASE
                WHEN s LIKE 'tenant:%' THEN ARRAY[substr(s, 8)::uuid]
                WHEN s LIKE 'user:%' THEN ARRAY(
                    SELECT m.tenant_id FROM tenants.tenant_members AS m
                    WHERE m.user_id = substr(s, 6)::uuid
                    UNION
                    SELECT t.id FROM tenants.tenants AS t  -- a new tenant, before its members
                    WHERE t.owner_id = substr(s, 6)::uuid
                )
                ELSE '{}'::uuid[]
            END
            FROM gateway_security.scope() AS s
        $$
    """)
    # Each function is wrapped in a scalar subquery: evaluated once per statement, not per row.
    op.execute("""
        CREATE FUNCTION gateway_security.protect(target regclass, tenant_column name = 'tenant_id')
        RETURNS void LANGUAGE plpgsql
        AS $$
        DECLARE
            visible text := format(
                '(SELECT gateway_security.unrestricted()) '
                'OR %I = ANY ((SELECT gateway_security.visible_tenants())::uuid[])',
                tenant_column
            );
        BEGIN
            EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
            EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', target);
            EXECUTE format(
                'CREATE POLICY tenant_isolation ON %s USING (%s) WITH CHECK (%s)',
                target, visible, visible
            );
        END $$
    """)
    op.execute(f"""
        DO $$
        DECLARE
            schema_name name;
        BEGIN
            FOR schema_name IN {_OWN_SCHEMAS} LOOP
                EXECUTE format('GRANT USAGE ON SCHEMA %I TO {ROLE}', schema_name);
                EXECUTE format(
                    'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO {ROLE}',
                    schema_name
                );
                EXECUTE format(
                    'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO {ROLE}',
                    schema_name
                );
            END LOOP;
        END $$
    """)
    op.execute(f"ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO {ROLE}")
    op.execute(f"ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {ROLE}")
    op.execute(f"ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {ROLE}")
    excluded = ", ".join(f"'{name}'::regclass" for name in GLOBAL_TABLES_WITH_TENANT_ID)
    op.execute(f"""
        DO $$
        DECLARE
            target regclass;
        BEGIN
            FOR target IN
                SELECT c.oid::regclass FROM pg_class AS c
                JOIN pg_namespace AS n ON n.oid = c.relnamespace
                JOIN pg_attribute AS a
                  ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
                WHERE c.relkind IN ('r', 'p')
                  AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
                  AND c.oid NOT IN ({excluded})
            LOOP
                PERFORM gateway_security.protect(target);
            END LOOP;
        END $$
    """)  # noqa: S608 (constants only)
    # The tenant row itself: seen by its members, and by its owner from the moment it is made.
    op.execute("ALTER TABLE tenants.tenants ENABLE ROW LEVEL SECURITY")
    op.execute("""
        CREATE POLICY tenant_isolation ON tenants.tenants
        USING (
            (SELECT gateway_security.unrestricted())
            OR id = ANY ((SELECT gateway_security.visible_tenants())::uuid[])
            OR owner_id = (SELECT gateway_security.acting_user())
        )
        WITH CHECK (
            (SELECT gateway_security.unrestricted())
            OR id = ANY ((SELECT gateway_security.visible_tenants())::uuid[])
            OR owner_id = (SELECT gateway_security.acting_user())
        )
    """)


def downgrade() -> None:
    op.execute("""
        DO $$
        DECLARE
            target regclass;
        BEGIN
            FOR target IN
                SELECT p.polrelid::regclass FROM pg_policy AS p
                WHERE p.polname = 'tenant_isolation'
            LOOP
                EXECUTE format('DROP POLICY tenant_isolation ON %s', target);
                EXECUTE format('ALTER TABLE %s DISABLE ROW LEVEL SECURITY', target);
            END LOOP;
        END $$
    """)
    op.execute("DROP SCHEMA gateway_security CASCADE")
    op.execute(f"ALTER DEFAULT PRIVILEGES REVOKE USAGE ON SCHEMAS FROM {ROLE}")
    op.execute(f"ALTER DEFAULT PRIVILEGES REVOKE ALL ON TABLES FROM {ROLE}")
    op.execute(f"ALTER DEFAULT PRIVILEGES REVOKE ALL ON SEQUENCES FROM {ROLE}")
    op.execute(f"""
        DO $$
        DECLARE
            schema_name name;
        BEGIN
            FOR schema_name IN {_OWN_SCHEMAS} LOOP
                EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM {ROLE}', schema_name);
                EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM {ROLE}', schema_name);
                EXECUTE format('REVOKE ALL ON SCHEMA %I FROM {ROLE}', schema_name);
            END LOOP;
        END $$
    """)
    # The role stays: it belongs to the server, and other databases of it may still use it.
