"""Acceptance check: one connection carries several requests, pipelined ones are answered in order, and the
connection closes when the client asks, when it speaks HTTP/1.0, or when it stays idle past the timeout.

Every read has a deadline, so a server that forgets to answer fails the check instead of hanging it.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import pytest

from exercises import load_module

GET = b"GET / HTTP/1.1\r\nHost: backend\r\n\r\n"
HELLO = b"hello from a raw socket\n"


def echo(body: bytes, *extra: bytes) -> bytes:
    head = [b"POST /echo HTTP/1.1", b"Host: backend", b"Content-Length: " + str(len(body)).encode(), *extra]
    return b"\r\n".join(head) + b"\r\n\r\n" + body


@contextmanager
def connection(answer: Path, timeout: float = 5.0) -> Iterator[tuple[socket.socket, BinaryIO]]:
    with load_module(answer).RawHttpServer(timeout=timeout) as server:
        conn = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        with conn, conn.makefile("rb") as stream:
            yield conn, stream


def read_response(stream: BinaryIO) -> tuple[int, dict[str, str], bytes]:
    """One response framed by Content-Length; raises if the server closed the connection instead."""
    status_line = stream.readline()
    if not status_line:
        raise AssertionError("the server closed the connection instead of answering the next request")
    headers = {}
    while (line := stream.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("iso-8859-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers, stream.read(int(headers.get("content-length", "0")))


def closed(stream: BinaryIO) -> bool:
    return stream.read(1) == b""  # end of stream: the server closed its side


def test_two_requests_share_one_connection(answer: Path) -> None:
    with connection(answer) as (conn, stream):
        conn.sendall(GET)
        status, headers, body = read_response(stream)
        assert (status, body) == (200, HELLO)
        assert headers.get("connection", "").lower() != "close", "the first response announced that it closes"
        conn.sendall(echo(b"second"))
        assert read_response(stream)[::2] == (200, b"second")


def test_pipelined_requests_are_answered_in_order(answer: Path) -> None:
    with connection(answer) as (conn, stream):
        conn.sendall(echo(b"one") + GET + echo(b"three\r\n\r\nwith a blank line"))  # three requests, one write
        assert read_response(stream)[2] == b"one"
        assert read_response(stream)[2] == HELLO, "the second request was lost: bytes read past the first one"
        assert read_response(stream)[2] == b"three\r\n\r\nwith a blank line"


@pytest.mark.starter_passes
def test_connection_close_is_honored(answer: Path) -> None:
    with connection(answer) as (conn, stream):
        conn.sendall(echo(b"bye", b"Connection: close"))
        status, headers, body = read_response(stream)
        assert (status, body) == (200, b"bye")
        assert headers.get("connection", "").lower() == "close"
        assert closed(stream), "the client asked to close, so the server must close after the response"


@pytest.mark.starter_passes
def test_http10_closes_unless_asked_to_keep_alive(answer: Path) -> None:
    with connection(answer) as (conn, stream):
        conn.sendall(b"GET / HTTP/1.0\r\n\r\n")
        assert read_response(stream)[0] == 200
        assert closed(stream), "HTTP/1.0 connections close after one response unless the client asks otherwise"


@pytest.mark.starter_passes
def test_an_idle_connection_is_closed(answer: Path) -> None:
    with connection(answer, timeout=0.2) as (conn, stream):
        conn.sendall(GET)
        assert read_response(stream)[0] == 200
        # Nothing more is sent: the server must give the connection up after its timeout, not hold a thread.
        assert closed(stream)
