"""Limits on what one document may ask for: depth, aliases, tokens.

The checks are Strawberry's; this module configures them and recognises their errors so that the
error extension can give them the code QUERY_TOO_COMPLEX.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

_LIMIT_MESSAGES = re.compile(
    r"exceeds maximum operation depth of \d+"  # QueryDepthLimiter
    r"|^\d+ aliases found\. Allowed: \d+"  # MaxAliasesLimiter
    r"|Document contains more than \d+ tokens"  # graphql-core's parser, fed by MaxTokensLimiter
)


@dataclass(frozen=True, slots=True)
class QueryLimits:
    """How large a document may be."""

    max_depth: int = 10
    max_aliases: int = 15
    max_tokens: int = 2000


def limit_extensions(limits: QueryLimits) -> list[Callable[[], SchemaExtension]]:
    """Factories of the extensions that enforce `limits` (a fresh instance per request)."""
    return [
        partial(MaxTokensLimiter, max_token_count=limits.max_tokens),
        partial(QueryDepthLimiter, max_depth=limits.max_depth),
        partial(MaxAliasesLimiter, max_alias_count=limits.max_aliases),
    ]


def is_limit_error(error: GraphQLError) -> bool:
    """Whether a request error comes from one of the limits."""
    if isinstance(error, GraphQLSyntaxError) or error.original_error is None:
        return bool(_LIMIT_MESSAGES.search(error.message))
    return False
