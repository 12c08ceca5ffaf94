"""All SQL of the point-of-sale domain: tills (configuration, devices, sessions), transactions."""
