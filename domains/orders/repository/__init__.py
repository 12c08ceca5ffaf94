"""SQL of the orders domain, one module per aggregate."""
