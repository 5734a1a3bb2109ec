"""The service itself: probes, JSON logs and Prometheus metrics behave as the lessons say."""

from __future__ import annotations

import io
import json
import re

from fastapi.testclient import TestClient

from labs.deploy_lab.service.app import create_app


def make_client() -> tuple[TestClient, io.StringIO]:
    stream = io.StringIO()
    return TestClient(create_app(stream)), stream


def test_a_database_outage_keeps_the_pod_live_and_ready_and_fails_requests_fast() -> None:
    client, _ = make_client()
    client.app.state.database.up = False  # type: ignore[attr-defined]
    assert client.get("/healthz").status_code == 200  # no restart: a restart cannot fix the database
    assert client.get("/readyz").status_code == 200  # no exit from the Service: every replica shares it
    response = client.get("/items/1")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    client.app.state.database.up = True  # type: ignore[attr-defined]
    assert client.get("/items/1").status_code == 200


def test_readiness_turns_off_while_draining() -> None:
    client, _ = make_client()
    assert client.get("/readyz").json() == {"status": "ready"}
    client.app.state.readiness.draining = True  # type: ignore[attr-defined]
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "not ready"}


def test_each_request_logs_one_json_line_with_request_id() -> None:
    client, stream = make_client()
    response = client.get("/items/7", headers={"x-request-id": "abc123"})
    assert response.status_code == 200
    assert response.headers["x-request-id"] == "abc123"
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert len(lines) == 1
    entry = lines[0]
    assert entry["request_id"] == "abc123"
    assert entry["path"] == "/items/{item_id}"  # the route template, not the raw path
    assert entry["status"] == 200
    assert entry["level"] == "info"
    assert isinstance(entry["duration_ms"], float)


def test_log_times_are_utc_with_milliseconds() -> None:
    client, stream = make_client()
    client.get("/healthz")
    entry = json.loads(stream.getvalue().splitlines()[0])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", entry["time"]), entry["time"]


def test_a_crashing_handler_is_counted_and_logged_as_a_500() -> None:
    stream = io.StringIO()
    app = create_app(stream)

    def broken(order_id: int) -> dict[str, int]:
        raise RuntimeError(f"order {order_id} has no total")

    app.add_api_route("/orders/{order_id}", broken)
    client = TestClient(app, raise_server_exceptions=False)
    assert client.get("/orders/9", headers={"x-request-id": "crash1"}).status_code == 500
    # The error-rate SLI sees it ...
    assert 'http_requests_total{method="GET",path="/orders/{order_id}",status="500"} 1' in client.get("/metrics").text
    # ... and so does whoever searches the logs for the request id the client reported.
    entry = json.loads(stream.getvalue().splitlines()[0])
    assert (entry["level"], entry["request_id"], entry["status"]) == ("error", "crash1", 500)
    assert "RuntimeError: order 9 has no total" in entry["exception"]


def test_request_id_is_generated_when_missing() -> None:
    client, _ = make_client()
    assert re.fullmatch(r"[0-9a-f]{32}", client.get("/healthz").headers["x-request-id"])


def test_metrics_count_requests_by_route_and_status() -> None:
    client, _ = make_client()
    for item in (1, 2, 3):
        client.get(f"/items/{item}")
    client.get("/items/5000")
    text = client.get("/metrics").text
    assert 'http_requests_total{method="GET",path="/items/{item_id}",status="200"} 3' in text
    assert 'http_requests_total{method="GET",path="/items/{item_id}",status="404"} 1' in text
    assert "# TYPE http_request_duration_seconds histogram" in text


def test_histogram_buckets_are_cumulative_and_end_with_inf() -> None:
    client, _ = make_client()
    for _ in range(5):
        client.get("/healthz")
    text = client.get("/metrics").text
    prefix = 'http_request_duration_seconds_bucket{method="GET",path="/healthz",le="'
    counts = [int(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(prefix)]
    assert counts == sorted(counts)  # never decreasing
    assert counts[-1] == 5
    assert 'le="+Inf"} 5' in text
    assert 'http_request_duration_seconds_count{method="GET",path="/healthz"} 5' in text


def test_metrics_content_type_is_prometheus_text() -> None:
    client, _ = make_client()
    assert client.get("/metrics").headers["content-type"].startswith("text/plain; version=0.0.4")


def test_shutdown_turns_readiness_off_and_logs_it() -> None:
    stream = io.StringIO()
    app = create_app(stream)
    with TestClient(app) as client:  # entering and leaving runs the lifespan's startup and shutdown
        assert client.get("/readyz").status_code == 200
        assert app.state.readiness.draining is False
    assert app.state.readiness.draining is True
    messages = [json.loads(line)["message"] for line in stream.getvalue().splitlines()]
    assert messages[0] == "started"
    assert messages[-1] == "shutting down"
