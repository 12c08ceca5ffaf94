"""Alerts: rules over stock and production, the alerts they raise, their history."""
