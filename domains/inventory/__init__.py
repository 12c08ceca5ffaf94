"""Inventory: ingredients, products, stock lots and movements, stock alerts."""
