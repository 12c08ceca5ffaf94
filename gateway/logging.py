"""structlog for the gateway's own events and for every stdlib logger (uvicorn, SQLAlchemy)."""

from __future__ import annotations

import logging
from typing import Any

import structlog

from gateway.settings import LogFormat


def configure_logging(level: str = "INFO", log_format: LogFormat = LogFormat.JSON) -> None:
    """One line per event, JSON or console, with the request's context vars merged in."""
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    renderer: Any
    if log_format is LogFormat.JSON:
        renderer = structlog.processors.JSONRenderer()
        # The frames of a traceback, without their local variables: those may hold a password,
        # a token or someone's personal data, which have no place in the logs.
        shared.append(
            structlog.processors.ExceptionRenderer(
                structlog.tracebacks.ExceptionDictTransformer(show_locals=False)
            )
        )
    else:
        renderer = structlog.dev.ConsoleRenderer()
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler()
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared,
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    logging.getLogger("uvicorn.access").disabled = True  # the gateway writes its own access log
    logging.getLogger("pgserver").setLevel(logging.WARNING)  # it narrates every command at INFO
