"""The trash: every soft-deleted row of a tenant, bulk soft delete and restore, retention purge."""
