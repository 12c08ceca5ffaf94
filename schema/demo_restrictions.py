"""Demo visitors may run only the mutations marked `DemoAllowed` where they are defined.

Applied once to the composed `Mutation`, before the schema is built: every other mutation gets
`NotForDemoVisitors` as its first check, so a demo visitor hears DEMO_RESTRICTED (not FORBIDDEN
or a validation error) and a mutation added later is refused to visitors by default.
"""

from __future__ import annotations

from strawberry.permission import PermissionExtension
from strawberry.types.base import get_object_definition

from domains.kernel.demo_policy import DemoAllowed, NotForDemoVisitors


def restrict_demo_visitors(mutation: type) -> list[str]:
    """Refuse demo visitors every mutation not marked `DemoAllowed`; the names allowed to them."""
    allowed: list[str] = []
    for field in get_object_definition(mutation, strict=True).fields:
        if any(isinstance(extension, DemoAllowed) for extension in field.extensions):
            allowed.append(field.python_name)
            continue
        check = PermissionExtension(permissions=[NotForDemoVisitors()], use_directives=False)
        # Strawberry runs a field's extensions last to first: the last one checks first.
        field.extensions.append(check)
    return allowed
