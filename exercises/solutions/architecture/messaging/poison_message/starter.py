"""Reference solution: after MAX_DELIVERIES failed deliveries, an entry moves to the dead-letter stream.

Redis counts deliveries per pending entry (XREADGROUP delivers it once, each XAUTOCLAIM again). When handling
fails, the worker reads that count with XPENDING; at the limit it copies the entry, with the error, to the
dead-letter stream and acknowledges it in one MULTI/EXEC, so the entry is never both dead-lettered and still
pending, nor acknowledged and lost. Count dead letters in a metric and alert on it.
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
        except Exception as error:  # any failure counts toward the delivery limit
            if deliveries(r, entry_id) >= MAX_DELIVERIES:
                dead_letter(r, entry_id, fields, error)
            continue
        r.xack(STREAM, GROUP, entry_id)
        done += 1
    return done


def deliveries(r: redis.Redis, entry_id: bytes) -> int:
    """How many times the group has delivered this pending entry."""
    pending = r.xpending_range(STREAM, GROUP, min=entry_id, max=entry_id, count=1)
    return int(pending[0]["times_delivered"]) if pending else 0


def dead_letter(r: redis.Redis, entry_id: bytes, fields: dict[bytes, bytes], error: Exception) -> None:
    with r.pipeline(transaction=True) as tx:  # copy and acknowledge together
        tx.xadd(DEAD_LETTERS, {**fields, b"error": repr(error), b"source_id": entry_id})
        tx.xack(STREAM, GROUP, entry_id)
        tx.execute()
