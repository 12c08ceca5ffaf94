"""Builds the root schema from the domain registry."""

from __future__ import annotations

import decimal
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from typing import Any

import strawberry
import structlog
from graphql import GraphQLError
from opentelemetry.trace import TracerProvider
from strawberry.extensions import ParserCache, SchemaExtension, ValidationCache
from strawberry.extensions.tracing import OpenTelemetryExtension
from strawberry.types import ExecutionContext, ExecutionResult
from strawberry.types.graphql import OperationType

from domains.kernel.scalars import DateTime, Decimal
from domains.registry import DOMAINS
from domains.tenants.types import Tenant
from schema import plain_resolvers
from schema.composition import extend_type, merge_root
from schema.demo_restrictions import restrict_demo_visitors
from schema.error_codes import database_unavailable, is_unexpected, present
from schema.execution import GatewayExecutionContext
from schema.extensions.cost import QueryCost
from schema.extensions.limits import QueryLimits, limit_extensions
from schema.extensions.login_throttle import LoginThrottle
from schema.extensions.operation_log import OperationLog
from schema.extensions.text_input import TextInput
from schema.extensions.unit_of_work import UnitOfWorkExtension

log = structlog.get_logger()

Query = merge_root("Query", (domain.query for domain in DOMAINS))
Mutation = merge_root("Mutation", (domain.mutation for domain in DOMAINS))
DEMO_ALLOWED_MUTATIONS = restrict_demo_visitors(Mutation)
extend_type(Tenant, (d.tenant_fields for d in DOMAINS if d.tenant_fields is not None))


class GatewaySchema(strawberry.Schema):
    """The schema: every error leaves with a code; unexpected ones are logged, then masked."""

    async def execute(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        result = await super().execute(
            query,
            variable_values,
            context_value,
            root_value,
            operation_name,
            allowed_operation_types,
            operation_extensions,
        )
        if result.errors:
            request_id = getattr(context_value, "request_id", None)
            result.errors = [present(error, request_id=request_id) for error in result.errors]
            log_fields = getattr(context_value, "log_fields", None)
            if log_fields is not None:  # for the metrics of errors by code
                log_fields["error_codes"] = [
                    (error.extensions or {}).get("code", "") for error in result.errors
                ]
        return result

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            if is_unexpected(error):
                log.error(
                    "graphql.unexpected_error",
                    path=error.path,
                    exc_info=error.original_error or error,
                )
            elif database_unavailable(error.original_error):
                log.warning(
                    "graphql.database_unavailable",
                    path=error.path,
                    error=f"{type(error.original_error).__name__}: {error.original_error}",
                )


def build_schema(
    limits: QueryLimits | None = None,
    *,
    parser_cache_size: int = 512,
    validation_cache_size: int = 512,
    tracer_provider: TracerProvider | None = None,
) -> GatewaySchema:
    """The root schema with its extensions (order matters: limits before the caches).

    With a `tracer_provider`, Strawberry's OpenTelemetry extension adds a span per operation,
    phase and resolver.
    """
    extensions: list[type[SchemaExtension] | Callable[[], SchemaExtension]] = [
        OperationLog,
        *limit_extensions(limits or QueryLimits()),
        partial(ParserCache, maxsize=parser_cache_size),
        partial(ValidationCache, maxsize=validation_cache_size),
        TextInput,
        QueryCost,
        LoginThrottle,
        UnitOfWorkExtension,
    ]
    if tracer_provider is not None:
        extensions.insert(0, partial(OpenTelemetryExtension, tracer_provider=tracer_provider))
    schema = GatewaySchema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        scalar_overrides={datetime: DateTime, decimal.Decimal: Decimal},
        execution_context_class=GatewayExecutionContext,
    )
    plain_resolvers.install(schema)
    return schema
