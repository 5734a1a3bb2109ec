"""Raw HTTP against a real server on loopback: every byte the lab's lesson talks about is checked here."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator

import pytest

from labs.http_lab.http_lab import server


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    """Run the asyncio server in a background thread with its own event loop."""
    loop = asyncio.new_event_loop()
    srv = loop.run_until_complete(server.start())
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    yield srv.sockets[0].getsockname()[1]
    loop.call_soon_threadsafe(srv.close)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=5)


def exchange(port: int, *requests: str) -> list[tuple[int, dict[str, str], bytes]]:
    """Send raw requests over one connection and parse each response (Content-Length framing only)."""
    responses = []
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        stream = conn.makefile("rb")
        for raw in requests:
            conn.sendall(raw.encode())
            status_line = stream.readline().decode()
            headers = {}
            while (line := stream.readline().decode()) != "\r\n":
                name, _, value = line.partition(":")
                headers[name.lower()] = value.strip()
            body = stream.read(int(headers.get("content-length", "0")))
            responses.append((int(status_line.split()[1]), headers, body))
    return responses


def get(port: int, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    lines = [f"GET {path} HTTP/1.1", "Host: lab"] + [f"{k.replace('_', '-')}: {v}" for k, v in headers.items()]
    return exchange(port, "\r\n".join(lines) + "\r\n\r\n")[0]


def test_conditional_get_returns_304_with_no_body(port):
    status, headers, _ = get(port, "/articles/1")
    assert status == 200
    assert headers["cache-control"] == "max-age=60"
    status, headers_304, body = get(port, "/articles/1", If_None_Match=headers["etag"])
    assert (status, body) == (304, b"")
    assert headers_304["etag"] == headers["etag"]
    assert "content-length" not in headers_304


def test_stale_etag_gets_full_response(port):
    status, _, body = get(port, "/articles/1", If_None_Match='"stale"')
    assert status == 200
    assert body.startswith(b"{")


def test_content_negotiation_and_separate_etags(port):
    json_status, json_headers, _ = get(port, "/articles/1", Accept="application/json")
    html_status, html_headers, html_body = get(port, "/articles/1", Accept="text/html,application/json;q=0.5")
    assert (json_status, html_status) == (200, 200)
    assert json_headers["content-type"] == "application/json"
    assert html_headers["content-type"] == "text/html"
    assert html_body.startswith(b"<h1>")
    assert json_headers["etag"] != html_headers["etag"]
    assert "Accept" in json_headers["vary"]
    # The HTML ETag must not validate a JSON request.
    assert get(port, "/articles/1", Accept="application/json", If_None_Match=html_headers["etag"])[0] == 200


def test_not_acceptable(port):
    assert get(port, "/articles/1", Accept="image/avif")[0] == 406


def test_cors_preflight_allowed_and_refused(port):
    preflight = (
        "OPTIONS /articles/1 HTTP/1.1\r\nHost: lab\r\nOrigin: {origin}\r\n"
        "Access-Control-Request-Method: PUT\r\nAccess-Control-Request-Headers: if-match\r\n\r\n"
    )
    [(ok_status, ok, _)] = exchange(port, preflight.format(origin="https://app.example.com"))
    assert ok_status == 204
    assert ok["access-control-allow-origin"] == "https://app.example.com"
    assert "PUT" in ok["access-control-allow-methods"]
    assert "If-Match" in ok["access-control-allow-headers"]
    assert ok["access-control-max-age"] == "600"
    [(_, refused, _)] = exchange(port, preflight.format(origin="https://evil.example"))
    assert "access-control-allow-origin" not in refused


def test_actual_cors_response_echoes_allowed_origin_only(port):
    assert get(port, "/articles/1", Origin="https://app.example.com")[1]["access-control-allow-origin"] == (
        "https://app.example.com"
    )
    assert "access-control-allow-origin" not in get(port, "/articles/1", Origin="https://evil.example")[1]


def test_keep_alive_serves_several_requests_on_one_connection(port):
    request = "GET /health HTTP/1.1\r\nHost: lab\r\n\r\n"
    responses = exchange(port, request, request, request)
    assert [status for status, _, _ in responses] == [200, 200, 200]


def test_head_and_method_not_allowed(port):
    [(status, headers, body)] = exchange(port, "HEAD /articles/1 HTTP/1.1\r\nHost: lab\r\nConnection: close\r\n\r\n")
    assert status == 200 and body == b"" and "etag" in headers
    [(status, headers, _)] = exchange(port, "DELETE /articles/1 HTTP/1.1\r\nHost: lab\r\n\r\n")
    assert status == 405
    assert headers["allow"] == "GET, HEAD, OPTIONS"


def test_unknown_article_is_404(port):
    assert get(port, "/articles/99")[0] == 404
