"""Exercise: a rate limit that one script walks straight through.

The API runs behind a load balancer (10.0.0.0/8) and, for some customers, also behind a CDN whose addresses
are 203.0.113.0/24. Both append the address they received each request from to `X-Forwarded-For`. The rate
limiter counts requests per client address, as `client_ip()` returns it.

Symptom: a scraper sends `X-Forwarded-For: <a random address>` with every request and is never limited, the
audit log shows requests "from" 127.0.0.1 and 8.8.8.8, and someone reached the app servers' public address
directly, bypassing the load balancer, with a forged header that was believed.

Diagnose it with the check (`make exercise ID=web_foundations/web_servers_and_reverse_proxies/client_ip`), then
return the address of the client as your own proxies saw it: walk the chain from the right, past addresses in
the trusted networks, and believe the header only when the connection itself came from a trusted proxy.
"""

from __future__ import annotations

from collections.abc import Sequence

TRUSTED_PROXIES = ("10.0.0.0/8", "203.0.113.0/24")  # the load balancer's subnet and the CDN's published range


def client_ip(peer: str, x_forwarded_for: str | None, trusted: Sequence[str] = TRUSTED_PROXIES) -> str:
    """The client's address. `peer` is the address of the TCP connection the app server accepted."""
    if x_forwarded_for:
        return x_forwarded_for.split(",")[0].strip()  # the first entry is the original client
    return peer
