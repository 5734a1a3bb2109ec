"""A reference solution: what nginx's set_real_ip_from with real_ip_recursive on, and Uvicorn's
--forwarded-allow-ips, do. Only entries appended by trusted proxies are believed; the first address from the
right that no trusted proxy owns is the client."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

TRUSTED_PROXIES = ("10.0.0.0/8", "203.0.113.0/24")  # the load balancer's subnet and the CDN's published range


def is_trusted(address: str, trusted: Sequence[str]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False  # not an address at all: certainly not one of our proxies
    return any(ip in ipaddress.ip_network(network) for network in trusted)


def client_ip(peer: str, x_forwarded_for: str | None, trusted: Sequence[str] = TRUSTED_PROXIES) -> str:
    """The client's address. `peer` is the address of the TCP connection the app server accepted."""
    if not is_trusted(peer, trusted) or not x_forwarded_for:
        return peer  # a direct connection, or a proxy that added nothing: the peer is all we know
    chain = [entry.strip() for entry in x_forwarded_for.split(",")]
    # Each trusted proxy appended the address it saw. Walk back from the right while the entries are our own
    # proxies; the first one that is not was written by a trusted proxy about its client.
    nearest = peer
    for entry in reversed(chain):
        try:
            ipaddress.ip_address(entry)
        except ValueError:
            return nearest  # garbage where an address should be: stop at the last hop we can vouch for
        if not is_trusted(entry, trusted):
            return entry
        nearest = entry
    return nearest  # every entry is a trusted proxy: the left-most is as far as the chain goes
