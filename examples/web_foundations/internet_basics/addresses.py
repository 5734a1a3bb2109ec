"""What kind of IP address is this? The standard library's `ipaddress` knows the reserved ranges."""

from __future__ import annotations

import ipaddress


# --8<-- [start:classify]
def describe(address: str) -> str:
    ip = ipaddress.ip_address(address)  # raises ValueError for anything that is not an address
    if ip.is_loopback:
        kind = "loopback (this machine only)"
    elif ip.is_private:
        kind = "private (not routed on the public internet)"
    elif ip.is_global:
        kind = "public"
    else:
        kind = "reserved"
    return f"IPv{ip.version} {kind}"


def same_network(address: str, network: str) -> bool:
    """Is the address inside a network written in CIDR notation, such as 192.168.1.0/24?"""
    return ipaddress.ip_address(address) in ipaddress.ip_network(network)


# --8<-- [end:classify]
