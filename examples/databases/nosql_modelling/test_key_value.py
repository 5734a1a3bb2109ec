"""Key-value behaviour the NoSQL lesson describes, on a real Redis server."""

from __future__ import annotations

import threading
import time

import pytest
import redis

from examples.databases.nosql_modelling.key_value import (
    load_session,
    record_score,
    save_session,
    top,
    transfer_points,
)

pytestmark = pytest.mark.redis


@pytest.fixture
def r(redis_url: str) -> redis.Redis:
    return redis.Redis.from_url(redis_url)


def test_sessions_round_trip_and_expire(r):
    save_session(r, "abc", {"user": 7}, ttl_seconds=60)
    assert load_session(r, "abc") == {"user": 7}
    assert 0 < r.ttl("session:abc") <= 60
    r.pexpire("session:abc", 1)  # fast-forward: expire in 1 ms
    time.sleep(0.05)
    assert load_session(r, "abc") is None


def test_concurrent_increments_are_not_lost(r):
    def play() -> None:
        client = redis.Redis(connection_pool=r.connection_pool)
        for _ in range(200):
            record_score(client, "weekly", "ada", 1)

    threads = [threading.Thread(target=play) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    record_score(r, "weekly", "grace", 1500)
    assert top(r, "weekly", 2) == [("grace", 1500), ("ada", 1000)]


# --8<-- [start:multi_test]
def test_multi_exec_does_not_roll_back_when_a_command_fails(r):
    r.set("points:ada", 10)
    r.set("points:bob", "not a number")  # a bad value the second command will trip over
    results = transfer_points(r, source="bob", target="ada", points=5)
    assert results[0] == 15
    assert isinstance(results[1], redis.ResponseError)
    assert r.get("points:ada") == b"15"  # the first command stayed applied: no rollback


# --8<-- [end:multi_test]
