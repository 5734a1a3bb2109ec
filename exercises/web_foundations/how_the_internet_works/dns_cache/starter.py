"""Exercise: the failover that took three hours.

The service resolves `db.internal` through this small caching resolver, so that it does not ask the DNS
server before every query. Symptom: during a database failover the operators switched `db.internal`'s A record
(TTL 30 seconds) to the new primary. The service kept connecting to the old one for three hours, until someone
restarted it. A connection pool that sits behind this resolver also caches what it is given, and it was always
told the full TTL again.

Diagnose it with the check (`make exercise ID=web_foundations/how_the_internet_works/dns_cache`), then make the
cache honor TTLs the way a recursive resolver does (RFC 1035, RFC 2181): an answer lives as long as its
shortest-lived record, TTL 0 means "do not reuse", and the TTL handed out counts down, which is why `dig` shows
a smaller TTL when you ask twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from examples.web_foundations.internet_basics.dns_message import Record

Upstream = Callable[[str, str], list[Record]]  # asks the DNS; a CNAME chain comes back as several records


class CachingResolver:
    def __init__(self, upstream: Upstream, clock: Callable[[], float] = time.monotonic) -> None:
        self.upstream = upstream
        self.clock = clock  # the check passes a clock it controls
        self.cache: dict[tuple[str, str], list[Record]] = {}

    def resolve(self, name: str, record_type: str) -> list[Record]:
        key = (name.lower(), record_type)
        if key not in self.cache:
            self.cache[key] = self.upstream(name, record_type)
        return self.cache[key]
