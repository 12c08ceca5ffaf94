"""Users: accounts (global, not tenant-scoped), passwords and tokens."""
