"""The gateway's JSON logs: tracebacks name their frames, never the values of local variables."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

PASSWORD = "correct horse battery staple"  # the value that must not leak

# In a process of its own: the production set-up replaces the root logger's handlers.
PROGRAM = textwrap.dedent(f"""
    import structlog
    from gateway.logging import configure_logging
    from gateway.settings import LogFormat

    def sign_up(password):
        raise ValueError("the database went away")

    configure_logging("INFO", LogFormat.JSON)
    password = {PASSWORD!r}
    try:
        sign_up(password)
    except ValueError:
        structlog.get_logger("tests").exception("users.sign_up_failed")
""")


def test_a_logged_exception_shows_its_frames_but_not_their_locals() -> None:
    ran = subprocess.run(  # noqa: S603 - this interpreter, our own program
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, timeout=60, check=True
    )

    [line] = [line for line in ran.stderr.splitlines() if "sign_up_failed" in line]
    [exception] = json.loads(line)["exception"]
    assert exception["exc_value"] == "the database went away"
    assert exception["frames"][-1]["name"] == "sign_up"
    assert PASSWORD not in line
