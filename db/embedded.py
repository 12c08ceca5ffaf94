"""An embedded PostgreSQL server (the `pgserver` wheel ships the binaries) for the default run."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import structlog

log = structlog.get_logger()


def start_embedded_postgres(data_dir: Path) -> str:
    """Start (or join) the PostgreSQL server kept in `data_dir`; returns its admin URL.

    The server listens on a Unix socket only. It stops when the last process using it exits.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    pgdata = (data_dir / "postgres").resolve()
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset and falls back to /tmp, which is fine.
        warnings.simplefilter("ignore")
        from pgserver.postgres_server import get_server

        server: Any = get_server(pgdata, cleanup_mode="stop")
    url: str = server.get_uri("postgres")
    log.info("db.embedded.started", pgdata=str(pgdata))
    return url
