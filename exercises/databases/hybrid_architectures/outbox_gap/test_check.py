"""Acceptance check: an event that commits after a later one is still delivered; a rolled-back order's event
never is; two relays at once never deliver the same event; many runs deliver each event exactly once."""

from __future__ import annotations

import json
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import psycopg
import pytest

from examples.databases.transactions.sessions import in_background
from exercises import load_module
from exercises.databases.transactions.support import guarded, wait_for

pytestmark = pytest.mark.postgres


def setup(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            """
            CREATE TABLE outbox (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload jsonb NOT NULL,
                                 published_at timestamptz);
            CREATE TABLE relay_state (last_seq bigint NOT NULL);
            INSERT INTO relay_state VALUES (0);
            """
        )


def add_event(conn: psycopg.Connection, order: str) -> None:
    conn.execute("INSERT INTO outbox (payload) VALUES (%s)", (json.dumps({"order": order}),))


class Fulfillment:
    def __init__(self) -> None:
        self.received: list[str] = []

    def deliver(self, event: dict[str, Any]) -> None:
        self.received.append(event["order"])


def run_relay(answer: Path, url: str, service: Fulfillment) -> int:
    with psycopg.connect(guarded(url)) as conn:
        return load_module(answer).relay_once(conn, service.deliver)


def test_an_event_that_commits_after_a_later_one_is_delivered(answer: Path, postgres_url: str) -> None:
    setup(postgres_url)
    service = Fulfillment()
    with psycopg.connect(postgres_url) as slow, psycopg.connect(postgres_url) as fast:
        add_event(slow, "order-1")  # takes the smaller seq, commits later
        add_event(fast, "order-2")
        fast.commit()
        run_relay(answer, postgres_url, service)
        slow.commit()
    run_relay(answer, postgres_url, service)
    assert sorted(service.received) == ["order-1", "order-2"], (
        f"delivered {service.received}: an event that committed late was never delivered"
    )


@pytest.mark.starter_passes
def test_a_rolled_back_order_is_never_delivered(answer: Path, postgres_url: str) -> None:
    setup(postgres_url)
    service = Fulfillment()
    with psycopg.connect(postgres_url) as conn:
        add_event(conn, "cancelled")
        conn.rollback()
        add_event(conn, "kept")
        conn.commit()
    run_relay(answer, postgres_url, service)
    run_relay(answer, postgres_url, service)
    assert service.received == ["kept"]


@pytest.mark.starter_passes
def test_many_runs_deliver_every_event_exactly_once_in_order(answer: Path, postgres_url: str) -> None:
    setup(postgres_url)
    service = Fulfillment()
    with psycopg.connect(postgres_url) as conn:
        for n in range(1, 31):
            add_event(conn, f"order-{n}")
            conn.commit()
            if n % 7 == 0:
                run_relay(answer, postgres_url, service)
    while run_relay(answer, postgres_url, service):
        pass
    assert service.received == [f"order-{n}" for n in range(1, 31)]


def test_two_relays_at_once_never_deliver_the_same_event(answer: Path, postgres_url: str) -> None:
    """Relay A stops inside its first delivery; relay B runs meanwhile; then A goes on."""
    setup(postgres_url)
    with psycopg.connect(postgres_url) as conn:
        for n in range(1, 6):
            add_event(conn, f"order-{n}")
        conn.commit()
    service = Fulfillment()
    in_delivery, go_on = threading.Event(), threading.Event()

    def slow_deliver(event: dict[str, Any]) -> None:
        in_delivery.set()
        go_on.wait(timeout=30)
        service.deliver(event)

    with psycopg.connect(guarded(postgres_url)) as a_conn, psycopg.connect(guarded(postgres_url)) as b_conn:
        relay = load_module(answer).relay_once
        a = in_background(lambda: relay(a_conn, slow_deliver))
        assert in_delivery.wait(timeout=10), "relay A delivered nothing"
        b = in_background(lambda: relay(b_conn, service.deliver))
        b_pid = b_conn.info.backend_pid

        def b_finished_or_waiting() -> bool:
            if b.done():
                return True
            with psycopg.connect(postgres_url, autocommit=True) as watcher:
                return bool(watcher.execute("SELECT pg_blocking_pids(%s)", (b_pid,)).fetchone()[0])

        wait_for(b_finished_or_waiting)
        go_on.set()
        a.result(timeout=30)
        b.result(timeout=30)
    twice = [order for order, times in Counter(service.received).items() if times > 1]
    assert not twice, f"delivered twice: {twice}. Two relays must not take the same event"
    while run_relay(answer, postgres_url, service):
        pass
    assert sorted(service.received) == sorted(f"order-{n}" for n in range(1, 6))
