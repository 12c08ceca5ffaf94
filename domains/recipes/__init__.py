"""Recipes: how each product is made, from which ingredients, in which quantities."""
