"""Tenants: bakeries, their members and roles, and their subscription."""
