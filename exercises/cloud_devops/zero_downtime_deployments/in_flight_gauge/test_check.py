"""Acceptance check: the gauge counts requests while they run and returns to zero after every one of them,
including requests whose handler fails, so a draining pod visibly reaches zero."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from exercises import load_module


def in_flight(client: TestClient) -> int:
    return client.app.state.in_flight.value  # type: ignore[attr-defined]


def test_a_failing_request_does_not_stay_in_flight(answer: Path) -> None:
    client = TestClient(load_module(answer).create_app(), raise_server_exceptions=False)
    for _ in range(3):
        assert client.get("/orders/13").status_code == 500
    assert in_flight(client) == 0, "every failed request left the gauge one higher: it never drains to zero"


@pytest.mark.starter_passes
def test_running_requests_are_counted_and_released(answer: Path) -> None:
    release, started = threading.Event(), threading.Event()
    client = TestClient(load_module(answer).create_app(release, started))
    runner = threading.Thread(target=client.get, args=("/reports/slow",))
    runner.start()
    try:
        assert started.wait(timeout=10)
        assert in_flight(client) == 1
    finally:
        release.set()
        runner.join(timeout=10)
    assert in_flight(client) == 0


@pytest.mark.starter_passes
def test_the_exposition_declares_a_gauge(answer: Path) -> None:
    client = TestClient(load_module(answer).create_app())
    client.get("/orders/1")
    text = client.get("/metrics").text
    assert "# TYPE http_requests_in_flight gauge" in text
    assert "http_requests_in_flight 1\n" in text  # the scrape itself is in flight while it renders
