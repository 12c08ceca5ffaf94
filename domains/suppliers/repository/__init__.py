"""All SQL of the suppliers domain: suppliers, purchase orders with their items and deliveries."""
