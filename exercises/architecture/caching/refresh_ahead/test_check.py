"""Acceptance check: a hot key close to expiry is reloaded in the background, once however many readers see it,
without any reader waiting for the slow service; keys with time left and cold keys behave as before."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
import redis

from exercises import load_module
from labs.caching_lab.caching.service import SlowPricingService

pytestmark = pytest.mark.redis

TTL_S = 10


class RecordingService(SlowPricingService):
    """The slow service, noting which thread made each call."""

    def __init__(self) -> None:
        super().__init__(latency_s=0.05, prices={"hot": 1000})
        self.threads: list[int] = []

    def quote(self, sku: str) -> dict[str, Any]:
        self.threads.append(threading.get_ident())
        return super().quote(sku)


@pytest.fixture
def r(redis_url: str) -> redis.Redis:
    return redis.Redis.from_url(redis_url)


def wait_until(condition: Any, timeout: float = 3.0) -> bool:
    """Poll a condition on the real clock: the refresh runs on another thread, against a real Redis."""
    give_up = time.monotonic() + timeout
    while time.monotonic() < give_up:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def wait_for_background_threads(baseline: int) -> None:
    assert wait_until(lambda: threading.active_count() <= baseline), "a background thread never finished"


def warm(answer: Path, r: redis.Redis) -> tuple[Any, RecordingService]:
    service = RecordingService()
    cache = load_module(answer).CachedPricing(r, service.quote, ttl_s=TTL_S)
    cache.get("hot")
    service.prices["hot"] = 900  # the price changes; the cache still holds 1000
    return cache, service


def test_a_hit_near_expiry_is_refreshed_in_the_background(answer: Path, r: redis.Redis) -> None:
    cache, service = warm(answer, r)
    r.pexpire(cache.key("hot"), 1_500)  # 15% of the TTL left
    reader = threading.get_ident()
    assert cache.get("hot")["price_cents"] == 1000, "the reader gets the cached value at once"
    assert service.threads.count(reader) == 1, "the reader itself must not wait for the slow service"
    refreshed = wait_until(lambda: r.pttl(cache.key("hot")) > 5_000)
    assert refreshed, (
        "1.5 s before expiry, a hit did not start a refresh: the key will expire and the next reader will wait "
        "for the slow service. Reload in the background when less than 20% of the TTL is left"
    )
    assert cache.get("hot")["price_cents"] == 900, "the refresh must store the new value"
    assert cache.stats.misses == 1, "a hot key that is refreshed ahead never misses"


def test_many_readers_near_expiry_cause_one_refresh(answer: Path, r: redis.Redis) -> None:
    baseline = threading.active_count()
    cache, service = warm(answer, r)
    r.pexpire(cache.key("hot"), 1_500)
    barrier = threading.Barrier(20)

    def read() -> None:
        barrier.wait()
        cache.get("hot")

    readers = [threading.Thread(target=read) for _ in range(20)]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join()
    wait_for_background_threads(baseline)
    refreshes = service.calls - 1
    assert refreshes == 1, (
        f"20 readers near expiry caused {refreshes} reloads: take the stampede lock, so one refresh runs and the "
        "others go on serving the cached value"
    )


@pytest.mark.starter_passes
def test_a_key_with_time_left_is_not_refreshed(answer: Path, r: redis.Redis) -> None:
    baseline = threading.active_count()
    cache, service = warm(answer, r)
    r.pexpire(cache.key("hot"), 5_000)  # half the TTL left
    for _ in range(10):
        assert cache.get("hot")["price_cents"] == 1000
    wait_for_background_threads(baseline)
    assert service.calls == 1, "with half the TTL left there is nothing to refresh"


@pytest.mark.starter_passes
def test_a_cold_key_is_still_loaded_once(answer: Path, r: redis.Redis) -> None:
    service = RecordingService()
    cache = load_module(answer).CachedPricing(r, service.quote, ttl_s=TTL_S)
    assert cache.get("cold")["price_cents"] == 1000
    assert cache.get("cold")["price_cents"] == 1000
    assert service.calls == 1
    assert 0 < r.ttl(cache.key("cold")) <= TTL_S
