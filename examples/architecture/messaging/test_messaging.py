"""Outbox atomicity, at-least-once redelivery made harmless, and Redis Streams acknowledgements."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
import redis

from examples.architecture.messaging import outbox
from examples.architecture.messaging.streams import ensure_group, read_batch, reclaim_stale


def test_order_and_event_commit_together():
    conn = outbox.connect()
    outbox.place_order(conn, "ada", 4200)
    assert conn.execute("SELECT count(*) FROM orders").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM outbox WHERE published_at IS NULL").fetchone()[0] == 1


def test_failed_transaction_leaves_neither_row():
    conn = outbox.connect()
    conn.execute("CREATE TRIGGER boom BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises(sqlite3.IntegrityError):
        outbox.place_order(conn, "ada", 4200)
    assert conn.execute("SELECT count(*) FROM orders").fetchone()[0] == 0


def test_relay_retries_after_broker_failure_and_consumer_dedupes():
    conn = outbox.connect()
    outbox.place_order(conn, "ada", 4200)
    outbox.place_order(conn, "bob", 1000)
    consumer = outbox.LoyaltyPointsConsumer()
    delivered: list[dict] = []

    def flaky_publish(topic: str, event: dict) -> None:
        delivered.append(event)
        consumer.handle(event)
        if len(delivered) == 2:
            raise ConnectionError("broker went away before we could mark the row")

    with pytest.raises(ConnectionError):
        outbox.relay_once(conn, flaky_publish)
    assert outbox.relay_once(conn, lambda t, e: (delivered.append(e), consumer.handle(e))) == 1
    assert len(delivered) == 3  # the second event was delivered twice
    assert consumer.total_points() == 42 + 10  # but counted once
    assert outbox.relay_once(conn, lambda t, e: None) == 0


def test_consumer_reports_duplicates():
    consumer = outbox.LoyaltyPointsConsumer()
    event = {"event_id": "e1", "order_id": "o1", "total_cents": 500}
    assert consumer.handle(event) is True
    assert consumer.handle(event) is False
    assert consumer.total_points() == 5


def test_two_workers_handling_the_same_event_at_once_count_it_once(tmp_path: Path):
    path = str(tmp_path / "loyalty.db")
    workers = [outbox.LoyaltyPointsConsumer(path), outbox.LoyaltyPointsConsumer(path)]
    event = {"event_id": "e1", "order_id": "o1", "total_cents": 4200}
    start, results = threading.Barrier(2), [False, False]

    def work(n: int) -> None:
        start.wait()  # both workers take the same redelivered event at the same moment
        results[n] = workers[n].handle(dict(event))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]  # the primary key let exactly one of them through
    assert workers[0].total_points() == 42


@pytest.mark.redis
def test_stream_entries_stay_pending_until_acked_and_can_be_reclaimed(redis_url: str):
    r = redis.Redis.from_url(redis_url)
    ensure_group(r, "orders", "billing")
    ensure_group(r, "orders", "billing")  # idempotent
    for n in range(3):
        r.xadd("orders", {"n": n})
    batch = read_batch(r, "orders", "billing", "worker-1")
    assert len(batch) == 3
    r.xack("orders", "billing", batch[0][0])
    assert r.xpending("orders", "billing")["pending"] == 2
    # worker-1 "crashes"; worker-2 claims what it left behind
    assert reclaim_stale(r, "orders", "billing", "worker-2", idle_ms=0) == [batch[1][0], batch[2][0]]
    # a second group reads the same log independently: a log, not a queue
    ensure_group(r, "orders", "analytics")
    assert len(read_batch(r, "orders", "analytics", "a-1")) == 3
