"""Roles of tenant members: what each may do, from most to least powerful."""

from __future__ import annotations

import enum


class MemberRole(enum.Enum):
    """A member's role, from most to least powerful."""

    OWNER = "OWNER"
    ADMIN = "ADMIN"
    MEMBER = "MEMBER"
    VIEWER = "VIEWER"

    @property
    def rank(self) -> int:
        """Higher is more powerful."""
        return _RANKS[self]

    def at_least(self, other: MemberRole) -> bool:
        """Whether this role includes everything `other` may do."""
        return self.rank >= other.rank


_RANKS = {MemberRole.VIEWER: 0, MemberRole.MEMBER: 1, MemberRole.ADMIN: 2, MemberRole.OWNER: 3}
