"""Orders: see domains/orders/models.py."""
