"""What kind of IP address is this? The standard library's `ipaddress` knows the reserved ranges."""

from __future__ import annotations

import ipaddress

# --8<-- [start:classify]
# Named explicitly: Python's is_private also covers documentation and benchmarking ranges, and its answer for
# some ranges changed between patch releases. These are the ranges the lesson means by "private".
PRIVATE = [ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")]
SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT between an ISP and its customers (RFC 6598)


def describe(address: str) -> str:
    ip = ipaddress.ip_address(address)  # raises ValueError for anything that is not an address
    if ip.is_loopback:
        kind = "loopback (this machine only)"
    elif ip.is_link_local:
        kind = "link-local (this network segment only)"
    elif any(ip in network for network in PRIVATE if network.version == ip.version):
        kind = "private (not routed on the public internet)"
    elif ip in SHARED:
        kind = "shared (carrier-grade NAT)"
    elif ip.is_multicast:
        kind = "multicast"
    elif ip.is_global:
        kind = "public"
    else:
        kind = "reserved (documentation, benchmarking or another special use)"
    return f"IPv{ip.version} {kind}"


def same_network(address: str, network: str) -> bool:
    """Is the address inside a network written in CIDR notation, such as 192.168.1.0/24?"""
    return ipaddress.ip_address(address) in ipaddress.ip_network(network)


# --8<-- [end:classify]
