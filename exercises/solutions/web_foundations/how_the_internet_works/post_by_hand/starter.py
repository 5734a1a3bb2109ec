"""A reference solution: Content-Length counts the bytes sent, not the characters typed; a missing length is
refused with 411; and the handler's timeout bounds how long a silent client can hold a thread."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def build_post(path: str, text: str) -> bytes:
    """The bytes of a POST whose body is `text`, in UTF-8."""
    body = text.encode("utf-8")  # "ü" is one character but two bytes: the length must count bytes
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain; charset=utf-8\r\n"
    head += f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    return head.encode("ascii") + body


class GreetingHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 5  # seconds a client may stay silent; socketserver applies it to the connection

    def do_POST(self) -> None:
        length = self.headers.get("Content-Length", "")
        if not (length.isascii() and length.isdigit()):
            self.send_error(411, "Length Required")  # no way to know where the body ends
            return
        try:
            body = self.rfile.read(int(length))
        except TimeoutError:
            self.send_error(408, "Request Timeout")  # the client announced more than it sent
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def local_server() -> Iterator[int]:
    """Run the handler on 127.0.0.1 at a free port; yield the port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), GreetingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def send_raw(port: int, wire: bytes, timeout: float = 5) -> bytes:
    """Open a TCP connection, write the bytes, read everything until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(wire)
        reply = b""
        while chunk := conn.recv(4096):
            reply += chunk
    return reply
