"""Exercise: three replicas, one Redis, and clients that get more than their budget.

Symptom: the API runs on three replicas that share a token bucket per client in Redis, so a client's budget is
the same whichever replica answers. Yet the partner with a 10-request burst allowance regularly gets 13 or 14
requests through in a burst, and the Redis instance's memory grows every day: one bucket per client that ever
called, kept forever.

Diagnose it with the check (`make exercise ID=apis/rate_limiting_security/redis_token_bucket`). Each check reads the
bucket, computes in Python and writes it back, so two replicas that read at the same moment both spend the same
token; and nothing ever expires a bucket. Make the read-refill-spend-write step atomic in Redis (a Lua script run
with EVAL or `register_script`), and let an idle bucket expire once it would be full again anyway.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import redis


class RedisTokenBucket:
    """A token bucket per key in a Redis hash: `capacity` tokens, refilled at `rate` tokens per second.

    `clock` gives the time in seconds (tests pass a fake one); every replica must use the same kind of clock.
    """

    def __init__(self, client: redis.Redis, capacity: int, rate: float, clock: Callable[[], float] = time.time) -> None:
        self.client = client
        self.capacity = capacity
        self.rate = rate
        self.clock = clock

    def allow(self, key: str) -> bool:
        bucket = f"ratelimit:{key}"
        now = self.clock()
        tokens, last = self.client.hmget(bucket, "tokens", "last")
        tokens = float(tokens) if tokens is not None else float(self.capacity)
        last = float(last) if last is not None else now
        tokens = min(self.capacity, tokens + (now - last) * self.rate)
        allowed = tokens >= 1
        if allowed:
            tokens -= 1
        self.client.hset(bucket, mapping={"tokens": tokens, "last": now})
        return allowed
