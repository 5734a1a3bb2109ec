"""Exercise: the message that was retried 40,000 times.

Symptom: the billing worker logged the same `KeyError: 'total_cents'` 40,000 times in a week. One order event
from an old client had no total; every round, the worker reclaimed it from the pending list, failed, and left
it pending again. Nothing alerted, the pending list never drained, and the event was never looked at.

Diagnose it with the check (`make exercise ID=architecture/messaging/poison_message`). Then give up on an
entry after MAX_DELIVERIES failed deliveries: copy it to the dead-letter stream (its fields, plus an `error`
field saying what went wrong) and acknowledge it, so it leaves the pending list. Use the delivery count Redis
keeps for every pending entry (XPENDING). Entries that fail once and then succeed must not be dead-lettered.
"""

from __future__ import annotations

from collections.abc import Callable

import redis

STREAM, GROUP, DEAD_LETTERS = "orders", "billing", "orders:dead"
MAX_DELIVERIES = 3


def ensure_group(r: redis.Redis) -> None:
    try:
        r.xgroup_create(STREAM, GROUP, id="0", mkstream=True)
    except redis.ResponseError as error:
        if "BUSYGROUP" not in str(error):
            raise


def work_once(
    r: redis.Redis, consumer: str, handle: Callable[[dict[bytes, bytes]], None], idle_ms: int = 60_000
) -> int:
    """One round: take over entries left pending for `idle_ms` (a crashed or failed attempt), then read new
    ones; acknowledge each entry that `handle` processed. Returns how many entries were acknowledged."""
    _next, claimed, *_ = r.xautoclaim(STREAM, GROUP, consumer, min_idle_time=idle_ms, start_id="0-0", count=100)
    fresh = [entry for _, entries in r.xreadgroup(GROUP, consumer, {STREAM: ">"}, count=100) for entry in entries]
    done = 0
    for entry_id, fields in [*claimed, *fresh]:
        try:
            handle(fields)
        except Exception:  # noqa: S112 (left pending: a later round reclaims and retries it)
            continue
        r.xack(STREAM, GROUP, entry_id)
        done += 1
    return done
