"""Database layer: engine and pools, embedded PostgreSQL, declarative conventions, migrations."""
