"""A reference solution: passive health checks and a retry on connection failure, as nginx's max_fails=1,
fail_timeout and proxy_next_upstream do.

Only a failed *connection* moves the request to the next upstream: nothing was sent, so even a POST is safe to
pass on. Once request bytes are out, a timeout or a reset is answered with 504 or 502 and never retried here,
because the upstream may have acted on the request.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable, Sequence

FAIL_TIMEOUT = 5.0  # seconds an upstream is left alone after a failed connection
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


class ReverseProxy:
    def __init__(
        self,
        upstreams: Sequence[tuple[str, int]],
        *,
        scheme: str = "http",
        timeout: float = 2.0,
        clock: Callable[[], float] = time.monotonic,  # the time source for health decisions; tests pass their own
    ) -> None:
        self._upstreams = list(upstreams)
        self._turn = itertools.count()  # round robin: the simplest load-balancing policy
        self._down_until: dict[tuple[str, int], float] = {}  # upstream -> when it may be tried again
        self.scheme = scheme
        self.timeout = timeout
        self.clock = clock

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        client_ip = writer.get_extra_info("peername")[0]
        try:
            try:
                start_line, headers, body = await read_message(reader)
            except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
                writer.write(status_only(400, "Bad Request"))  # the client's fault: nothing goes upstream
                return
            request = serialize(start_line, forwarded_headers(headers, client_ip, self.scheme), body)
            writer.write(await self.forward_with_failover(request))
        finally:
            await writer.drain()
            writer.close()

    def candidates(self) -> list[tuple[str, int]]:
        """The upstreams in this request's round-robin order, without those still inside their fail_timeout."""
        start = next(self._turn) % len(self._upstreams)
        ordered = self._upstreams[start:] + self._upstreams[:start]
        now = self.clock()
        return [upstream for upstream in dict.fromkeys(ordered) if self._down_until.get(upstream, 0.0) <= now]

    async def forward_with_failover(self, request: bytes) -> bytes:
        failure = status_only(502, "Bad Gateway")  # every upstream is marked down: nginx's "no live upstreams"
        for upstream in self.candidates():
            try:
                connection = await asyncio.wait_for(asyncio.open_connection(*upstream), self.timeout)
            except TimeoutError:  # checked first: TimeoutError is a kind of OSError
                failure = status_only(504, "Gateway Timeout")  # no answer to the SYN: down or firewalled
            except OSError:
                failure = status_only(502, "Bad Gateway")  # refused (nothing listens) or unreachable
            else:
                return await self.exchange(*connection, request)
            self._down_until[upstream] = self.clock() + FAIL_TIMEOUT  # leave it alone for a while
        return failure

    async def exchange(self, up_reader: asyncio.StreamReader, up_writer: asyncio.StreamWriter, request: bytes) -> bytes:
        """Send the request on an open upstream connection and return the answer for the client."""
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
