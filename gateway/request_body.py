"""The body of a /graphql request, read whole before its operation takes a turn, and bounded.

A GraphQL document of a few thousand tokens (`GATEWAY_MAX_TOKENS`) fits in a few kilobytes, so a
body past `GATEWAY_MAX_REQUEST_BYTES` is refused with 413 PAYLOAD_TOO_LARGE: on its declared
`Content-Length` before anything is read, or as soon as the bytes sent pass the limit, so no one
makes the process hold a body of any size. Reading it before admission (`gateway.admission`)
also keeps a slow upload from holding one of the process's turns.
"""

from __future__ import annotations

from cross_web import HTTPException
from starlette.types import Message, Receive, Scope


class PayloadTooLarge(HTTPException):
    """413: the request body is over the limit."""

    code = "PAYLOAD_TOO_LARGE"

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is over the limit of {limit:,} bytes.")


class ClientGone(Exception):
    """The client disconnected before it had sent its whole body: there is no one to answer."""


async def read_whole(scope: Scope, receive: Receive, *, limit: int) -> Receive:
    """A `receive` that hands the body on in one message, then defers to the original one.

    PayloadTooLarge when the body is declared or sent over `limit` bytes.
    """
    declared = _content_length(scope)
    if declared is not None and declared > limit:
        raise PayloadTooLarge(limit)
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientGone
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(limit)
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    whole: Message | None = {"type": "http.request", "body": b"".join(chunks), "more_body": False}

    async def replay() -> Message:
        nonlocal whole
        if whole is not None:
            message, whole = whole, None
            return message
        return await receive()

    return replay


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # the server refuses a malformed length before we see it
    return None
