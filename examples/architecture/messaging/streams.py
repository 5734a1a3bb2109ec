"""A Redis Streams consumer group: a log that many groups can read, with acknowledgements."""

from __future__ import annotations

import redis


# --8<-- [start:streams]
def ensure_group(r: redis.Redis, stream: str, group: str) -> None:
    try:
        r.xgroup_create(stream, group, id="0", mkstream=True)
    except redis.ResponseError as error:
        if "BUSYGROUP" not in str(error):  # the group already exists: fine
            raise


def read_batch(r: redis.Redis, stream: str, group: str, consumer: str, count: int = 10) -> list[tuple[str, dict]]:
    """New entries for this consumer. They stay in the group's pending list until acknowledged."""
    reply = r.xreadgroup(group, consumer, {stream: ">"}, count=count)
    return [(entry_id.decode(), fields) for _, entries in reply for entry_id, fields in entries]


def reclaim_stale(r: redis.Redis, stream: str, group: str, consumer: str, idle_ms: int) -> list[str]:
    """Take over entries another consumer read but never acknowledged (it probably crashed)."""
    _next, claimed, *_ = r.xautoclaim(stream, group, consumer, min_idle_time=idle_ms, start_id="0-0")
    return [entry_id.decode() for entry_id, _fields in claimed]


# --8<-- [end:streams]
