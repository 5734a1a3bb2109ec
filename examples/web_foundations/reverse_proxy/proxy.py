"""A minimal asyncio reverse proxy: round-robin upstreams, forwarding headers, and 502 or 504 on failure.

It speaks just enough HTTP/1.1 (Content-Length bodies, one request per connection) to show what
nginx, Apache httpd, Caddy or a cloud load balancer do on every request. Not for production.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Sequence

HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"}


async def read_message(reader: asyncio.StreamReader) -> tuple[str, list[tuple[str, str]], bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    start_line, *lines = head.decode("iso-8859-1").rstrip("\r\n").split("\r\n")
    headers = [(name.strip(), value.strip()) for name, _, value in (line.partition(":") for line in lines)]
    length = body_length(headers)
    body = await reader.readexactly(length) if length else b""
    return start_line, headers, body


def body_length(headers: list[tuple[str, str]]) -> int:
    """The body's length, refusing anything two parsers could read differently (request smuggling)."""
    if any(name.lower() == "transfer-encoding" for name, _ in headers):
        raise ValueError("this proxy frames bodies by Content-Length only")
    lengths = {value for name, value in headers if name.lower() == "content-length"}
    if len(lengths) > 1 or not all(value.isascii() and value.isdigit() for value in lengths):
        raise ValueError(f"invalid Content-Length: {sorted(lengths)}")
    return int(lengths.pop()) if lengths else 0


def status_only(status: int, reason: str) -> bytes:
    """An answer the proxy makes itself, with no body."""
    return serialize(f"HTTP/1.1 {status} {reason}", [("Content-Length", "0"), ("Connection", "close")], b"")


def serialize(start_line: str, headers: list[tuple[str, str]], body: bytes) -> bytes:
    head = start_line + "\r\n" + "".join(f"{n}: {v}\r\n" for n, v in headers) + "\r\n"
    return head.encode("iso-8859-1") + body


# --8<-- [start:forward]
def forwarded_headers(headers: list[tuple[str, str]], client_ip: str, scheme: str) -> list[tuple[str, str]]:
    """Drop hop-by-hop headers (RFC 9110, 7.6.1) and record who really asked."""
    named_in_connection = {
        token.strip().lower() for n, v in headers if n.lower() == "connection" for token in v.split(",")
    }
    kept = [(n, v) for n, v in headers if n.lower() not in HOP_BY_HOP | named_in_connection]
    prior = [v for n, v in kept if n.lower() == "x-forwarded-for"]
    kept = [(n, v) for n, v in kept if n.lower() != "x-forwarded-for"]
    host = next((v for n, v in headers if n.lower() == "host"), "")
    chain = ", ".join([*prior, client_ip])  # append: earlier proxies' entries stay in order
    return [
        *kept,
        ("X-Forwarded-For", chain),
        ("X-Forwarded-Proto", scheme),
        ("X-Forwarded-Host", host),
        ("Via", "1.1 teaching-proxy"),
        ("Connection", "close"),
    ]


# --8<-- [end:forward]


class ReverseProxy:
    # --8<-- [start:proxy]
    def __init__(self, upstreams: Sequence[tuple[str, int]], *, scheme: str = "http", timeout: float = 2.0) -> None:
        self._upstreams = itertools.cycle(upstreams)  # round robin: the simplest load-balancing policy
        self.scheme = scheme
        self.timeout = timeout

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        client_ip = writer.get_extra_info("peername")[0]
        try:
            try:
                start_line, headers, body = await read_message(reader)
            except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
                writer.write(status_only(400, "Bad Request"))  # the client's fault: nothing goes upstream
                return
            request = serialize(start_line, forwarded_headers(headers, client_ip, self.scheme), body)
            writer.write(await self.forward(next(self._upstreams), request))
        finally:
            await writer.drain()
            writer.close()

    async def forward(self, upstream: tuple[str, int], request: bytes) -> bytes:
        """Send the request to one upstream and return the answer for the client."""
        try:
            up_reader, up_writer = await asyncio.wait_for(asyncio.open_connection(*upstream), self.timeout)
        except TimeoutError:  # checked first: TimeoutError is a kind of OSError
            return status_only(504, "Gateway Timeout")  # no answer to the SYN: a host that is down or firewalled
        except OSError:
            return status_only(502, "Bad Gateway")  # refused (nothing listens) or unreachable
        try:
            up_writer.write(request)
            await up_writer.drain()
            status, up_headers, up_body = await asyncio.wait_for(read_message(up_reader), self.timeout)
        except TimeoutError:
            return status_only(504, "Gateway Timeout")  # connected, but no answer in time
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            return status_only(502, "Bad Gateway")  # reset, closed without answering, or an unreadable answer
        finally:
            up_writer.close()
        kept = [(n, v) for n, v in up_headers if n.lower() not in HOP_BY_HOP]
        return serialize(status, [*kept, ("Connection", "close")], up_body)

    # --8<-- [end:proxy]


async def echo_backend(name: str, delay: float = 0.0) -> asyncio.Server:
    """An upstream app server that answers with its name and the headers it received."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        _, headers, _ = await read_message(reader)
        await asyncio.sleep(delay)
        body = (f"backend={name}\n" + "".join(f"{n.lower()}={v}\n" for n, v in headers)).encode()
        writer.write(serialize("HTTP/1.1 200 OK", [("Content-Length", str(len(body))), ("Keep-Alive", "5")], body))
        await writer.drain()
        writer.close()

    return await asyncio.start_server(handle, "127.0.0.1", 0)
