"""Key-value modelling on a real Redis server: key names, expiry, atomic counters and sorted sets.

Unlike the document and wide-column examples, this one runs against a real server: the tests get a
throwaway Redis from the `redis_url` fixture.
"""

from __future__ import annotations

import json
from typing import Any

import redis


# --8<-- [start:sessions]
def save_session(r: redis.Redis, session_id: str, data: dict[str, Any], ttl_seconds: int) -> None:
    """One key per session, namespaced by type, with an expiry so abandoned sessions clean themselves up."""
    r.set(f"session:{session_id}", json.dumps(data), ex=ttl_seconds)


def load_session(r: redis.Redis, session_id: str) -> dict[str, Any] | None:
    raw = r.get(f"session:{session_id}")
    return json.loads(raw) if raw is not None else None


# --8<-- [end:sessions]


# --8<-- [start:leaderboard]
def record_score(r: redis.Redis, board: str, player: str, points: int) -> None:
    """ZINCRBY is atomic on the server: concurrent clients never lose each other's points."""
    r.zincrby(f"leaderboard:{board}", points, player)


def top(r: redis.Redis, board: str, n: int) -> list[tuple[str, int]]:
    rows = r.zrevrange(f"leaderboard:{board}", 0, n - 1, withscores=True)
    return [(member.decode(), int(score)) for member, score in rows]


# --8<-- [end:leaderboard]


# --8<-- [start:multi]
def transfer_points(r: redis.Redis, source: str, target: str, points: int) -> list[Any]:
    """MULTI/EXEC queues commands and runs them as one block no other client can interleave with.

    It is not a rollback unit: if one queued command fails at run time, the others still take effect.
    """
    pipe = r.pipeline(transaction=True)
    pipe.incrby(f"points:{target}", points)
    pipe.decrby(f"points:{source}", points)
    return pipe.execute(raise_on_error=False)


# --8<-- [end:multi]
