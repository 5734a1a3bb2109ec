"""Acceptance check: the echo returns exactly the bytes sent, whatever the script; a POST without a length gets
411; and a client that stalls in the middle of its body is let go within the handler's timeout."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from examples.web_foundations.raw_http.client import parse_response
from exercises import load_module


def echo(answer: Path, text: str) -> tuple[int, dict[str, str], bytes]:
    module = load_module(answer)
    with module.local_server() as port:
        reply = parse_response(module.send_raw(port, module.build_post("/echo", text)))
    return reply.status, reply.headers, reply.body


def test_non_ascii_text_comes_back_whole(answer: Path) -> None:
    status, headers, body = echo(answer, "Grüße, 世界")
    assert status == 200
    assert body == "Grüße, 世界".encode(), f"sent 'Grüße, 世界', got back {body!r}: Content-Length counts bytes"
    assert headers["content-length"] == str(len("Grüße, 世界".encode()))


def test_a_post_without_a_length_gets_411(answer: Path) -> None:
    module = load_module(answer)
    with module.local_server() as port:
        reply = module.send_raw(port, b"POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nhello")
    assert reply.startswith(b"HTTP/1.1 411 "), f"got {reply[:40]!r}: the server must say a length is required"


def test_a_stalled_body_does_not_hold_the_server(answer: Path) -> None:
    module = load_module(answer)
    timeout = module.GreetingHandler.timeout
    assert timeout is not None and 0 < timeout <= 10, (
        f"GreetingHandler.timeout is {timeout!r}: without a timeout a client that stops sending holds a thread forever"
    )
    with module.local_server() as port, socket.create_connection(("127.0.0.1", port), timeout=timeout + 10) as conn:
        conn.sendall(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten.")
        started = time.monotonic()
        reply = b""
        while chunk := conn.recv(4096):  # ends when the server closes; the socket timeout is the backstop
            reply += chunk
        waited = time.monotonic() - started
    assert waited < timeout + 5, f"the server held the connection for {waited:.1f} s"
    assert reply == b"" or reply.startswith(b"HTTP/1.1 408 ")


@pytest.mark.starter_passes
def test_ascii_text_comes_back(answer: Path) -> None:
    status, _, body = echo(answer, "hello")
    assert (status, body) == (200, b"hello")
