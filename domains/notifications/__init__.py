"""Notifications: in-app, email and SMS messages to a bakery's members, and their preferences."""
