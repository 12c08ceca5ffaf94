"""The root GraphQL schema, composed from the domain registry, and its extensions."""
