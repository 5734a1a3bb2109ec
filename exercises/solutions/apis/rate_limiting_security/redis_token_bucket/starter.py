"""A reference solution: the refill, the spend and the write happen in one Lua script, which Redis runs
atomically, so replicas cannot interleave; the bucket expires when it would be full again, because a missing
bucket and a full one mean the same thing."""

from __future__ import annotations

import time
from collections.abc import Callable

import redis

# KEYS[1] = bucket; ARGV = capacity, rate (tokens per second), now (seconds). Returns 1 when allowed.
REFILL_AND_SPEND = """
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'last')
local tokens = tonumber(state[1]) or capacity
local last = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - last) * rate)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'last', tostring(now))
-- Once full again the bucket holds nothing worth keeping: let Redis drop it then.
redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil((capacity - tokens) / rate * 1000)))
return allowed
"""


class RedisTokenBucket:
    def __init__(self, client: redis.Redis, capacity: int, rate: float, clock: Callable[[], float] = time.time) -> None:
        self.client = client
        self.capacity = capacity
        self.rate = rate
        self.clock = (
            clock  # production scripts often read redis.call('TIME') instead, so replicas' clocks never disagree
        )
        self._script = client.register_script(REFILL_AND_SPEND)  # EVALSHA, falling back to EVAL once per server

    def allow(self, key: str) -> bool:
        return self._script(keys=[f"ratelimit:{key}"], args=[self.capacity, self.rate, self.clock()]) == 1
