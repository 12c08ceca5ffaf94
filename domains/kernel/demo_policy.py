"""What demo visitors may change: mutations marked `DemoAllowed` where they are defined.

Every other mutation gets `NotForDemoVisitors` when the schema is built, so a new mutation is
refused to demo visitors until someone decides otherwise.
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.extensions.field_extension import FieldExtension
from strawberry.permission import BasePermission

from domains.kernel.context import RequestContext
from domains.kernel.errors import DemoRestricted
from domains.kernel.principal import DemoVisitor

DEMO_RESTRICTED_MESSAGE = "Esta operación no está permitida en cuentas demo."


class DemoAllowed(FieldExtension):
    """Marks a mutation demo visitors may run (on their own demo bakery); does nothing else."""

    def resolve(self, next_: Any, source: Any, info: strawberry.Info, **kwargs: Any) -> Any:
        return next_(source, info, **kwargs)

    async def resolve_async(
        self, next_: Any, source: Any, info: strawberry.Info, **kwargs: Any
    ) -> Any:
        return await next_(source, info, **kwargs)


class NotForDemoVisitors(BasePermission):
    """Anyone but a demo visitor (DEMO_RESTRICTED)."""

    message = DEMO_RESTRICTED_MESSAGE

    def has_permission(
        self, source: Any, info: strawberry.Info[RequestContext, None], **kwargs: Any
    ) -> bool:
        if isinstance(info.context.principal, DemoVisitor):
            raise DemoRestricted(DEMO_RESTRICTED_MESSAGE)
        return True


def demo_allowed() -> list[FieldExtension]:
    """Field extensions marking a mutation as allowed to demo visitors."""
    return [DemoAllowed()]
