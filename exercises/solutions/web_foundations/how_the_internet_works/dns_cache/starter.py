"""A reference solution: each cached answer remembers when it was stored and expires with its shortest TTL; what
callers get has the TTL that is left, so no cache after this one can keep it longer than the source allowed."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass

from examples.web_foundations.internet_basics.dns_message import Record

Upstream = Callable[[str, str], list[Record]]  # asks the DNS; a CNAME chain comes back as several records


@dataclass(frozen=True)
class Entry:
    records: list[Record]
    stored_at: float
    lifetime: int  # seconds: the smallest TTL in the answer (RFC 2181, 5.2: a set shares one TTL)


class CachingResolver:
    def __init__(self, upstream: Upstream, clock: Callable[[], float] = time.monotonic) -> None:
        self.upstream = upstream
        self.clock = clock
        self.cache: dict[tuple[str, str], Entry] = {}

    def resolve(self, name: str, record_type: str) -> list[Record]:
        key = (name.lower(), record_type)  # DNS names are case-insensitive
        now = self.clock()
        entry = self.cache.get(key)
        if entry is None or now - entry.stored_at >= entry.lifetime:
            records = self.upstream(name, record_type)
            entry = Entry(records, now, min((record.ttl for record in records), default=0))
            if entry.lifetime > 0:  # TTL 0: use for this answer only, never store (RFC 1035, 3.2.1)
                self.cache[key] = entry
            else:
                self.cache.pop(key, None)
        elapsed = int(now - entry.stored_at)
        return [dataclasses.replace(record, ttl=max(record.ttl - elapsed, 0)) for record in entry.records]
