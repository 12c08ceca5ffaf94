"""Tenant lifecycle: deletion previews, coordinated deletion jobs, restores and certificates."""
