"""External data: see domains/external/models.py."""
