"""Login throttling: failed `login` attempts per account and per address, in a sliding window.

Over `max_per_account` failures for one email, or `max_per_address` from one client address,
within `window_seconds`, a `login` is refused before any password is checked, with
TOO_MANY_LOGIN_ATTEMPTS and `extensions.retryAfter` (seconds; the view adds `Retry-After`).
A success forgives the account's failures (not the address's: one good account must not unlock
guessing others).

An attempt counts as failed the moment it starts and is forgiven once its payload shows an
`accessToken` or a `user`: concurrent guesses cannot slip through between check and count.

The counters live in the process (`LoginAttempts`, one per gateway process): a replica or
worker counts its own attempts, so the real bound is the limit times the processes a client
reaches. That keeps logins free of a database write per attempt; argon2 already makes each
guess slow (see docs/decisions.md).
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    StringValueNode,
    VariableNode,
)
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

from domains.kernel.context import RequestContext
from domains.kernel.errors import GatewayError

_KEPT_KEYS = 100_000  # bound the memory an attacker spraying emails or addresses can take


class TooManyLoginAttempts(GatewayError):
    """Too many failed logins for this account or from this address; retry later."""

    code = "TOO_MANY_LOGIN_ATTEMPTS"


@dataclass(frozen=True, slots=True)
class LoginThrottlePolicy:
    """How many failed logins are allowed per account and per address, within a window."""

    max_per_account: int = 5
    max_per_address: int = 20
    window_seconds: float = 900


class LoginAttempts:
    """Failed login times per key (`account:<email>`, `address:<ip>`), oldest first."""

    def __init__(
        self, policy: LoginThrottlePolicy, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.policy = policy
        self.clock = clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    def retry_after(self, account: str, address: str) -> int | None:
        """Seconds until a login for `account` from `address` is allowed again; None: now."""
        now = self.clock()
        waits = [
            self._wait(key, limit, now)
            for key, limit in (
                (f"account:{account}", self.policy.max_per_account),
                (f"address:{address}", self.policy.max_per_address),
            )
        ]
        longest = max(wait for wait in waits)
        return math.ceil(longest) if longest > 0 else None

    def fail(self, account: str, address: str) -> float:
        """Count a failed attempt now; returns its time (to forgive it)."""
        now = self.clock()
        for key in (f"account:{account}", f"address:{address}"):
            times = self._failures.pop(key, None) or deque()
            times.append(now)
            self._failures[key] = times  # most recently used last
        while len(self._failures) > _KEPT_KEYS:
            self._failures.popitem(last=False)
        return now

    def forgive(self, account: str, address: str, at: float) -> None:
        """A success: the account starts afresh; the address loses only this attempt."""
        self._failures.pop(f"account:{account}", None)
        times = self._failures.get(f"address:{address}")
        if times is not None and at in times:
            times.remove(at)

    def _wait(self, key: str, limit: int, now: float) -> float:
        times = self._failures.get(key)
        if not times:
            return 0
        horizon = now - self.policy.window_seconds
        while times and times[0] <= horizon:
            times.popleft()
        if len(times) < limit:
            return 0
        return times[-limit] - horizon


class LoginThrottle(SchemaExtension):
    """Refuses `login` over the limits; counts failures and forgives successes."""

    def __init__(self) -> None:
        self.attempts: list[tuple[str, str, float]] = []  # (alias, account, started)

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        request: RequestContext = context.context
        try:
            throttle = request.dependency(LoginAttempts)
        except LookupError:  # a schema used without the gateway's view: nothing to count with
            throttle = None
        if throttle is None or context.result is not None:  # refused already: nothing runs
            yield
            return
        logins = list(_logins(context.graphql_document, context.operation_name, context.variables))
        address = request.client_address or "unknown"
        for alias, account in logins:
            wait = throttle.retry_after(account, address)
            if wait is not None:
                refusal = TooManyLoginAttempts(
                    f"Too many failed logins; try again in {wait} seconds.", retryAfter=wait
                )
                context.result = ExecutionResult(
                    data=None, errors=[GraphQLError(refusal.message, original_error=refusal)]
                )
                self.attempts = []
                break
            self.attempts.append((alias, account, throttle.fail(account, address)))
        yield
        result = context.result
        data = result.data if result is not None else None
        for alias, account, started in self.attempts:
            payload = data.get(alias) if isinstance(data, dict) else None
            if isinstance(payload, dict) and (payload.get("accessToken") or payload.get("user")):
                throttle.forgive(account, address, started)


def _logins(
    document: Any, operation_name: str | None, variables: dict[str, Any] | None
) -> Iterator[tuple[str, str]]:
    """(response key, normalized email) of each `login` field of the mutation to run."""
    if document is None:
        return
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    if operation_name is not None:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    if len(operations) != 1 or operations[0].operation is not OperationType.MUTATION:
        return
    for field in _root_fields(operations[0].selection_set, fragments):
        if field.name.value != "login":
            continue
        email = ""
        for argument in field.arguments or ():
            if argument.name.value != "email":
                continue
            if isinstance(argument.value, StringValueNode):
                email = argument.value.value
            elif isinstance(argument.value, VariableNode):
                given = (variables or {}).get(argument.value.name.value)
                email = given if isinstance(given, str) else ""
        key = field.alias.value if field.alias else field.name.value
        yield key, email.strip().casefold()


def _root_fields(
    selection_set: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode]
) -> Iterator[FieldNode]:
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            yield selection
        elif isinstance(selection, InlineFragmentNode):
            yield from _root_fields(selection.selection_set, fragments)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value in fragments:
            yield from _root_fields(fragments[selection.name.value].selection_set, fragments)
