"""SQL of the external domain: the data cache, and the calls made to providers."""
