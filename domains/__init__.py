"""Domain packages, one per Postgres schema, and the shared kernel they build on."""
