"""Training: fitting forecast models on sales history; see domains/training/models.py."""
