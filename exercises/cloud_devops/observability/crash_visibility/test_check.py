"""Acceptance check: a request whose handler crashes is counted as a 500 for the error-rate SLI and logged at
error level with its request id and traceback; the client still gets a 500, and normal requests are unchanged."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from exercises import load_module


def run(answer: Path, payment_ids: list[int]) -> tuple[dict[tuple[str, int], int], list[dict[str, Any]], list[int]]:
    stream = io.StringIO()
    app = load_module(answer).create_app(stream)
    client = TestClient(app, raise_server_exceptions=False)
    statuses = [
        client.post(f"/payments/{n}/capture", headers={"x-request-id": f"req-{n}"}).status_code for n in payment_ids
    ]
    logs = [json.loads(line) for line in stream.getvalue().splitlines()]
    return dict(app.state.requests), logs, statuses


def test_crashes_count_in_the_error_rate(answer: Path) -> None:
    counted, _, statuses = run(answer, list(range(1, 29)))  # 7, 14, 21 and 28 crash
    assert statuses.count(500) == 4
    route = "/payments/{payment_id}/capture"
    assert counted.get((route, 500)) == 4, (
        f"the clients got 4 errors, the SLI saw {counted.get((route, 500), 0)}: "
        f"its error rate reads {counted.get((route, 500), 0) / 28:.1%} instead of {4 / 28:.1%}"
    )
    assert counted.get((route, 200)) == 24


def test_a_crash_is_logged_with_its_request_id_and_traceback(answer: Path) -> None:
    _, logs, _ = run(answer, [7])
    assert len(logs) == 1, "one line per request, crashed or not"
    (entry,) = logs
    assert (entry.get("level"), entry.get("request_id"), entry.get("status")) == ("error", "req-7", 500)
    assert "KeyError: 'card_network'" in entry.get("exception", ""), "the traceback is what on-call needs"


@pytest.mark.starter_passes
def test_normal_requests_are_logged_and_counted_as_before(answer: Path) -> None:
    counted, logs, statuses = run(answer, [1, 2])
    assert statuses == [200, 200]
    assert counted == {("/payments/{payment_id}/capture", 200): 2}
    assert [(e["level"], e["request_id"], e["status"]) for e in logs] == [
        ("info", "req-1", 200),
        ("info", "req-2", 200),
    ]
