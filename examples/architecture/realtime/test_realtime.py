"""Long polling waits and wakes, SSE resumes from Last-Event-ID, the WebSocket room broadcasts."""

from __future__ import annotations

import threading
import time

import pytest
from fastapi.testclient import TestClient

from examples.architecture.realtime.app import create_app


@pytest.fixture
def client():
    with TestClient(create_app()) as c:
        yield c


def test_short_poll_returns_immediately_and_empty(client):
    started = time.monotonic()
    assert client.get("/poll", params={"after": 0, "timeout": 0}).json() == []
    assert time.monotonic() - started < 0.5


def test_long_poll_times_out_with_empty_list(client):
    started = time.monotonic()
    assert client.get("/poll", params={"after": 0, "timeout": 0.2}).json() == []
    assert time.monotonic() - started >= 0.2


def test_long_poll_wakes_as_soon_as_something_is_published(client):
    timer = threading.Timer(0.2, lambda: client.post("/publish", json={"price": 101}))
    timer.start()
    started = time.monotonic()
    events = client.get("/poll", params={"after": 0, "timeout": 5}).json()
    elapsed = time.monotonic() - started
    timer.join()
    assert events == [{"id": 1, "data": {"price": 101}}]
    assert 0.15 < elapsed < 3  # woke on publish, not on the 5 s timeout


def test_sse_wire_format_and_resume(client):
    for price in (100, 101, 102):
        client.post("/publish", json={"price": price})
    with client.stream("GET", "/events", params={"limit": 2}, headers={"Last-Event-ID": "1"}) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["cache-control"] == "no-cache"
        assert response.headers["x-accel-buffering"] == "no"  # tells nginx not to buffer the stream
        body = "".join(response.iter_text())
    frames = [f for f in body.split("\n\n") if f.strip()]
    assert frames[0].splitlines() == ["event: update", 'data: {"price": 101}', "id: 2", "retry: 3000"]
    assert "id: 3" in frames[1]
    assert len(frames) == 2  # event 1 was skipped: the client said it had seen it


def test_an_idle_sse_stream_sends_keep_alive_comments(client, monkeypatch):
    """FastAPI writes a ": ping" comment when the generator has been idle for its ping interval (15 s by
    default; shortened here). Comments keep proxies from closing the connection and EventSource ignores them."""
    import fastapi.routing

    monkeypatch.setattr(fastapi.routing, "_PING_INTERVAL", 0.1)
    threading.Timer(0.5, lambda: client.post("/publish", json={"price": 100})).start()
    with client.stream("GET", "/events", params={"limit": 1}) as response:
        body = "".join(response.iter_text())
    assert body.startswith(": ping\n\n")  # sent while no event was ready
    assert 'data: {"price": 100}' in body


# --8<-- [start:ws_test]
def test_websocket_room_broadcasts_to_every_member(client):
    with client.websocket_connect("/ws") as alice, client.websocket_connect("/ws") as bob:
        alice.send_json({"name": "alice", "text": "hi bob"})
        assert bob.receive_json() == {"from": "alice", "text": "hi bob"}
        assert alice.receive_json() == {"from": "alice", "text": "hi bob"}


# --8<-- [end:ws_test]


def test_websocket_caps_message_size(client):
    with client.websocket_connect("/ws") as ws:
        ws.send_json({"name": "x", "text": "a" * 10_000})
        assert len(ws.receive_json()["text"]) == 500
