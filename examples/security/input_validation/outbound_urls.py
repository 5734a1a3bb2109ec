"""Checking a URL before the server fetches it, against server-side request forgery (SSRF)."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit


class RefusedURL(ValueError):
    pass


# --8<-- [start:ssrf]
def safe_target(url: str, allowed_ports: frozenset[int] = frozenset({443})) -> tuple[str, str, int]:
    """(host, address, port) to connect to, or RefusedURL. Connect to the returned address, not the name,
    so that a second DNS answer (DNS rebinding) cannot swap in an internal address after this check."""
    parts = urlsplit(url)
    if parts.scheme != "https":
        raise RefusedURL(f"scheme {parts.scheme!r} is not allowed")
    if not parts.hostname or parts.username or parts.password:
        raise RefusedURL("a host is required and credentials in the URL are not allowed")
    port = parts.port or 443
    if port not in allowed_ports:
        raise RefusedURL(f"port {port} is not allowed")
    addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)}
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])  # drop an IPv6 zone id such as %eth0
        if not ip.is_global:  # loopback, private, link-local (cloud metadata), reserved, ...
            raise RefusedURL(f"{parts.hostname} resolves to the non-public address {ip}")
    return parts.hostname, sorted(addresses)[0], port


# --8<-- [end:ssrf]
