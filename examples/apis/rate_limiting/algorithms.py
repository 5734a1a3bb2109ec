"""Five rate-limiting algorithms with one interface and an injectable clock.

Each limiter answers `check(key)` with a `Decision`. Time comes from a `clock` callable so the
tests can move time forward without sleeping. These keep state in process memory; a fleet of
servers shares it in Redis or similar (the same arithmetic, run atomically in a Lua script).
"""

from __future__ import annotations

import math
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field

Clock = Callable[[], float]


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int
    remaining: int
    retry_after: int  # whole seconds until a request may succeed; 0 when allowed
    reset: int = 0  # whole seconds until more quota is available (the draft's "t"); 0 when none is pending


def _ceil(seconds: float) -> int:
    return max(1, math.ceil(seconds - 1e-9))


# --8<-- [start:token_bucket]
@dataclass
class TokenBucket:
    """Holds up to `capacity` tokens, refilled at `rate` per second; each request spends one."""

    capacity: int
    rate: float
    clock: Clock = time.monotonic
    _state: dict[str, tuple[float, float]] = field(default_factory=dict)  # key -> (tokens, last refill)

    def check(self, key: str) -> Decision:
        now = self.clock()
        tokens, last = self._state.get(key, (float(self.capacity), now))
        tokens = min(self.capacity, tokens + (now - last) * self.rate)  # refill lazily, on demand
        if tokens >= 1:
            tokens -= 1
            self._state[key] = (tokens, now)
            return Decision(True, self.capacity, math.floor(tokens), 0, self._next_token(tokens))
        self._state[key] = (tokens, now)
        wait = _ceil((1 - tokens) / self.rate)
        return Decision(False, self.capacity, 0, wait, wait)

    def _next_token(self, tokens: float) -> int:
        """Seconds until the whole number of tokens grows by one (0 when the bucket is full)."""
        if tokens >= self.capacity:
            return 0
        return _ceil((math.floor(tokens) + 1 - tokens) / self.rate)


# --8<-- [end:token_bucket]


@dataclass
class LeakyBucket:
    """The leaky bucket as a meter: each request adds one unit of water, which drains at `rate` per
    second; a request that would overflow `capacity` is refused. Output is smooth: at most `rate`
    requests per second in the long run, with bursts of at most `capacity`."""

    capacity: int
    rate: float
    clock: Clock = time.monotonic
    _state: dict[str, tuple[float, float]] = field(default_factory=dict)  # key -> (level, last drain)

    def check(self, key: str) -> Decision:
        now = self.clock()
        level, last = self._state.get(key, (0.0, now))
        level = max(0.0, level - (now - last) * self.rate)
        if level + 1 <= self.capacity:
            level += 1
            self._state[key] = (level, now)
            remaining = math.floor(self.capacity - level)
            # More room appears once the level has drained below capacity - (remaining + 1).
            reset = _ceil((level - (self.capacity - remaining - 1)) / self.rate)
            return Decision(True, self.capacity, remaining, 0, reset)
        self._state[key] = (level, now)
        wait = _ceil((level + 1 - self.capacity) / self.rate)
        return Decision(False, self.capacity, 0, wait, wait)


# --8<-- [start:fixed_window]
@dataclass
class FixedWindow:
    """At most `limit` requests per aligned window of `window` seconds (e.g. per clock minute)."""

    limit: int
    window: float
    clock: Clock = time.monotonic
    _counts: dict[tuple[str, int], int] = field(default_factory=lambda: defaultdict(int))

    def check(self, key: str) -> Decision:
        now = self.clock()
        slot = int(now // self.window)
        reset_in = (slot + 1) * self.window - now
        if self._counts[(key, slot)] >= self.limit:
            return Decision(False, self.limit, 0, _ceil(reset_in), _ceil(reset_in))
        self._counts[(key, slot)] += 1  # old slots are never read again; a real store expires them
        return Decision(True, self.limit, self.limit - self._counts[(key, slot)], 0, _ceil(reset_in))


# --8<-- [end:fixed_window]


@dataclass
class SlidingWindowLog:
    """Exact: remembers the time of every accepted request in the last `window` seconds."""

    limit: int
    window: float
    clock: Clock = time.monotonic
    _log: dict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque))

    def check(self, key: str) -> Decision:
        now = self.clock()
        log = self._log[key]
        while log and log[0] <= now - self.window:
            log.popleft()
        if len(log) >= self.limit:
            wait = _ceil(log[0] + self.window - now)
            return Decision(False, self.limit, 0, wait, wait)
        log.append(now)
        return Decision(True, self.limit, self.limit - len(log), 0, _ceil(log[0] + self.window - now))


# --8<-- [start:sliding_counter]
@dataclass
class SlidingWindowCounter:
    """Approximates a sliding window from two fixed-window counters: the current one plus the
    previous one weighted by how much of it still overlaps the sliding window."""

    limit: int
    window: float
    clock: Clock = time.monotonic
    _counts: dict[tuple[str, int], int] = field(default_factory=lambda: defaultdict(int))

    def check(self, key: str) -> Decision:
        now = self.clock()
        slot = int(now // self.window)
        overlap = 1 - (now - slot * self.window) / self.window  # share of the previous window still "inside"
        previous, elapsed = self._counts[(key, slot - 1)], now - slot * self.window
        estimate = previous * overlap + self._counts[(key, slot)]
        if estimate + 1 > self.limit:
            wait = _ceil(self._wait(previous, self._counts[(key, slot)], elapsed, self.limit - 1))
            return Decision(False, self.limit, 0, wait, wait)
        self._counts[(key, slot)] += 1
        remaining = math.floor(self.limit - estimate - 1)
        # More quota appears when the estimate has faded to limit - (remaining + 1).
        reset = self._wait(previous, self._counts[(key, slot)], elapsed, self.limit - remaining - 1)
        return Decision(True, self.limit, remaining, 0, _ceil(reset))

    def _wait(self, previous: int, current: int, elapsed: float, target: float) -> float:
        """Seconds until previous * overlap + current <= target, if nobody else sends a request."""
        if current <= target:  # the previous window's weight just has to fade a little more
            return self.window * (1 - (target - current) / previous) - elapsed
        # Wait into the next window, where this window's count becomes the weighted "previous" one.
        return (self.window - elapsed) + self.window * (1 - target / current)


# --8<-- [end:sliding_counter]
