"""Exercise: an echo endpoint that mangles German and hangs on slow clients.

The lesson's server gained a `POST /echo` that sends the request body back, and `build_post()` writes the raw
request for it. Symptoms: `build_post("/echo", "Grüße")` comes back as `Gr` and a broken character; a POST
without a Content-Length makes the server drop the connection without any answer; and a client that announces
100 bytes but sends 10 keeps one of the server's threads busy forever.

Diagnose it with the check (`make exercise ID=web_foundations/how_the_internet_works/post_by_hand`), then frame
the body in bytes, answer 411 Length Required when the length is missing (RFC 9110, 15.5.12), and give the
handler a timeout so a stalled body cannot hold a thread.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def build_post(path: str, text: str) -> bytes:
    """The bytes of a POST whose body is `text`, in UTF-8."""
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain; charset=utf-8\r\n"
    head += f"Content-Length: {len(text)}\r\nConnection: close\r\n\r\n"
    return head.encode("ascii") + text.encode("utf-8")


class GreetingHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length")))  # type: ignore[arg-type]
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
