"""All SQL of the inventory domain: the catalog (ingredients, products) and stock."""
