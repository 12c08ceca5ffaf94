"""Forecasting: daily sales forecasts per product; see domains/forecasting/models.py."""
