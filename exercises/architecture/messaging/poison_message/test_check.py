"""Acceptance check: an entry that always fails is tried MAX_DELIVERIES times, then moved to the dead-letter
stream with its fields and the error, and acknowledged; the other entries, including one that fails once,
are processed exactly once."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
import redis

from exercises import load_module

pytestmark = pytest.mark.redis


@pytest.fixture
def r(redis_url: str) -> redis.Redis:
    return redis.Redis.from_url(redis_url)


class Billing:
    """Charges orders; crashes on events without a total, and fails once on order 4 (a transient error)."""

    def __init__(self) -> None:
        self.attempts, self.charged = Counter[str](), Counter[str]()

    def __call__(self, fields: dict[bytes, bytes]) -> None:
        order = fields[b"order"].decode()
        self.attempts[order] += 1
        if order == "4" and self.attempts[order] == 1:
            raise ConnectionError("payment provider timed out")
        total = int(fields[b"total_cents"])  # KeyError for the malformed event
        self.charged[order] += total


def publish(module: ModuleType, r: redis.Redis) -> None:
    module.ensure_group(r)
    for order in range(1, 7):
        fields = {"order": str(order)} if order == 3 else {"order": str(order), "total_cents": str(order * 100)}
        r.xadd(module.STREAM, fields)


def run(module: ModuleType, r: redis.Redis, billing: Billing, rounds: int) -> None:
    for _ in range(rounds):
        module.work_once(r, "worker-1", billing, idle_ms=0)


def test_a_poison_entry_is_dead_lettered_after_the_limit(answer: Path, r: redis.Redis) -> None:
    module = load_module(answer)
    publish(module, r)
    billing = Billing()
    run(module, r, billing, rounds=8)
    assert billing.attempts["3"] == module.MAX_DELIVERIES, (
        f"the malformed event was tried {billing.attempts['3']} times in 8 rounds; after {module.MAX_DELIVERIES} "
        "failed deliveries it should stop coming back"
    )
    dead = r.xrange(module.DEAD_LETTERS)
    assert len(dead) == 1, f"expected the malformed event in {module.DEAD_LETTERS}, found {len(dead)} entries"
    _, fields = dead[0]
    assert fields.get(b"order") == b"3", "keep the original fields, so the event can be inspected and replayed"
    assert b"KeyError" in fields.get(b"error", b""), "record what went wrong in an `error` field"


def test_nothing_is_left_pending(answer: Path, r: redis.Redis) -> None:
    module = load_module(answer)
    publish(module, r)
    run(module, r, Billing(), rounds=8)
    pending = r.xpending(module.STREAM, module.GROUP)["pending"]
    assert pending == 0, (
        f"{pending} entries are still pending after 8 rounds: a dead-lettered entry must also be acknowledged, "
        "or the pending list never drains"
    )


@pytest.mark.starter_passes
def test_good_and_transiently_failing_entries_are_processed_once(answer: Path, r: redis.Redis) -> None:
    module = load_module(answer)
    publish(module, r)
    billing = Billing()
    run(module, r, billing, rounds=8)
    assert billing.charged == {"1": 100, "2": 200, "4": 400, "5": 500, "6": 600}, (
        "every well-formed order is charged exactly once, including order 4, which failed once and succeeded on "
        "the retry"
    )
    assert all(fields.get(b"order") != b"4" for _, fields in r.xrange(module.DEAD_LETTERS)), (
        "order 4 failed once and then succeeded: it must not be dead-lettered"
    )
