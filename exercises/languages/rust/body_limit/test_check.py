"""Acceptance check: the notes service checks Content-Length before it allocates or reads anything.

The answer is compiled with rustc (edition 2024), started on a free port, and sent raw HTTP requests whose
Content-Length headers lie, so that a server trusting them shows it by waiting, crashing or answering 201.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from examples.languages.harness import free_port, running_server
from exercises.languages.toolchains import rustc


@pytest.fixture
def base_url(answer: Path, tmp_path: Path) -> Iterator[str]:
    binary = rustc(answer.parent, answer.name, tmp_path / "notes")
    with running_server([str(binary)], free_port()) as url:
        yield url


def raw_request(base_url: str, head: str, body: bytes = b"") -> tuple[int, dict[str, str], bytes]:
    """Send a request exactly as written and read the whole response; fail on silence or a dropped line."""
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(head.replace("\n", "\r\n").encode() + b"\r\n" + body)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            pytest.fail(f"no answer within 5 s to {head.splitlines()[0]!r}: the server is waiting for the body")
    response = b"".join(chunks)
    if not response:
        pytest.fail("the connection closed without a response: the request crashed its thread or the server")
    head_bytes, _, payload = response.partition(b"\r\n\r\n")
    status_line, *header_lines = head_bytes.decode().split("\r\n")
    headers = {name.lower(): value.strip() for name, value in (line.split(":", 1) for line in header_lines)}
    return int(status_line.split()[1]), headers, payload


@pytest.mark.starter_passes
def test_a_short_note_is_stored_and_echoed(base_url: str) -> None:
    created = httpx.post(f"{base_url}/notes", content=b'Ships in "two" days\n')
    assert created.status_code == 201
    assert created.json() == {"note": 'Ships in "two" days\n'}


def test_a_note_over_1_kib_is_refused_with_413(base_url: str) -> None:
    status, headers, _ = raw_request(base_url, "POST /notes HTTP/1.1\nHost: notes\nContent-Length: 2048\n", b"x" * 2048)
    assert status == 413, f"a 2 KiB note got {status}, expected 413"
    assert headers.get("content-type") == "application/problem+json"


def test_a_huge_content_length_is_refused_before_anything_is_read(base_url: str) -> None:
    status, headers, _ = raw_request(base_url, "POST /notes HTTP/1.1\nHost: notes\nContent-Length: 10000000000\n")
    assert status == 413, f"a claimed 10 GB body got {status}, expected 413 at once"
    assert headers.get("content-type") == "application/problem+json"
    assert httpx.get(f"{base_url}/health").status_code == 200, "the server must keep serving"


@pytest.mark.parametrize("length", ["abc", "-5", "99999999999999999999999"])
def test_a_content_length_that_is_not_a_size_is_a_400(base_url: str, length: str) -> None:
    status, headers, _ = raw_request(base_url, f"POST /notes HTTP/1.1\nHost: notes\nContent-Length: {length}\n")
    assert status == 400, f"Content-Length: {length} got {status}, expected 400"
    assert headers.get("content-type") == "application/problem+json"
    assert httpx.get(f"{base_url}/health").status_code == 200, "the server must keep serving"
