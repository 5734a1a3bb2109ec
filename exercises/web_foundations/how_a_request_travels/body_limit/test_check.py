"""Acceptance check: a request whose Content-Length is over 1 MiB gets 413 at once, before any of its body is
sent, and the connection is closed; a body of exactly 1 MiB is still accepted.

The check sends only the headers and holds the body back. A server that waits for the body gives up after its
(shortened) timeout and answers something else, so the check fails deterministically instead of hanging.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from exercises import load_module

MIB = 1024 * 1024


def headers_only(length: int) -> bytes:
    return f"POST /echo HTTP/1.1\r\nHost: uploads\r\nContent-Length: {length}\r\n\r\n".encode()


def exchange(answer: Path, data: bytes) -> tuple[int, dict[str, str], bytes, bool]:
    """Send `data`, keep the connection open, read one response; report whether the server then closed."""
    with (
        load_module(answer).RawHttpServer(timeout=1.0) as server,
        socket.create_connection(("127.0.0.1", server.port), timeout=10) as conn,
        conn.makefile("rb") as stream,
    ):
        conn.sendall(data)
        status_line = stream.readline()
        assert status_line, "the server closed the connection without answering"
        headers = {}
        while (line := stream.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("iso-8859-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        body = stream.read(int(headers.get("content-length", "0")))
        return int(status_line.split()[1]), headers, body, stream.read(1) == b""


@pytest.mark.parametrize("length", [MIB + 1, 2 * 1024**3, 10**30], ids=["1MiB+1", "2GiB", "absurd"])
def test_an_oversized_body_is_refused_before_it_is_sent(answer: Path, length: int) -> None:
    status, headers, _, closed = exchange(answer, headers_only(length))
    assert status == 413, f"Content-Length: {length} got {status}: the server waited for a body it should refuse"
    assert headers.get("connection", "").lower() == "close"
    assert closed, "the unread body would be taken for the next request: close the connection after a 413"


@pytest.mark.starter_passes
def test_a_body_of_exactly_one_mib_is_accepted(answer: Path) -> None:
    payload = bytes(range(256)) * (MIB // 256)
    status, _, body, _ = exchange(answer, headers_only(MIB) + payload)
    assert (status, body) == (200, payload)


@pytest.mark.starter_passes
def test_an_invalid_content_length_is_still_400(answer: Path) -> None:
    assert exchange(answer, b"POST /echo HTTP/1.1\r\nHost: u\r\nContent-Length: -1\r\n\r\n")[0] == 400
