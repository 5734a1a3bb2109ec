"""A minimal HTTP/1.1 client: resolve a name, open TCP, write the request, parse the response."""

from __future__ import annotations

import socket
from dataclasses import dataclass


@dataclass
class ClientResponse:
    version: str
    status: int
    reason: str
    headers: dict[str, str]
    body: bytes


# --8<-- [start:resolve]
def resolve(host: str, port: int) -> list[tuple[str, int]]:
    """Ask the system resolver (hosts file, then DNS) for the TCP addresses of a name."""
    results = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [(sockaddr[0], sockaddr[1]) for _family, _type, _proto, _name, sockaddr in results]


# --8<-- [end:resolve]


# --8<-- [start:request]
def request(host: str, port: int, method: str, target: str, body: bytes = b"") -> ClientResponse:
    lines = [f"{method} {target} HTTP/1.1", f"Host: {host}:{port}", "Connection: close", "User-Agent: raw-client/1"]
    if body:
        lines.append(f"Content-Length: {len(body)}")
    wire = ("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + body
    with socket.create_connection((host, port), timeout=5) as conn:  # the TCP three-way handshake happens here
        conn.sendall(wire)
        raw = b""
        while chunk := conn.recv(4096):  # "Connection: close" means the server ends the body by closing
            raw += chunk
    return parse_response(raw, head=method == "HEAD")


def parse_response(raw: bytes, *, head: bool = False) -> ClientResponse:
    head_bytes, _, body = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head_bytes.decode("iso-8859-1").split("\r\n")
    version, status, reason = status_line.split(" ", 2)
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if not head and "content-length" in headers:
        body = body[: int(headers["content-length"])]
    return ClientResponse(version, int(status), reason, headers, b"" if head else body)


# --8<-- [end:request]
