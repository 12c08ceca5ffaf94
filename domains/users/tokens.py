"""JSON Web Tokens for users and services (PyJWT, HS256)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

import jwt

ALGORITHM = "HS256"
REQUIRED_CLAIMS = ["iss", "aud", "sub", "exp", "iat", "jti", "type"]

TokenType = Literal["user", "service"]


class InvalidToken(Exception):
    """A token that cannot be accepted; the message is safe to show."""


@dataclass(frozen=True, slots=True)
class Claims:
    """The verified claims of a token."""

    subject: str
    type: TokenType
    token_id: str
    expires_at: datetime


class TokenCodec:
    """Issues and verifies tokens; only HS256 with this secret, issuer and audience is accepted."""

    def __init__(
        self,
        *,
        secret: str,
        issuer: str,
        audience: str,
        user_ttl: timedelta,
        service_ttl: timedelta,
    ) -> None:
        if len(secret) < 32:
            raise ValueError("the JWT secret must be at least 32 characters")
        self._secret = secret
        self._issuer = issuer
        self._audience = audience
        self._user_ttl = user_ttl
        self._service_ttl = service_ttl

    def issue_user_token(self, user_id: uuid.UUID) -> str:
        """An access token for a signed-in user."""
        return self._issue(str(user_id), "user", self._user_ttl)

    def issue_service_token(self, name: str, ttl: timedelta | None = None) -> str:
        """A token for an internal service."""
        if not name or not name.replace("-", "").replace("_", "").isalnum():
            raise ValueError("a service name is letters, digits, '-' and '_'")
        return self._issue(name, "service", ttl or self._service_ttl)

    def decode(self, token: str) -> Claims:
        """The claims of a valid token, or InvalidToken saying why not."""
        try:
            payload = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                options={"require": REQUIRED_CLAIMS},
            )
        except jwt.ExpiredSignatureError:
            raise InvalidToken("The access token has expired.") from None
        except jwt.PyJWTError:
            raise InvalidToken("The access token is not valid.") from None
        token_type = payload["type"]
        if token_type not in ("user", "service"):
            raise InvalidToken("The access token is not valid.")
        return Claims(
            subject=str(payload["sub"]),
            type=token_type,
            token_id=str(payload["jti"]),
            expires_at=datetime.fromtimestamp(payload["exp"], UTC),
        )

    def _issue(self, subject: str, token_type: TokenType, ttl: timedelta) -> str:
        now = datetime.now(UTC)
        claims = {
            "iss": self._issuer,
            "aud": self._audience,
            "sub": subject,
            "type": token_type,
            "iat": now,
            "exp": now + ttl,
            "jti": uuid.uuid4().hex,
        }
        return jwt.encode(claims, self._secret, algorithm=ALGORITHM)
