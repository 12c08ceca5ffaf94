"""Name search in statements compiled once: the pattern is a parameter, escaped in Python.

`column.icontains(text, autoescape=True)` escapes a literal while the statement is built; a
statement compiled once takes the text as a parameter, so the same escaping (`/` before `%`,
`_` and `/`) is done on the value instead. The SQL is the same either way.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, bindparam

ESCAPE = "/"


def contains(column: Any, parameter: str) -> ColumnElement[bool]:
    """`column` contains the text of `parameter`, in any case (give it `escaped(text)`)."""
    condition: ColumnElement[bool] = column.icontains(bindparam(parameter), escape=ESCAPE)
    return condition


def escaped(text: str | None) -> str | None:
    """`text` with LIKE's wildcards taken literally; None (no search) stays None, "" too."""
    if not text:
        return None
    return text.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")
