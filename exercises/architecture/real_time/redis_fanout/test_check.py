"""Acceptance check: two instances on one Redis share one feed: an event published on either reaches short
polls, long polls and SSE streams on both, with one sequence of ids."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from exercises import load_module

pytestmark = pytest.mark.redis


@pytest.fixture
def instances(answer: Path, redis_url: str) -> Iterator[tuple[TestClient, TestClient]]:
    module = load_module(answer)
    with TestClient(module.create_app(redis_url)) as a, TestClient(module.create_app(redis_url)) as b:
        yield a, b


def test_an_event_published_on_one_instance_is_seen_on_the_other(instances: tuple[TestClient, TestClient]) -> None:
    a, b = instances
    a.post("/publish", json={"price": 101})
    seen = b.get("/poll", params={"after": 0, "timeout": 0}).json()
    assert seen == [{"id": 1, "data": {"price": 101}}], (
        f"instance B sees {seen} after instance A published: clients connected to B never hear about A's events. "
        "Keep the feed in Redis"
    )


def test_ids_form_one_sequence_across_instances(instances: tuple[TestClient, TestClient]) -> None:
    a, b = instances
    ids = [client.post("/publish", json={"price": n}).json()["id"] for n, client in enumerate([a, b, a, b])]
    assert ids == [1, 2, 3, 4], (
        f"the two instances handed out ids {ids}: a client resuming after id 2 would skip or repeat events"
    )
    assert [event["id"] for event in a.get("/poll", params={"after": 0, "timeout": 0}).json()] == [1, 2, 3, 4]


def test_a_long_poll_on_one_instance_wakes_on_a_publish_on_the_other(
    instances: tuple[TestClient, TestClient],
) -> None:
    a, b = instances
    timer = threading.Timer(0.3, lambda: a.post("/publish", json={"price": 102}))
    timer.start()
    started = time.monotonic()
    events = b.get("/poll", params={"after": 0, "timeout": 2}).json()
    elapsed = time.monotonic() - started
    timer.join()
    assert events == [{"id": 1, "data": {"price": 102}}], "the long poll on B must return A's event"
    assert elapsed < 1.5, f"B answered after {elapsed:.1f} s: wake waiting requests when any instance publishes"


def test_sse_on_one_instance_resumes_from_the_shared_history(instances: tuple[TestClient, TestClient]) -> None:
    a, b = instances
    for price in (100, 101, 102):
        a.post("/publish", json={"price": price})
    for price in (200, 201, 202):
        b.post("/publish", json={"price": price})
    with b.stream("GET", "/events", params={"limit": 2}, headers={"Last-Event-ID": "1"}) as response:
        body = "".join(response.iter_text())
    frames = [frame for frame in body.split("\n\n") if frame.strip() and not frame.startswith(":")]
    fields = [dict(line.split(": ", 1) for line in frame.splitlines()) for frame in frames]
    pairs = [(field.get("id"), field.get("data")) for field in fields]
    assert pairs == [("2", '{"price": 101}'), ("3", '{"price": 102}')], (
        f"a browser reconnecting to B after event 1 got {pairs}: it must resume in the one shared history"
    )


@pytest.mark.starter_passes
def test_one_instance_alone_still_works(answer: Path, redis_url: str) -> None:
    with TestClient(load_module(answer).create_app(redis_url)) as client:
        assert client.post("/publish", json={"price": 1}).json() == {"id": 1}
        assert client.get("/poll", params={"after": 0, "timeout": 0}).json() == [{"id": 1, "data": {"price": 1}}]
        assert client.get("/poll", params={"after": 1, "timeout": 0.2}).json() == []
