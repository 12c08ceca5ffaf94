"""/metrics: requests by operation and outcome, errors by code, pool and queue gauges."""

from __future__ import annotations

import uuid

import httpx
from prometheus_client.parser import text_string_to_metric_families

from gateway import metrics


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of a Prometheus text page, by name and labels."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(
    page: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str
) -> float:
    return page.get((name, frozenset(labels.items())), 0.0)


async def test_metrics_count_requests_by_operation_and_outcome_and_errors_by_code(
    http: httpx.AsyncClient,
) -> None:
    name = f"Probe{uuid.uuid4().hex[:8]}"
    before = samples((await http.get("/metrics")).text)

    await http.post("/graphql", json={"query": f"query {name} {{ __typename }}"})
    await http.post("/graphql", json={"query": f"query {name} {{ me {{ id }} }}"})
    await http.post("/graphql", content=b"{not json", headers={"Content-Type": "application/json"})
    response = await http.get("/metrics")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    after = samples(response.text)
    ok = {"operation": name, "operation_type": "query", "outcome": "ok"}
    assert value(after, "gateway_requests_total", **ok) == 1
    assert value(after, "gateway_request_duration_seconds_count", **ok) == 1
    failed_auth = {"operation": name, "operation_type": "query", "outcome": "error"}
    assert value(after, "gateway_requests_total", **failed_auth) == 1
    rejected = {"operation": "-", "operation_type": "-", "outcome": "rejected"}
    assert value(after, "gateway_requests_total", **rejected) == (
        value(before, "gateway_requests_total", **rejected) + 1
    )
    errors = ("gateway_graphql_errors_total", frozenset({("code", "UNAUTHENTICATED")}))
    assert after[errors] == before.get(errors, 0.0) + 1
    assert ("gateway_db_pool_connections", frozenset({("state", "idle")})) in after
    assert "# TYPE gateway_job_queue_jobs gauge" in response.text
    assert "# TYPE gateway_jobs_processed gauge" in response.text
    assert ("gateway_deletion_jobs", frozenset({("status", "COMPLETED")})) in after
    assert ("gateway_deletion_rows_deleted", frozenset({("status", "COMPLETED")})) in after
    assert ("gateway_demo_sessions", frozenset({("status", "active")})) in after
    assert ("gateway_demo_clone_milliseconds_median", frozenset()) in after


def test_operation_labels_are_bounded() -> None:
    assert metrics.operation_label(None) == "-"
    assert metrics.operation_label("not a graphql name!") == "other"
    assert metrics.operation_label("Dashboard") == "Dashboard"


def test_outcomes_follow_the_status_and_the_errors() -> None:
    assert metrics.outcome_of(200, []) == "ok"
    assert metrics.outcome_of(200, ["FORBIDDEN"]) == "error"
    assert metrics.outcome_of(415, []) == "rejected"
    assert metrics.outcome_of(500, []) == "failed"
