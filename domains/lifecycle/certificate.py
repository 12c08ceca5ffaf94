"""Deletion certificates: what was deleted and proof nothing remains, signed with HMAC-SHA256."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any

import orjson

SIGNATURE_ALGORITHM = "HMAC-SHA256"
_CONTEXT = b"bakery-gateway deletion certificate v1"


class CertificateSigner:
    """Signs and checks certificates with a key derived from the server's secret.

    The key is derived (HMAC of a fixed context) so a certificate signature can never be
    mistaken for, or used as, a token signature made with the same secret.
    """

    def __init__(self, secret: str) -> None:
        if len(secret) < 32:
            raise ValueError("the signing secret must be at least 32 characters")
        self._key = hmac.new(secret.encode(), _CONTEXT, hashlib.sha256).digest()

    def sign(self, document: Mapping[str, Any]) -> dict[str, Any]:
        """The document with its signature (over its canonical JSON) added."""
        return {
            "document": dict(document),
            "algorithm": SIGNATURE_ALGORITHM,
            "signature": self._signature(document),
        }

    def verify(self, certificate: Mapping[str, Any]) -> bool:
        """Whether a signed certificate is intact and was signed with this server's secret."""
        document = certificate.get("document")
        signature = certificate.get("signature")
        if not isinstance(document, dict) or not isinstance(signature, str):
            return False
        if certificate.get("algorithm") != SIGNATURE_ALGORITHM:
            return False
        return hmac.compare_digest(self._signature(document), signature)

    def _signature(self, document: Mapping[str, Any]) -> str:
        canonical = orjson.dumps(dict(document), option=orjson.OPT_SORT_KEYS)
        return hmac.new(self._key, canonical, hashlib.sha256).hexdigest()
