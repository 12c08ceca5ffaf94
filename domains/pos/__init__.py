"""Pos: see domains/pos/models.py."""
