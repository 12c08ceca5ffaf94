"""What the users domain hands out: plain records, never table rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class UserRecord:
    """An account, without its password hash."""

    id: uuid.UUID
    email: str
    full_name: str
    created_at: datetime
