"""Start a real HTTP server on loopback and talk to it with hand-written bytes over a TCP socket."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from examples.web_foundations.raw_http.client import ClientResponse, parse_response


class GreetingHandler(BaseHTTPRequestHandler):
    """Answers `GET /hello` with a short text; anything else is 404."""

    protocol_version = "HTTP/1.1"  # the standard library answers HTTP/1.0 unless told otherwise

    def do_GET(self) -> None:
        if self.path == "/hello":
            body, status = b"Hello, web!\n", 200
        else:
            body, status = b"Not here.\n", 404
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def local_server() -> Iterator[int]:
    """Run the standard library's HTTP server on 127.0.0.1 at a free port; yield the port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), GreetingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


# --8<-- [start:exchange]
REQUEST = (
    b"GET /hello HTTP/1.1\r\n"  # request line: method, target, version
    b"Host: 127.0.0.1\r\n"  # the one header HTTP/1.1 requires
    b"Accept: text/plain\r\n"
    b"Connection: close\r\n"  # ask the server to close when done, so "end of data" ends the reply
    b"\r\n"  # an empty line ends the headers; a GET has no body
)


def send_raw(port: int, wire: bytes) -> bytes:
    """Open a TCP connection, write the bytes, read everything until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(wire)
        reply = b""
        while chunk := conn.recv(4096):
            reply += chunk
    return reply


def fetch_hello(port: int) -> ClientResponse:
    return parse_response(send_raw(port, REQUEST))


# --8<-- [end:exchange]
