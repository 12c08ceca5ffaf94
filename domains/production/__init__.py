"""Production: batches made from recipes, daily schedules, quality checks."""
