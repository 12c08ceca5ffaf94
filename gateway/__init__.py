"""The ASGI gateway: app factory, HTTP routes, request context, auth, settings, logging, CLI."""
