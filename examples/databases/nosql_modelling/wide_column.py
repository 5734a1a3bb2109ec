"""Wide-column modelling (Cassandra) shown as partitions of sorted rows.

No Cassandra node runs here. `WideColumnTable` models only what drives Cassandra schema design: a row
lives in exactly one partition chosen by hashing the partition key, rows inside a partition are kept
sorted by the clustering columns, and a query that does not name a whole partition key has to visit
every partition (Cassandra refuses it unless you add ALLOW FILTERING).
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]


class InvalidQuery(Exception):
    """Raised where Cassandra would reject a query that cannot be served from one partition."""


def token(partition_key: tuple[Any, ...], ring_size: int = 2**16) -> int:
    """Where a partition lives on the ring. Cassandra's default partitioner uses Murmur3; any even hash
    shows the idea: keys are spread uniformly and neighbouring keys land far apart."""
    digest = hashlib.sha256(repr(partition_key).encode()).digest()
    return int.from_bytes(digest[:4], "big") % ring_size


@dataclass
class WideColumnTable:
    partition_key: tuple[str, ...]
    clustering: tuple[str, ...]
    descending: bool = False
    partitions: dict[tuple[Any, ...], list[tuple[tuple[Any, ...], Row]]] = field(default_factory=dict)

    def insert(self, row: Row) -> None:
        """Writes are upserts: the same primary key simply overwrites (last write wins)."""
        pk = tuple(row[c] for c in self.partition_key)
        ck = tuple(row[c] for c in self.clustering)
        sort_key = tuple(-v for v in ck) if self.descending else ck
        rows = self.partitions.setdefault(pk, [])
        keys = [k for k, _ in rows]
        i = bisect.bisect_left(keys, sort_key)
        if i < len(rows) and rows[i][0] == sort_key:
            rows[i] = (sort_key, dict(row))
        else:
            rows.insert(i, (sort_key, dict(row)))

    def select(self, limit: int | None = None, allow_filtering: bool = False, **where: Any) -> list[Row]:
        pk_given = all(c in where for c in self.partition_key)
        if not pk_given and not allow_filtering:
            raise InvalidQuery("partition key not restricted: this query would scan every node (ALLOW FILTERING)")
        if pk_given:
            candidates = self.partitions.get(tuple(where[c] for c in self.partition_key), [])
        else:
            candidates = [item for rows in self.partitions.values() for item in rows]
        result = [row for _, row in candidates if all(row.get(k) == v for k, v in where.items())]
        return result[:limit] if limit is not None else result

    def partitions_touched(self, **where: Any) -> int:
        if all(c in where for c in self.partition_key):
            return 1
        return len(self.partitions)


# --8<-- [start:query_first]
# Query-first design: one table per access pattern, the same message written to both.
# Q1 "latest messages in a conversation" and Q2 "latest messages a user sent".
def message_tables() -> tuple[WideColumnTable, WideColumnTable]:
    by_conversation = WideColumnTable(partition_key=("conversation_id",), clustering=("sent_at",), descending=True)
    by_sender = WideColumnTable(partition_key=("sender", "month"), clustering=("sent_at",), descending=True)
    return by_conversation, by_sender


def post_message(tables: tuple[WideColumnTable, WideColumnTable], message: Row) -> None:
    """In Cassandra you would write both rows in one logged BATCH so they eventually both apply."""
    by_conversation, by_sender = tables
    by_conversation.insert(message)
    by_sender.insert({**message, "month": message["sent_at"] // 100})


# --8<-- [end:query_first]
