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
    AddValidationRules,
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
    """Factories of the extensions that enforce `limits` (a fresh instance per request).

    The depth and alias limiters make a new validation rule class each time they are built, and
    Strawberry's validation cache is keyed by the rule classes: built per request, they would
    make every request miss the cache. Their rules are made once, here, and each request gets
    a fresh extension carrying those same classes.
    """
    rules = [
        *QueryDepthLimiter(max_depth=limits.max_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=limits.max_aliases).validation_rules,
    ]
    return [
        partial(MaxTokensLimiter, max_token_count=limits.max_tokens),
        partial(AddValidationRules, rules),
    ]


def is_limit_error(error: GraphQLError) -> bool:
    """Whether a request error comes from one of the limits."""
    if isinstance(error, GraphQLSyntaxError) or error.original_error is None:
        return bool(_LIMIT_MESSAGES.search(error.message))
    return False
