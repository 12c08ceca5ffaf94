"""Every setting is documented in the README, in .env.example and in docs/operations.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.settings import Settings

ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize("document", ["README.md", ".env.example", "docs/operations.md"])
def test_every_setting_is_documented(document: str) -> None:
    text = (ROOT / document).read_text()
    names = [
        "DATABASE_URL" if name == "database_url" else f"GATEWAY_{name.upper()}"
        for name in Settings.model_fields
    ]
    assert [name for name in names if name not in text] == []
