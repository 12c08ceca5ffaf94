"""Sales: see domains/sales/models.py."""
