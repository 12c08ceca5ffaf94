"""Suppliers: who the bakery buys from, purchase orders, deliveries."""
