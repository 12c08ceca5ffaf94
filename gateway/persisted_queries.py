"""Automatic persisted queries (Apollo's protocol) and the optional allow-list of operations.

A client sends `extensions.persistedQuery = {"version": 1, "sha256Hash": "<hex>"}` without the
query; the gateway answers PERSISTED_QUERY_NOT_FOUND when it does not know the hash, and the
client sends the query once with its hash, which the gateway checks and keeps (an LRU per
process, so each replica learns each query once). Saves the bytes of large documents and lets
GET requests of queries be cached by a CDN.

With an allow-list (an Apollo persisted query manifest: `{"format":
"apollo-persisted-query-manifest", "version": 1, "operations": [{"id", "body", ...}]}`), only
its operations run, sent by hash or in full: anything else is PERSISTED_QUERY_NOT_IN_LIST, and
nothing is learned at run time. Operations are keyed by the sha256 of their body.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from pathlib import Path
from typing import Any

from cross_web import HTTPException

VERSION = 1


class PersistedQueryError(HTTPException):
    """A persisted query that cannot be served; `code` goes to `extensions.code`."""

    def __init__(self, status_code: int, reason: str, code: str) -> None:
        super().__init__(status_code, reason)
        self.code = code


def sha256_hex(query: str) -> str:
    """The hash Apollo clients send for a document: sha256 of its UTF-8 text, in hex."""
    return hashlib.sha256(query.encode()).hexdigest()


def load_allow_list(path: Path) -> dict[str, str]:
    """Operations by the sha256 of their body, from an Apollo persisted query manifest."""
    manifest = json.loads(path.read_text())
    if not isinstance(manifest, dict) or manifest.get("format") != (
        "apollo-persisted-query-manifest"
    ):
        raise ValueError(f"{path} is not an Apollo persisted query manifest")
    return {
        sha256_hex(operation["body"]): operation["body"] for operation in manifest["operations"]
    }


class PersistedQueries:
    """Resolves the query of a request from its `persistedQuery` extension."""

    def __init__(self, *, cache_size: int, allow_list: dict[str, str] | None = None) -> None:
        self.cache_size = cache_size
        self.allow_list = allow_list
        self._known: OrderedDict[str, str] = OrderedDict()

    def resolve(self, query: str | None, extensions: dict[str, Any] | None) -> str | None:
        """The query to run; raises PersistedQueryError when it cannot be served."""
        persisted = (extensions or {}).get("persistedQuery")
        if persisted is None:
            if self.allow_list is not None and query is not None:
                return self._listed(sha256_hex(query))
            return query
        digest = self._digest(persisted)
        if query is None:
            found = self._find(digest)
            if found is None:
                raise PersistedQueryError(
                    200, "PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND"
                )
            return found
        if not isinstance(query, str) or sha256_hex(query) != digest:
            raise PersistedQueryError(
                400, "provided sha does not match query", "PERSISTED_QUERY_HASH_MISMATCH"
            )
        if self.allow_list is not None:
            return self._listed(digest)
        self._remember(digest, query)
        return query

    def _digest(self, persisted: object) -> str:
        if not isinstance(persisted, dict) or persisted.get("version") != VERSION:
            raise PersistedQueryError(
                400,
                f"Send `persistedQuery` as {{version: {VERSION}, sha256Hash: <hex>}}.",
                "PERSISTED_QUERY_NOT_SUPPORTED",
            )
        digest = persisted.get("sha256Hash")
        if not isinstance(digest, str) or len(digest) != 64:
            raise PersistedQueryError(
                400, "`sha256Hash` must be 64 hexadecimal digits.", "BAD_REQUEST"
            )
        return digest.lower()

    def _find(self, digest: str) -> str | None:
        if self.allow_list is not None:
            return self.allow_list.get(digest)
        found = self._known.get(digest)
        if found is not None:
            self._known.move_to_end(digest)
        return found

    def _listed(self, digest: str) -> str:
        assert self.allow_list is not None
        found = self.allow_list.get(digest)
        if found is None:
            raise PersistedQueryError(
                400,
                "This server only runs the operations of its allow-list.",
                "PERSISTED_QUERY_NOT_IN_LIST",
            )
        return found

    def _remember(self, digest: str, query: str) -> None:
        if self.cache_size == 0:
            return
        self._known[digest] = query
        self._known.move_to_end(digest)
        while len(self._known) > self.cache_size:
            self._known.popitem(last=False)
