"""Audit: the append-only log of who deleted, restored or handed over what, and the outbox."""
